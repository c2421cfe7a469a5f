/** 法规政策库 over HTTP: what staff and outsiders meet through the routes, each refusal naming its field. */
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';

const world = appWorld({ knowledge: true });

describe('knowledge routes', () => {
  it('the group office adds a document and an article; a bad date and an unknown tag are refused by field', async () => {
    const office = await loginAs(world.app, 'officer.root');
    const made = await office.post('/api/knowledge/documents', {
      kind: 'model_reply',
      title: '关于井下津贴的答复口径',
    });
    expect(made.statusCode).toBe(200);
    const id = made.json<{ id: string }>().id;
    const badDate = await office.post(`/api/knowledge/documents/${id}/articles`, {
      number: '口径一',
      text: '井下津贴按实际下井天数计发。',
      effectiveFrom: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['effectiveFrom'] }] } },
    });
    const badTag = await office.post(`/api/knowledge/documents/${id}/articles`, {
      number: '口径一',
      text: '井下津贴按实际下井天数计发。',
      effectiveFrom: '2026-01-01',
      categoryCodes: ['0199'],
    });
    expect(badTag.statusCode).toBe(400);
    expect(badTag.json()).toMatchObject({ error: { details: { issues: [{ path: ['categoryCodes', 0] }] } } });
    const good = await office.post(`/api/knowledge/documents/${id}/articles`, {
      number: '口径一',
      text: '井下津贴按实际下井天数计发。',
      effectiveFrom: '2026-01-01',
      categoryCodes: ['0104'],
    });
    expect(good.statusCode).toBe(200);
    // A handler reads and searches it (Chinese words), but may not add to it.
    const handler = await loginAs(world.app, 'handler.teama1');
    const found = await handler.get(`/api/knowledge/articles?q=${encodeURIComponent('井下津贴')}`);
    expect(found.json<{ items: { number: string }[] }>().items.map((h) => h.number)).toEqual(['口径一']);
    const refused = await handler.post('/api/knowledge/documents', { kind: 'policy', title: '某制度' });
    expect(refused.statusCode).toBe(403);
  });

  it('an outside partner and a stranger are kept out', async () => {
    const partner = await loginAs(world.app, 'partner.depthr');
    expect((await partner.get('/api/knowledge/documents')).statusCode).toBe(403);
    expect((await world.app.inject({ method: 'GET', url: '/api/knowledge/documents' })).statusCode).toBe(401);
  });
});
