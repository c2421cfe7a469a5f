import type { FastifyInstance } from 'fastify';
import { registerPetition } from '../intake/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { DashboardViewSchema } from '../../../common/schemas/dashboard.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { readAuditHead } from '../../platform/audit.ts';
import { buildTestApp, loginAs } from '../../test/test-app.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';

import { renderReportHtml } from './dashboard-report.ts';
import { getDashboard } from './dashboard.service.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  app = await buildTestApp(ctx);
  const input = RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'suggestion',
    purpose: 'suggestion',
    title: '建议井口<b>增设</b>热水',
    body: '建议在副井口增设热水供应点。',
    petitioners: [{ name: '王大山', identity: 'employee' }],
  });
  await registerPetition(petitionDepsOf(ctx), org.users['officer@mineA'] as Actor, input);
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('dashboard routes', () => {
  it('serves the figures to a chief and refuses a handler', async () => {
    const chief = await loginAs(app, 'chief.root');
    const response = await chief.get('/api/dashboard?from=2026-03-01&to=2026-03-31');
    expect(response.statusCode).toBe(200);
    const view = DashboardViewSchema.parse(response.json());
    expect(view.totals.petitions.value).toBe(1);
    expect(view.byUnit[0]).toMatchObject({ label: '甲矿', count: 1, drill: { unitId: org.units.mineA.id } });
    const handler = await loginAs(app, 'handler.teama1');
    expect((await handler.get('/api/dashboard')).statusCode).toBe(403);
    expect((await handler.get('/api/dashboard/report')).statusCode).toBe(403);
    expect((await chief.get('/api/dashboard?from=2026-13-01')).statusCode).toBe(400);
  });

  it('prints the monthly and annual report as a page without script', async () => {
    const chief = await loginAs(app, 'chief.root');
    for (const period of ['month', 'year']) {
      const response = await chief.get(`/api/dashboard/report?period=${period}&date=2026-03-15`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      const html = response.body;
      expect(html).not.toMatch(/<script/i);
      for (const section of [
        'volumes',
        'byUnit',
        'byCategory',
        'byChannel',
        'handling',
        'onTime',
        'satisfaction',
        'suggestions',
      ] as const) {
        expect(html).toContain(zhCN.dashboard.report[section]);
      }
      expect(html).toContain(
        period === 'month' ? '统计期间：2026-03-01 至 2026-03-31' : '统计期间：2026-01-01 至 2026-12-31',
      );
      expect(html).toContain('<td>甲矿</td><td class="n">1</td>');
      // The chain head as the report was made: the printed page anchors the audit trail (ADR 0004).
      const head = await readAuditHead(ctx.deps.db);
      expect(head.seq).toBeGreaterThan(0);
      expect(html).toContain(`审计链：截至第 ${head.seq} 条记录，末条哈希 ${head.hash}`);
    }
  });

  it('escapes every value of the report', async () => {
    const view = await getDashboard(ctx.deps, org.users['chief@root'] as Actor, {});
    const hostile = {
      ...view,
      unit: { ...view.unit, name: '<script>alert(1)</script>' },
      byUnit: [{ key: 'x', label: '"><img src=x onerror=alert(1)>', count: 1, drill: null }],
    };
    const html = renderReportHtml(
      hostile,
      'month',
      { forwarded: 0, assigned: 0, supervised: 0, suggestions: 1, adopted: 0 },
      '2026-03-02 09:00',
      { seq: 1, hash: '0'.repeat(64) },
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
