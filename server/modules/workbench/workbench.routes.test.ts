import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../test/test-app.ts';
import type { Org } from '../../test/test-context.ts';
import { appWorld } from '../../test/factories.ts';

let org: Org;
let app: FastifyInstance;
appWorld((world) => ({ org, app } = world));

const visit = {
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  title: '拖欠工资',
  body: '三个月工资未发放，请求补发。',
  petitioners: [{ name: '李四', identity: 'employee' }],
};

describe('GET /api/petitions/:id/page', () => {
  it('answers the whole case page at once, each part as its own endpoint answers it', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: { id: string } }>();
    const page = await officer.get(`/api/petitions/${petition.id}/page`);
    expect(page.statusCode).toBe(200);
    const body = page.json<Record<string, unknown>>();
    for (const [part, path] of [
      ['petition', ''],
      ['documents', '/documents'],
      ['messages', '/messages'],
      ['attachments', '/attachments'],
    ] as const) {
      expect(body[part], part).toEqual((await officer.get(`/api/petitions/${petition.id}${path}`)).json());
    }
    // The office on an open case sees its likely repeats (none here).
    expect(body.similar).toMatchObject({ items: [] });
  });

  it('is not found for whom the case is hidden, and leaves the repeats out for whom cannot link them', async () => {
    const officer = await loginAs(app, 'officer.root');
    const { petition } = (await officer.post('/api/petitions', visit)).json<{ petition: { id: string } }>();
    await officer.post(`/api/petitions/${petition.id}/triage`, {});
    await officer.post(`/api/petitions/${petition.id}/assign`, { handlingUnitId: org.units.teamA1.id });
    expect((await (await loginAs(app, 'handler.depthr')).get(`/api/petitions/${petition.id}/page`)).statusCode).toBe(
      404,
    );
    const handler = await loginAs(app, 'handler.teama1');
    const page = await handler.get(`/api/petitions/${petition.id}/page`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ similar: null });
  });
});
