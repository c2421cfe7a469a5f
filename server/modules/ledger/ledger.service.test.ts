import fs from 'node:fs';
import { registerPetition } from '../intake/index.ts';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { LEDGER_COLUMNS, type LedgerMapping } from '../../../common/schemas/ledger.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { createOrg, createTestContext, type Org, type TestContext } from '../../test/test-context.ts';
import { codeOf } from '../../test/outcome.ts';
import { databaseStore } from '../../platform/file-store.ts';
import { acceptPetition, declareConflict, getPetition, triagePetition } from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { sendNotice } from '../../test/notices.ts';
import { HEADERS, ledgerDepsOf, ledgerRow, xlsxOf } from '../../test/ledger-rows.ts';
import {
  createImportRegistry,
  dryRunImport,
  exportLedger,
  getLedgerImport,
  ledgerStatistics,
  startImport,
  updateLedgerSettings,
  uploadLedger,
  type LedgerDeps,
} from './ledger.service.ts';
import { IMPORT_LEASE_MS, resumeLedgerImports, runLedgerImport } from './ledger-import.job.ts';

let ctx: TestContext;
let org: Org;
let deps: LedgerDeps;
const H = zhCN.ledger.columns;

function input(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队拖欠加班工资',
    body: '本人在综采一队工作，加班工资未发放，请求尽快补发。',
    petitioners: [{ name: '王大山', idNumber: '11010519491231002X', identity: 'employee' }],
    ...overrides,
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = ledgerDepsOf(ctx);
  const officer = org.users['officer@mineA'] as Actor;
  // 1: an appeal on team A1, handled by team A1 (accepted), two representatives of a group of 6.
  const a = await registerPetition(
    deps,
    officer,
    input({
      petitioners: [
        { name: '王大山', idNumber: '11010519491231002X', identity: 'employee', isRepresentative: true },
        { name: '李小河', identity: 'employee', isRepresentative: true },
      ],
      headcount: 6,
      involvedUnitIds: [org.units.teamA1.id],
    }),
  );
  await triagePetition(deps, officer, a.petition.id, {});
  await acceptPetition(deps, officer, a.petition.id, {});
  await sendNotice(deps, officer, a.petition.id, 'acceptance_notice');
  ctx.clock.advance(86_400_000);
  // 2: an accusation naming the team head (recusal), filed by a whistle-blower.
  await registerPetition(
    deps,
    officer,
    input({
      type: 'accusation',
      purpose: 'report',
      channel: 'letter',
      title: '举报区队长虚报工时',
      body: '举报综采一队区队长长期虚报工时，多领补贴。',
      petitioners: [{ name: '赵举报', identity: 'employee' }],
      namedPersons: [{ name: 'unit-head.teama1', userId: org.users['unit_head@teamA1']?.id }],
    }),
  );
  ctx.clock.advance(86_400_000);
  // 3: anonymous, online.
  await registerPetition(
    deps,
    officer,
    input({
      channel: 'online',
      anonymous: true,
      petitioners: [],
      title: '食堂饭菜涨价',
      body: '矿食堂饭菜涨价，班中餐补贴没有提高。',
    }),
  );
  // 4: registered at the group, out of mine A's scope.
  await registerPetition(
    deps,
    org.users['officer@root'] as Actor,
    input({
      channel: 'phone',
      title: '乙矿养老保险断缴',
      body: '乙矿职工养老保险断缴两年，请求协助补缴。',
      involvedUnitIds: [org.units.mineB.id],
      petitioners: [{ name: '孙乙', identity: 'retiree' }],
    }),
  );
});
afterAll(async () => {
  await ctx.close();
});

async function exportBuffer(actor: Actor, format: 'xlsx' | 'csv', statistics?: 'month'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await exportLedger(deps, actor, {}, out, { format, statistics, pageSize: 2 });
  await ended;
  return Buffer.concat(chunks);
}

async function readBack(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

describe('exportLedger', () => {
  it('writes an xlsx with Chinese headers, a frozen header row, widths, an autofilter and real dates', async () => {
    const workbook = await readBack(await exportBuffer(org.users['officer@root'] as Actor, 'xlsx'));
    const sheet = workbook.getWorksheet(zhCN.ledger.sheetName);
    expect(sheet).toBeDefined();
    if (sheet === undefined) return;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => H[c]));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(LEDGER_COLUMNS.indexOf('summary') + 1).width).toBe(40);
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(4);
    // Newest first; the received date is an Excel date, not text.
    expect(rows[0]?.[H.receivedAt]).toBeInstanceOf(Date);
    const group = rows.find((r) => r[H.summary] === '综采一队拖欠加班工资');
    expect(group).toMatchObject({
      [H.petitioners]: '王大山（代表）、李小河（代表）',
      [H.headcount]: 6,
      [H.unit]: '甲矿/综采一队',
      [H.state]: '已受理',
      [H.channel]: '来访',
      [H.flags]: '集体访',
    });
    expect(group?.[H.acceptanceDue]).toBeInstanceOf(Date);
    expect(group?.[H.conclusionDue]).toBeInstanceOf(Date);
    expect(rows.find((r) => r[H.summary] === '食堂饭菜涨价')?.[H.petitioners]).toBe('匿名');
  });

  it('adds a statistics sheet by month when asked', async () => {
    const workbook = await readBack(await exportBuffer(org.users['officer@root'] as Actor, 'xlsx', 'month'));
    const stats = workbook.getWorksheet(zhCN.ledger.statsSheetName);
    expect(stats?.getRow(2).getCell(1).value).toBe('2026-03');
    expect(stats?.getRow(2).getCell(4).value).toBe(4);
  });

  it('writes the same columns as CSV in UTF-8 with a BOM', async () => {
    const csv = (await exportBuffer(org.users['officer@root'] as Actor, 'csv')).toString('utf8');
    expect(csv.startsWith('\uFEFF案件编号,登记日期,渠道,信访人')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(
      lines.some((l) => l.includes('"王大山（代表）、李小河（代表）"') || l.includes('王大山（代表）、李小河（代表）')),
    ).toBe(true);
  });

  it('writes an audit row with the row count', async () => {
    await exportBuffer(org.users['officer@mineA'] as Actor, 'csv');
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'ledger.export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ format: 'csv', rows: 3 });
  });
});

describe('exportLedger: scope and identity match the list (one row per viewer)', () => {
  // viewer → petitioner cell per summary; absent = the viewer may not see the row at all.
  const matrix: [viewer: string, expected: Record<string, string>][] = [
    [
      'officer@root',
      {
        综采一队拖欠加班工资: '王大山（代表）、李小河（代表）',
        举报区队长虚报工时: '赵举报',
        食堂饭菜涨价: '匿名',
        乙矿养老保险断缴: '孙乙',
      },
    ],
    [
      'officer@mineA',
      { 综采一队拖欠加班工资: '王大山（代表）、李小河（代表）', 举报区队长虚报工时: '赵举报', 食堂饭菜涨价: '匿名' },
    ],
    [
      'chief@mineA',
      { 综采一队拖欠加班工资: '王大山（代表）、李小河（代表）', 举报区队长虚报工时: '赵举报', 食堂饭菜涨价: '匿名' },
    ],
    // Auditors read everything but never who filed it.
    [
      'auditor@root',
      {
        综采一队拖欠加班工资: '（受保护）',
        举报区队长虚报工时: '（受保护）',
        食堂饭菜涨价: '匿名',
        乙矿养老保险断缴: '（受保护）',
      },
    ],
    // Nothing is handled by team A1 yet except … nothing: handlers see only what their unit handles.
    ['handler@teamA1', {}],
    ['unit_head@teamA1', {}],
    ['partner@deptHr', {}],
    ['admin@root', {}],
  ];
  it.each(matrix)('%s', async (viewer, expected) => {
    const actor = org.users[viewer] as Actor;
    const csv = (await exportBuffer(actor, 'csv')).toString('utf8');
    const workbook = await readBack(await exportBuffer(actor, 'xlsx'));
    const rows = rowsOf(workbook.getWorksheet(zhCN.ledger.sheetName) as ExcelJS.Worksheet);
    const seen = Object.fromEntries(rows.map((r) => [String(r[H.summary]), String(r[H.petitioners])]));
    expect(seen).toEqual(expected);
    // Exactly the list's petitions, and nothing the viewer may not see anywhere in the file.
    const list = await listPetitions(deps, actor, { pageSize: 200 });
    expect(rows.map((r) => r[H.caseNumber]).sort()).toEqual(list.items.map((i) => i.caseNumber).sort());
    if (viewer !== 'officer@root' && viewer !== 'officer@mineA' && viewer !== 'chief@mineA') {
      expect(csv).not.toContain('赵举报');
      expect(csv).not.toContain('王大山');
    }
  });

  // 被反映人: written only for the office, who alone may see whom a petition names (第30条第3款).
  it.each([
    ['officer@root', true],
    ['officer@mineA', true],
    ['chief@mineA', true],
    ['auditor@root', false],
  ])('%s: the 被反映人 column is written: %s', async (viewer, shown) => {
    const actor = org.users[viewer] as Actor;
    const workbook = await readBack(await exportBuffer(actor, 'xlsx'));
    const sheet = workbook.getWorksheet(zhCN.ledger.sheetName) as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.includes(H.namedPersons)).toBe(shown);
    const accusation = rowsOf(sheet).find((r) => r[H.summary] === '举报区队长虚报工时');
    expect(accusation).toBeDefined();
    const csv = (await exportBuffer(actor, 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]?.includes(H.namedPersons)).toBe(shown);
    if (shown) expect(accusation?.[H.namedPersons]).toBe('unit-head.teama1');
    else expect(csv).not.toContain('unit-head.teama1');
  });

  it('hides a petition from a user who declared a conflict on it', async () => {
    const deputy = org.users['deputy@mineA'] as Actor;
    const before = rowsOf(
      (await readBack(await exportBuffer(deputy, 'xlsx'))).getWorksheet(zhCN.ledger.sheetName) as ExcelJS.Worksheet,
    );
    const target = (await listPetitions(deps, deputy, { pageSize: 200 })).items.find((i) => i.title === '食堂饭菜涨价');
    if (target === undefined) throw new Error('fixture');
    await declareConflict(deps, deputy, target.id, { reason: '亲属关系回避' });
    const after = rowsOf(
      (await readBack(await exportBuffer(deputy, 'xlsx'))).getWorksheet(zhCN.ledger.sheetName) as ExcelJS.Worksheet,
    );
    expect(after).toHaveLength(before.length - 1);
    expect(after.map((r) => r[H.caseNumber])).not.toContain(target.caseNumber);
  });
});

describe('ledgerStatistics', () => {
  it('counts by unit, channel and type, with visit batches and person-times, per statistics month', async () => {
    const officer = org.users['officer@root'] as Actor;
    const view = await ledgerStatistics(deps, officer, {}, 'month');
    expect(view.startDay).toBe(1);
    expect(view.periods).toHaveLength(1);
    const march = view.periods[0];
    expect(march).toMatchObject({ key: '2026-03', total: 4, persons: 9, visitBatches: 1, visitPersons: 6 });
    expect(march?.byChannel).toEqual({ 来访: 1, 来信: 1, 网上信访: 1, 电话: 1 });
    expect(march?.byUnit).toEqual({ 甲矿: 3, 乙矿: 1 });
    // The acceptance notice of the accepted case was met on time; the others are still open.
    expect(march?.acceptance).toEqual({ due: 1, onTime: 1, rate: 1 });
  });

  it('follows the statistics month setting (the 3rd to the 2nd)', async () => {
    await updateLedgerSettings(deps, org.users['chief@root'] as Actor, { statisticsMonthStartDay: 3 });
    const view = await ledgerStatistics(deps, org.users['officer@root'] as Actor, {}, 'month');
    // Received 2 March (one), 3 March (one) and 4 March (two): from the 3rd on it is statistics month 04.
    expect(view.periods.map((p) => [p.key, p.total])).toEqual([
      ['2026-03', 1],
      ['2026-04', 3],
    ]);
    await updateLedgerSettings(deps, org.users['chief@root'] as Actor, { statisticsMonthStartDay: 1 });
    expect(
      await codeOf(updateLedgerSettings(deps, org.users['officer@root'] as Actor, { statisticsMonthStartDay: 5 })),
    ).toBe('FORBIDDEN');
  });
});

// ---------------------------------------------------------------------------------------------

async function countPetitions(): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('import', () => {
  const officer = () => org.users['officer@mineA'] as Actor;

  it('proposes a mapping from the header row', async () => {
    const view = await uploadLedger(deps, officer(), { fileName: '旧台账.xlsx', data: await xlsxOf([ledgerRow(1)]) });
    expect(view).toMatchObject({ status: 'uploaded', rowCount: 1, mappingSaved: false, headers: HEADERS });
    expect(view.mapping).toMatchObject({
      caseNumber: 0,
      receivedAt: 1,
      channel: 2,
      petitioners: 3,
      idNumbers: 4,
      summary: 9,
      state: 11,
    });
    expect(view.sample[0]?.[3]).toBe('老台账1号');
  });

  it('refuses other roles and hides an import from anyone but its uploader', async () => {
    const data = await xlsxOf([ledgerRow(1)]);
    expect(await codeOf(uploadLedger(deps, org.users['handler@teamA1'] as Actor, { fileName: 'a.xlsx', data }))).toBe(
      'FORBIDDEN',
    );
    const view = await uploadLedger(deps, officer(), { fileName: 'a.xlsx', data });
    expect(await codeOf(getLedgerImport(deps, org.users['officer@root'] as Actor, view.id))).toBe('NOT_FOUND');
    expect(await codeOf(uploadLedger(deps, officer(), { fileName: 'a.pdf', data: Buffer.from('%PDF-1.4') }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('reports every bad row with its row number and field in the dry run, and imports nothing when run', async () => {
    const rows = [
      ledgerRow(1),
      ledgerRow(2, { 登记日期: '2026-02-30' }),
      ledgerRow(3, { 渠道: '飞鸽传书' }),
      ledgerRow(4, { 所属单位: '丙矿' }),
      ledgerRow(5, { 身份证号: '110105194912310021' }),
      ledgerRow(6, { 信访人: '甲（代表）、乙（代表）、丙（代表）、丁（代表）、戊（代表）、己（代表）', 人数: 30 }),
      ledgerRow(7, { 所属单位: '综采一队' }),
      ledgerRow(8),
    ];
    const before = await countPetitions();
    const auditBefore = (await verifyAuditChain(ctx.deps.db)).checked;
    const view = await uploadLedger(deps, officer(), { fileName: '有错的台账.xlsx', data: await xlsxOf(rows) });
    const report = await dryRunImport(deps, officer(), view.id, view.mapping);
    expect(report.errorCount).toBe(5);
    // Rows 2, 8 and 9 are fine; the five others are not imported.
    expect(report).toMatchObject({ rowCount: 8, valid: 3, duplicates: 0 });
    expect(report.errors.map((e) => [e.row, e.field, e.column, e.code])).toEqual([
      [3, 'receivedAt', '登记日期', 'badDate'],
      [4, 'channel', '渠道', 'badChannel'],
      [5, 'unit', '所属单位', 'unknownUnit'],
      [6, 'idNumbers', '身份证号', 'badIdNumber'],
      [7, 'petitioners', '信访人', 'tooManyRepresentatives'],
    ]);
    expect(report.errors[4]?.message).toContain('第20条');
    // 综采一队 alone is unique in this organisation (only team A1 bears the name): accepted.
    const { done } = await startImport(deps, officer(), view.id, view.mapping);
    await done;
    const job = await getLedgerImport(deps, officer(), view.id);
    expect(job.status).toBe('failed');
    expect(job.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(await countPetitions()).toBe(before);
    // Nothing but the upload's audit row and the mapping were written.
    expect((await verifyAuditChain(ctx.deps.db)).checked).toBe(auditBefore + 1);
  });

  it('refuses a date the law counts from in the future, before 2000 or before the receipt, naming the field', async () => {
    // 《信访工作条例》第23、34–36条 count from these dates: a "2027" receipt would stretch the 15-day
    // notice, a "0001" one would close it at once and number the case XF1-… (issue #14, rule 3).
    const rows = [
      ledgerRow(1),
      ledgerRow(2, { 登记日期: '2027-02-01' }),
      ledgerRow(3, { 登记日期: '0001-01-01' }),
      ledgerRow(4, { 登记日期: '1999-12-31' }),
    ];
    const view = await uploadLedger(deps, officer(), { fileName: '日期有误.xlsx', data: await xlsxOf(rows) });
    const report = await dryRunImport(deps, officer(), view.id, view.mapping);
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'receivedAt', 'dateInFuture'],
      [4, 'receivedAt', 'dateTooEarly'],
      [5, 'receivedAt', 'dateTooEarly'],
    ]);
    expect(report.valid).toBe(1);
  });

  it('imports every row in one transaction as real petitions, then skips them on a re-import', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      ledgerRow(100 + i, i === 0 ? { 身份证号: '11010519491231002X', 信访人: '王大山' } : {}),
    );
    const data = await xlsxOf(rows);
    const before = await countPetitions();
    const view = await uploadLedger(deps, officer(), { fileName: '旧台账.xlsx', data });
    const mapping: LedgerMapping = { ...view.mapping };
    const report = await dryRunImport(deps, officer(), view.id, mapping);
    expect(report).toMatchObject({ rowCount: 30, valid: 30, duplicates: 0, errorCount: 0 });
    const started = await startImport(deps, officer(), view.id, mapping);
    expect(started.view.status).toBe('running');
    await started.done;
    const job = await getLedgerImport(deps, officer(), view.id);
    expect(job).toMatchObject({ status: 'done', result: { imported: 30, skipped: 0 }, progress: null });
    expect(await countPetitions()).toBe(before + 30);

    // Real petitions: case numbers, events, deadlines, identity encrypted and found by blind index.
    const imported = await ctx.deps.db
      .selectFrom('petition')
      .innerJoin('petition_import_source', 'petition_import_source.petition_id', 'petition.id')
      .selectAll('petition')
      .select(['petition_import_source.source_key', 'petition_import_source.source_case_number'])
      .where('petition_import_source.import_id', '=', view.id)
      .execute();
    expect(imported).toHaveLength(30);
    // …fingerprinted for the repeat look-up like registered ones (fingerprint-index.ts): filed under their samples.
    const ids = imported.map((p) => p.id);
    expect(
      await ctx.deps.db
        .selectFrom('petition_fingerprint')
        .select('petition_id')
        .where('petition_id', 'in', ids)
        .execute(),
    ).toHaveLength(30);
    const filed = await ctx.deps.db
      .selectFrom('petition_text_sample')
      .select('petition_id')
      .distinct()
      .where('petition_id', 'in', ids)
      .execute();
    expect(filed).toHaveLength(30);
    const first = imported.find((p) => p.source_case_number === 'OLD-100');
    expect(first).toMatchObject({ state: 'registered', channel: 'visit', type: 'appeal', is_repeat: 1 });
    expect(first?.case_number).toMatch(/^XF2026-\d{6}$/);
    expect(first?.due_date).not.toBeNull();
    const concluded = imported.find((p) => p.source_case_number === 'OLD-102');
    expect(concluded).toMatchObject({ state: 'concluded', outcomes: 'resolved', satisfaction: 5, due_date: null });
    const events = await ctx.deps.db
      .selectFrom('petition_event')
      .select(['kind', 'to_state'])
      .where('petition_id', '=', concluded?.id ?? '')
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { kind: 'register', to_state: 'registered' },
      { kind: 'imported', to_state: 'concluded' },
    ]);
    const person = await ctx.deps.db
      .selectFrom('petitioner')
      .innerJoin('petition_petitioner', 'petition_petitioner.petitioner_id', 'petitioner.id')
      .selectAll('petitioner')
      .where('petition_petitioner.petition_id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    // The same person as the registered petition 1 (same ID number): one petitioner record, a repeat.
    expect(person.id_number_enc).not.toContain('11010519491231002X');
    expect(person.id_number_index).toBe(deps.cipher.blindIndex('11010519491231002X'));
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['petition.import', 'ledger.import'])
      .execute();
    expect(audits.filter((a) => a.action === 'petition.import').length).toBeGreaterThanOrEqual(30);

    // The same file again: the same layout reuses the saved mapping, and nothing is duplicated.
    const again = await uploadLedger(deps, officer(), { fileName: '旧台账（再次）.xlsx', data });
    expect(again.mappingSaved).toBe(true);
    expect(await dryRunImport(deps, officer(), again.id, again.mapping)).toMatchObject({
      duplicates: 30,
      errorCount: 0,
    });
    const rerun = await startImport(deps, officer(), again.id, again.mapping);
    await rerun.done;
    expect(await getLedgerImport(deps, officer(), again.id)).toMatchObject({
      status: 'done',
      result: { imported: 0, skipped: 30 },
    });
    expect(await countPetitions()).toBe(before + 30);
  });

  it('shows its progress to a poll while it runs', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ledgerRow(10_000 + i));
    const view = await uploadLedger(deps, officer(), { fileName: '大台账.xlsx', data: await xlsxOf(rows) });
    const { done } = await startImport(deps, officer(), view.id, view.mapping);
    const state = { finished: false };
    void done.then(() => (state.finished = true));
    const seen = new Set<string>();
    while (!state.finished) {
      const job = await getLedgerImport(deps, officer(), view.id);
      if (job.progress !== null) seen.add(job.progress.phase);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect([...seen].some((phase) => phase === 'validating' || phase === 'preparing')).toBe(true);
    expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
      status: 'done',
      progress: null,
      result: { imported: 1500 },
    });
  });

  it('saves an edited mapping for the layout and offers it on the next upload', async () => {
    const headers = ['编号', '日期', '来源', '姓名', '主要问题', '备注'];
    const data = await xlsxOf([['N-1', '2026/2/3', '来电', '钱多多', '反映食堂卫生问题严重', '越级']], headers);
    const first = await uploadLedger(deps, officer(), { fileName: 'x.xlsx', data });
    expect(first.mappingSaved).toBe(false);
    const edited: LedgerMapping = { ...first.mapping, flags: 5 };
    expect((await dryRunImport(deps, officer(), first.id, edited)).errorCount).toBe(0);
    const second = await uploadLedger(deps, officer(), { fileName: 'y.xlsx', data });
    expect(second).toMatchObject({ mappingSaved: true, mapping: edited });
    const run = await startImport(deps, officer(), second.id, second.mapping);
    await run.done;
    const petition = await ctx.deps.db
      .selectFrom('petition')
      .innerJoin('petition_import_source', 'petition_import_source.petition_id', 'petition.id')
      .select(['petition.channel', 'petition.is_skip_level', 'petition.received_at'])
      .where('petition_import_source.source_key', '=', 'case:N-1')
      .executeTakeFirstOrThrow();
    expect(petition).toEqual({ channel: 'phone', is_skip_level: 1, received_at: '2026-02-02T16:00:00.000Z' });
  });

  it('takes back its own CSV export (round trip): every exported row imports, once', async () => {
    const csv = await exportBuffer(org.users['officer@mineA'] as Actor, 'csv');
    const rows = csv.toString('utf8').trim().split('\r\n').length - 1;
    const view = await uploadLedger(deps, officer(), { fileName: '导出.csv', data: csv });
    expect(view.headers).toEqual(LEDGER_COLUMNS.map((c) => H[c]));
    const report = await dryRunImport(deps, officer(), view.id, view.mapping);
    expect(report).toMatchObject({ rowCount: rows, valid: rows, errorCount: 0 });
    const run = await startImport(deps, officer(), view.id, view.mapping);
    await run.done;
    expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
      status: 'done',
      result: { imported: rows, skipped: 0 },
    });
    const again = await uploadLedger(deps, officer(), { fileName: '导出.csv', data: csv });
    expect(await dryRunImport(deps, officer(), again.id, again.mapping)).toMatchObject({ valid: 0, duplicates: rows });
  });

  it('reads the 被反映人 column: names recused until resolved, the unit matched to the tree or kept as written', async () => {
    const headers = [...HEADERS, '被反映人'];
    const rows = [
      [...ledgerRow(900, { 信访类别: '检举控告类' }), '张三（矿长）、chief.minea/甲矿/矿长；李四/丙矿'],
      [...ledgerRow(901), `${'很'.repeat(41)}（矿长）`],
    ];
    const view = await uploadLedger(deps, officer(), { fileName: '被反映人.xlsx', data: await xlsxOf(rows, headers) });
    expect(view.mapping.namedPersons).toBe(HEADERS.length);
    const report = await dryRunImport(deps, officer(), view.id, view.mapping);
    // A name longer than 40 characters is refused, naming the row, the field and its column.
    expect(report.errors.map((e) => [e.row, e.field, e.column])).toEqual([[3, 'namedPersons', '被反映人']]);
    const ok = await uploadLedger(deps, officer(), {
      fileName: '被反映人（改）.xlsx',
      data: await xlsxOf([rows[0] ?? []], headers),
    });
    await (
      await startImport(deps, officer(), ok.id, ok.mapping)
    ).done;
    expect(await getLedgerImport(deps, officer(), ok.id)).toMatchObject({ status: 'done', result: { imported: 1 } });
    const petition = await ctx.deps.db
      .selectFrom('petition_import_source')
      .select('petition_id')
      .where('source_key', '=', 'case:OLD-900')
      .executeTakeFirstOrThrow();
    const named = await ctx.deps.db
      .selectFrom('petition_named_person')
      .select(['name', 'unit_id', 'unit_text', 'position', 'user_id', 'resolution'])
      .where('petition_id', '=', petition.petition_id)
      .orderBy('id')
      .execute();
    expect(named).toEqual([
      { name: '张三', unit_id: null, unit_text: null, position: '矿长', user_id: null, resolution: 'unresolved' },
      {
        name: 'chief.minea',
        unit_id: org.units.mineA.id,
        unit_text: null,
        position: '矿长',
        user_id: null,
        resolution: 'unresolved',
      },
      { name: '李四', unit_id: null, unit_text: '丙矿', position: null, user_id: null, resolution: 'unresolved' },
    ]);
    // Registered at mine A, where its chief reads everything — except this case, which names him.
    expect(await codeOf(getPetition(deps, org.users['chief@mineA'] as Actor, petition.petition_id))).toBe('NOT_FOUND');
    expect((await getPetition(deps, officer(), petition.petition_id)).namedPersons).toHaveLength(3);
  });

  it('refuses a mapping without the required fields', async () => {
    const view = await uploadLedger(deps, officer(), { fileName: 'z.xlsx', data: await xlsxOf([ledgerRow(1)]) });
    expect(await codeOf(dryRunImport(deps, officer(), view.id, { caseNumber: 0 }))).toBe('VALIDATION_FAILED');
  });

  it('imports a ledger uploaded to another instance: the file and the progress are shared through the database (issue #21)', async () => {
    // Two instances: each its own disk and its own in-process registry, one database between them.
    const shared = databaseStore(ctx.deps.db, ctx.clock);
    const instanceA: LedgerDeps = {
      ...deps,
      importDir: path.join(ctx.dataDir, 'a'),
      imports: createImportRegistry(),
      sharedImports: shared,
    };
    const instanceB: LedgerDeps = {
      ...deps,
      importDir: path.join(ctx.dataDir, 'b'),
      imports: createImportRegistry(),
      sharedImports: shared,
    };
    const before = await countPetitions();
    const view = await uploadLedger(instanceA, officer(), {
      fileName: 'shared.xlsx',
      data: await xlsxOf([ledgerRow(901), ledgerRow(902)]),
    });
    expect(fs.existsSync(path.join(instanceB.importDir, `${view.id}.xlsx`))).toBe(false);
    // The dry run and the import are asked of B, which fetches the upload from the database.
    expect((await dryRunImport(instanceB, officer(), view.id, view.mapping)).errorCount).toBe(0);
    const { done } = await startImport(instanceB, officer(), view.id, view.mapping);
    await done;
    // A answers the poll from the row: done, with the outcome, and no progress left over.
    const polled = await getLedgerImport(instanceA, officer(), view.id);
    expect(polled).toMatchObject({ status: 'done', result: { imported: 2, skipped: 0 }, progress: null });
    expect(await countPetitions()).toBe(before + 2);
    // The upload is gone from the shared store once imported.
    expect(await shared.sizeOf(`ledger/${view.id}.xlsx`)).toBeNull();
  });

  it('shows another instance the progress of a running import from its row', async () => {
    const shared = databaseStore(ctx.deps.db, ctx.clock);
    const instanceA: LedgerDeps = {
      ...deps,
      importDir: path.join(ctx.dataDir, 'a'),
      imports: createImportRegistry(),
      sharedImports: shared,
    };
    const view = await uploadLedger(instanceA, officer(), { fileName: 'p.xlsx', data: await xlsxOf([ledgerRow(911)]) });
    // As the running instance writes it (progressWriter), without this instance's registry.
    await ctx.deps.db
      .updateTable('ledger_import')
      .set({ status: 'running', progress_json: JSON.stringify({ phase: 'writing', done: 40, total: 100 }) })
      .where('id', '=', view.id)
      .execute();
    expect((await getLedgerImport(instanceA, officer(), view.id)).progress).toEqual({
      phase: 'writing',
      done: 40,
      total: 100,
    });
  });

  it('resumes an import whose runner died after its last committed batch: every row once, nothing half-written', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ledgerRow(20_000 + i));
    const view = await uploadLedger(deps, officer(), { fileName: '中断的台账.xlsx', data: await xlsxOf(rows) });
    const before = await countPetitions();
    const job = () =>
      ctx.deps.db.selectFrom('ledger_import').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
    // The first runner stops for good after its first batch of 1000, as a process killed there would.
    let wake = () => {};
    const frozen = new Promise<void>((resolve) => (wake = resolve));
    let firstOutcome: string | null = null;
    const dying: LedgerDeps = {
      ...deps,
      importRunner: async (d, id, owner) => {
        firstOutcome = await runLedgerImport(d, id, owner, {
          batchRows: 1000,
          afterBatch: async (done) => {
            if (done === 1000) await frozen;
          },
        });
      },
    };
    const first = await startImport(dying, officer(), view.id, view.mapping);
    while ((await job()).rows_done < 1000) await new Promise((resolve) => setImmediate(resolve));
    // One batch in, whole, with its place in the file; the job still running under the dead runner's lease.
    expect(await countPetitions()).toBe(before + 1000);
    expect(await job()).toMatchObject({ status: 'running', rows_done: 1000, imported_count: 1000 });
    // Another instance polls: the progress is the row's.
    const other: LedgerDeps = { ...deps, imports: createImportRegistry() };
    expect((await getLedgerImport(other, officer(), view.id)).progress).toEqual({
      phase: 'writing',
      done: 1000,
      total: 2500,
    });
    // While the lease holds, no instance takes the import over.
    expect(await resumeLedgerImports(other)).not.toContain(view.id);
    ctx.clock.advance(IMPORT_LEASE_MS + 1000);
    const resumed: Promise<void>[] = [];
    expect(await resumeLedgerImports(other, undefined, (_id, done) => resumed.push(done))).toContain(view.id);
    // A second instance asking at the same time finds it claimed.
    expect(await resumeLedgerImports(deps)).not.toContain(view.id);
    await Promise.all(resumed);
    expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
      status: 'done',
      result: { imported: 2500, skipped: 0 },
      progress: null,
    });
    expect(await countPetitions()).toBe(before + 2500);
    const sources = await ctx.deps.db
      .selectFrom('petition_import_source')
      .select('source_key')
      .where('import_id', '=', view.id)
      .execute();
    expect(new Set(sources.map((r) => r.source_key)).size).toBe(2500);
    // The first runner wakes up (a paused process, not a dead one): its next batch is rolled back
    // with its lost lease — nothing written twice, the finished job untouched.
    wake();
    await first.done;
    expect(firstOutcome).toBe('lost');
    expect(await countPetitions()).toBe(before + 2500);
    expect(await job()).toMatchObject({ status: 'done', lease_owner: null });
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', view.id)
      .where('action', '=', 'ledger.import')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('fails clearly when a batch breaks a rule at write time: the batches before stay, that batch writes nothing', async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      ledgerRow(30_000 + i, i >= 20 ? { 承办单位: '甲矿/综采一队/甲班' } : {}),
    );
    const view = await uploadLedger(deps, officer(), { fileName: '规则变化.xlsx', data: await xlsxOf(rows) });
    const before = await countPetitions();
    const crew = org.units.crewA1.id;
    const changing: LedgerDeps = {
      ...deps,
      importRunner: async (d, id, owner) => {
        await runLedgerImport(d, id, owner, {
          batchRows: 10,
          // Between the check and the third batch, an administrator deactivates the unit its rows hand to.
          afterBatch: async (done) => {
            if (done === 20) await ctx.deps.db.updateTable('unit').set({ active: 0 }).where('id', '=', crew).execute();
          },
        });
      },
    };
    try {
      const { done } = await startImport(changing, officer(), view.id, view.mapping);
      await done;
      const job = await getLedgerImport(deps, officer(), view.id);
      expect(job).toMatchObject({ status: 'failed', result: { imported: 20 } });
      expect(job.errors[0]?.message).toContain('20 rows before it were imported');
      expect(await countPetitions()).toBe(before + 20);
      // Started again: the 20 are skipped by their source keys, the rest checked again.
      await ctx.deps.db.updateTable('unit').set({ active: 1 }).where('id', '=', crew).execute();
      const again = await startImport(deps, officer(), view.id, view.mapping);
      await again.done;
      expect(await getLedgerImport(deps, officer(), view.id)).toMatchObject({
        status: 'done',
        result: { imported: 10, skipped: 20 },
      });
      expect(await countPetitions()).toBe(before + 30);
    } finally {
      await ctx.deps.db.updateTable('unit').set({ active: 1 }).where('id', '=', crew).execute();
    }
  });

  it('reads a CSV ledger (UTF-8 with a BOM)', async () => {
    const text = `\uFEFF${HEADERS.join(',')}\r\n${ledgerRow(500)
      .map((v) =>
        v instanceof Date
          ? v.toISOString().slice(0, 10)
          : typeof v === 'string' || typeof v === 'number'
            ? String(v)
            : '',
      )
      .join(',')}\r\n`;
    const data = Buffer.from(text, 'utf8');
    const utf8 = await uploadLedger(deps, officer(), { fileName: 'a.csv', data });
    expect(utf8.headers).toEqual(HEADERS);
    expect((await dryRunImport(deps, officer(), utf8.id, utf8.mapping)).errorCount).toBe(0);
    expect(fs.existsSync(path.join(deps.importDir, `${utf8.id}.csv`))).toBe(true);
  });
});
