import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';

let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ app } = world));

const BODY =
  '二〇二五年十月至十二月的绩效工资一直没有发放，队里说要等考核结果出来再定。考核办法从来没有公开过，请求尽快核实并补发。';

describe('text endpoints', () => {
  it('offers likely repeats to officers, links one, and refuses other roles', async () => {
    const officer = await loginAs(app, 'officer.root');
    const first = await officer.post('/api/petitions', {
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '绩效工资',
      body: BODY,
      petitioners: [{ name: '李四', identity: 'employee' }],
    });
    const firstId = first.json<{ petition: { id: string } }>().petition.id;

    const repeats = await officer.post('/api/petitions/repeats', {
      title: '绩效工资没发',
      body: `${BODY}上次反映至今未答复。`,
    });
    expect(repeats.statusCode).toBe(200);
    const view = repeats.json<{
      items: { petition: { id: string }; score: number; reasons: { code: string }[]; final: boolean }[];
    }>();
    expect(view.items.map((i) => i.petition.id)).toEqual([firstId]);
    expect(view.items[0]!.reasons[0]!.code).toBe('text_similar');

    const other = await officer.post('/api/petitions', {
      channel: 'phone',
      type: 'appeal',
      purpose: 'request',
      title: '食堂',
      body: '食堂饭菜价格上涨，分量变少。',
      petitioners: [{ name: '王五', identity: 'employee' }],
    });
    const otherId = other.json<{ petition: { id: string } }>().petition.id;
    const linked = await officer.post(`/api/petitions/${otherId}/link-repeat`, { repeatOfId: firstId });
    expect(linked.statusCode).toBe(200);
    expect(linked.json<{ flags: { repeat: boolean } }>().flags.repeat).toBe(true);

    const handler = await loginAs(app, 'handler.depthr');
    expect((await handler.post('/api/petitions/repeats', { title: 'x', body: BODY })).statusCode).toBe(403);
    expect((await handler.post('/api/petitions/suggest', { title: 'x', body: BODY })).statusCode).toBe(403);
  });

  it('retrains for the enterprise administrator only, suggests, and lists hotspots', async () => {
    const officer = await loginAs(app, 'officer.root');
    expect((await officer.post('/api/text/classifier/train')).statusCode).toBe(403);
    const admin = await loginAs(app, 'root.admin');
    const train = await admin.post('/api/text/classifier/train');
    expect(train.statusCode).toBe(200);
    expect(train.json()).toMatchObject({ trained: false, available: 0 });
    const suggestion = await officer.post('/api/petitions/suggest', { title: '工资', body: BODY });
    expect(suggestion.json()).toMatchObject({ status: 'no_model', categories: [] });
    const status = await officer.get('/api/text/classifier');
    expect(status.json()).toMatchObject({ trained: false, minimum: 30 });

    const hotspots = await officer.get('/api/hotspots?from=2026-01-01&to=2026-03-31');
    expect(hotspots.statusCode).toBe(200);
    expect(hotspots.json()).toMatchObject({
      items: [],
      from: '2026-01-01',
      to: '2026-03-31',
      analysed: 0,
      capped: false,
    });
    expect((await officer.get('/api/hotspots?from=tomorrow')).statusCode).toBe(400);
  });
});
