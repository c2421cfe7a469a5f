import ExcelJS from 'exceljs';
import { registerPetition } from '../intake/index.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { LedgerImportViewSchema } from '../../../common/schemas/ledger.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { buildTestApp, loginAs, type Client } from '../../test/test-app.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';

let ctx: TestContext;
let org: Org;
let app: FastifyInstance;
let officer: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  await registerPetition(
    petitionDepsOf(ctx),
    org.users['officer@mineA'] as Actor,
    RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '加班工资未发放',
      body: '综采一队加班工资未发放，请求补发。',
      petitioners: [{ name: '王大山', identity: 'employee' }],
      involvedUnitIds: [org.units.teamA1.id],
    }),
  );
  app = await buildTestApp(ctx);
  officer = await loginAs(app, 'officer.minea');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

function upload(client: Client, fileName: string, data: Buffer) {
  const boundary = '----xinfang-ledger-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    'utf8',
  );
  return app.inject({
    method: 'POST',
    url: '/api/ledger/imports',
    headers: {
      cookie: `${SESSION_COOKIE}=${client.cookie}`,
      [CSRF_HEADER]: client.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

describe('GET /api/ledger/export', () => {
  it('streams an xlsx download of the filtered list', async () => {
    const response = await officer.get('/api/ledger/export?channel=visit');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BF%A1%E8%AE%BF%E5%8F%B0%E8%B4%A6");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(2);
  });

  it('applies the filters: another channel exports only the header (CSV)', async () => {
    const response = await officer.get('/api/ledger/export?channel=letter&format=csv');
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.trim().split('\r\n')).toHaveLength(1);
  });

  it('refuses a visitor without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/ledger/export' })).statusCode).toBe(401);
  });
});

describe('the import over HTTP', () => {
  it('uploads, dry-runs, runs (202) and reports the outcome on the job', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['案件编号', '登记日期', '渠道', '信访人', '内容摘要']);
    sheet.addRow(['R-1', '2026-02-10', '来信', '张某', '反映班组长工作方法简单粗暴']);
    const uploaded = await upload(officer, '台账.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(uploaded.statusCode).toBe(200);
    const job = LedgerImportViewSchema.parse(uploaded.json());
    const dryRun = await officer.post(`/api/ledger/imports/${job.id}/dry-run`, { mapping: job.mapping });
    expect(dryRun.json()).toMatchObject({ rowCount: 1, valid: 1, errorCount: 0 });
    const run = await officer.post(`/api/ledger/imports/${job.id}/run`, { mapping: job.mapping });
    expect(run.statusCode).toBe(202);
    let status = '';
    for (let i = 0; i < 50 && status !== 'done'; i++) {
      status = LedgerImportViewSchema.parse((await officer.get(`/api/ledger/imports/${job.id}`)).json()).status;
      if (status !== 'done') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe('done');
    const other = await loginAs(app, 'officer.root');
    expect((await other.get(`/api/ledger/imports/${job.id}`)).statusCode).toBe(404);
  });

  it('keeps a file name with a NUL or a right-to-left override without them (PostgreSQL holds no NUL)', async () => {
    const csv = Buffer.from('标题\u0000,正文\n拖欠\u0000工资,请求\u0000补发\n');
    const uploaded = await upload(officer, '\u202e台账\u0000.csv', csv);
    expect(uploaded.statusCode).toBe(200);
    expect(LedgerImportViewSchema.parse(uploaded.json()).fileName).toBe('台账.csv');
  });
});
