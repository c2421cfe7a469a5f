import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS } from '../../../common/domain/documents.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { loginAs, type Client } from '../../test/test-app.ts';
import { appWorld } from '../../test/factories.ts';

let app: FastifyInstance;
appWorld((world) => ({ app } = world));

const visit = {
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  title: '井下补贴未发',
  body: '2026年2月井下津贴未发放，请求补发。',
  petitioners: [{ name: '赵六', phone: '13900002222', identity: 'employee' }],
};

async function accepted(officer: Client): Promise<string> {
  const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: { id: string } }>();
  expect((await officer.post(`/api/petitions/${petition.id}/triage`, {})).statusCode).toBe(200);
  expect((await officer.post(`/api/petitions/${petition.id}/accept`, {})).statusCode).toBe(200);
  return petition.id;
}

function put(client: Client, url: string, body: unknown) {
  return app.inject({
    method: 'PUT',
    url,
    headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
    payload: body as Record<string, unknown>,
  });
}

describe('document endpoints', () => {
  it('generates, prints without script, downloads a .docx and records the delivery', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await accepted(officer);
    const listed = (await officer.get(`/api/petitions/${id}/documents`)).json<{
      items: unknown[];
      generatable: string[];
    }>();
    expect(listed).toEqual({ items: [], generatable: ['acceptance_notice'] });

    const generated = await officer.post(`/api/petitions/${id}/documents`, { kind: 'acceptance_notice' });
    expect(generated.statusCode).toBe(200);
    const doc = generated.json<{ id: string; number: string; content: { paragraphs: string[] } }>();
    expect(doc.number).toBe('信受〔2026〕1号');

    const print = await officer.get(`/api/documents/${doc.id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(print.headers['content-security-policy']).toContain("script-src 'self'");
    expect(print.body).not.toMatch(/<script/i);
    expect(print.body).toContain('信访事项受理告知书');
    expect(print.body).toContain('@page { size: A4');

    const docx = await officer.get(`/api/documents/${doc.id}/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment; filename=".*\.docx"; filename\*=UTF-8''/);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    expect(xml).toContain('赵六');
    expect(xml).toContain('仿宋_GB2312');

    // Post needs its tracking number: the field is named.
    const noTracking = await officer.post(`/api/documents/${doc.id}/delivery`, { method: 'post' });
    expect(noTracking.statusCode).toBe(400);
    expect(
      noTracking.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path,
    ).toEqual(['trackingNumber']);
    const delivered = await officer.post(`/api/documents/${doc.id}/delivery`, { method: 'in_person' });
    expect(delivered.json<{ delivery: { method: string; deliveredAt: string } }>().delivery).toMatchObject({
      method: 'in_person',
    });
    expect((await officer.post(`/api/documents/${doc.id}/delivery`, { method: 'in_person' })).statusCode).toBe(409);

    // An unknown kind is refused naming the field.
    const bad = await officer.post(`/api/petitions/${id}/documents`, { kind: 'love_letter' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path).toEqual([
      'kind',
    ]);
  });

  it('hides documents from users who may not read the petition', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await accepted(officer);
    const doc = (await officer.post(`/api/petitions/${id}/documents`, { kind: 'acceptance_notice' })).json<{
      id: string;
    }>();
    const outsider = await loginAs(app, 'handler.depthr');
    for (const url of [
      `/api/documents/${doc.id}`,
      `/api/documents/${doc.id}/print`,
      `/api/documents/${doc.id}/docx`,
      `/api/petitions/${id}/documents`,
    ]) {
      expect((await outsider.get(url)).statusCode, url).toBe(404);
    }
  });

  it('lets only the enterprise administrator read and edit templates', async () => {
    const admin = await loginAs(app, 'root.admin');
    const templates = (await admin.get('/api/document-templates')).json<{
      items: { kind: string; version: number; fields: string[] }[];
    }>();
    expect(templates.items).toHaveLength(DOCUMENT_KINDS.length);
    const reply = templates.items.find((t) => t.kind === 'reply');
    expect(reply?.version).toBe(1);
    expect(reply?.fields).toEqual(expect.arrayContaining(['legalBasis', 'reviewDays']));
    const saved = await put(admin, '/api/document-templates/reply', {
      title: '处理意见书',
      addressee: '{{petitionerName}}',
      body: '{{opinion}}',
      numberPrefix: '信复',
    });
    expect(saved.json<{ version: number }>().version).toBe(2);
    expect(
      (await admin.get('/api/document-templates/reply/versions'))
        .json<{ items: { version: number }[] }>()
        .items.map((t) => t.version),
    ).toEqual([2, 1]);
    for (const username of ['officer.root', 'chief.root', 'admin.minea']) {
      const user = await loginAs(app, username);
      expect((await user.get('/api/document-templates')).statusCode, username).toBe(403);
      expect(
        (await put(user, '/api/document-templates/reply', { title: 'x', addressee: '', body: 'y', numberPrefix: '' }))
          .statusCode,
        username,
      ).toBe(403);
    }
  });
});
