/**
 * The ledger export as a file a reader opens (issue #20): what the service writes is read back by
 * ExcelJS and by the import's own streaming reader; the 受理/办结 due dates it writes (from the
 * derived columns) are the case page's (from the events) on any day; and a long export leaves the
 * event loop free between pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { LEDGER_COLUMNS } from '../../../common/schemas/ledger.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { ledgerDepsOf } from '../../test/ledger-rows.ts';
import { createOrg, createTestContext, type Org, type TestContext } from '../../test/test-context.ts';
import { registerPetition } from '../intake/index.ts';
import { acceptPetition, getPetition, triagePetition } from '../petition/index.ts';
import { ledgerRecords, storedDeadline } from './ledger-records.ts';
import { exportLedger, type LedgerDeps } from './ledger.service.ts';
import { streamXlsxRows } from './xlsx-stream-reader.ts';

let ctx: TestContext;
let org: Org;
let deps: LedgerDeps;
let officer: Actor;
const H = zhCN.ledger.columns;
/** Markup, both quotes and a line break: every one must come back as written. */
const TRICKY = '工资 <&>"\' 第一行\n第二行';

function input(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队拖欠加班工资',
    body: '本人在综采一队工作，加班工资未发放，请求尽快补发。',
    petitioners: [{ name: '王大山', identity: 'employee' }],
    ...overrides,
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = ledgerDepsOf(ctx);
  officer = org.users['officer@mineA'] as Actor;
  const accepted = await registerPetition(
    deps,
    officer,
    input({ headcount: 6, involvedUnitIds: [org.units.teamA1.id] }),
  );
  await triagePetition(deps, officer, accepted.petition.id, {});
  await acceptPetition(deps, officer, accepted.petition.id, {});
  ctx.clock.advance(86_400_000);
  await registerPetition(
    deps,
    officer,
    input({ title: TRICKY, petitioners: [{ name: '李小河', identity: 'retiree' }] }),
  );
  ctx.clock.advance(86_400_000);
  await registerPetition(
    deps,
    officer,
    input({ channel: 'online', anonymous: true, petitioners: [], title: '食堂饭菜涨价' }),
  );
});
afterAll(async () => {
  await ctx.close();
});

async function exported(actor: Actor, pageSize = 2, format: 'xlsx' | 'csv' = 'xlsx'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await exportLedger(deps, actor, {}, out, { format, pageSize });
  await ended;
  return Buffer.concat(chunks);
}

describe('the ledger export, read back', () => {
  it('gives ExcelJS and the import reader the same cells: Chinese text, numbers, dates, empty cells, <&>"\' and a line break', async () => {
    const buffer = await exported(officer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(zhCN.ledger.sheetName) as ExcelJS.Worksheet;
    // An office's export: every column, 被反映人 included.
    const columns = LEDGER_COLUMNS;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(columns.map((c) => H[c]));
    const byExcelJs: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) byExcelJs.push(columns.map((_c, i) => row.getCell(i + 1).value ?? null));
    });

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-export-')), 'ledger.xlsx');
    fs.writeFileSync(file, buffer);
    const byReader: unknown[][] = [];
    for await (const batch of streamXlsxRows(file))
      for (const row of batch)
        if (row.number > 1) byReader.push(columns.map((_c, i) => (row.cells[i] === undefined ? null : row.cells[i])));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    expect(byReader).toEqual(byExcelJs);
    const at = (c: (typeof columns)[number]) => columns.indexOf(c);
    // Newest first: the anonymous one, the tricky one, the accepted group.
    const [anonymous, tricky, group] = byExcelJs;
    expect(tricky?.[at('summary')]).toBe(TRICKY);
    expect(tricky?.[at('petitioners')]).toBe('李小河');
    expect(anonymous?.[at('petitioners')]).toBe('匿名');
    expect(group?.[at('headcount')]).toBe(6);
    expect(group?.[at('unit')]).toBe('甲矿/综采一队');
    const received = group?.[at('receivedAt')];
    expect(received).toBeInstanceOf(Date);
    expect((received as Date).toISOString().slice(0, 10)).toBe('2026-03-02');
    expect(group?.[at('acceptanceDue')]).toBeInstanceOf(Date);
    expect(sheet.getRow(2).getCell(at('receivedAt') + 1).numFmt).toBe('yyyy-mm-dd');
    // Empty cells stay empty (no owner, no outcome yet): nothing written, nothing read.
    expect(group?.[at('owner')]).toBeNull();
    expect(group?.[at('outcome')]).toBeNull();
  });
});

describe('the due dates of the export', () => {
  /** Every exported row's two deadlines against the case page's; the statuses seen. */
  async function compare(): Promise<string[]> {
    const statuses: string[] = [];
    for await (const page of ledgerRecords(deps, officer, {}, 2)) {
      for (const record of page) {
        const view = await getPetition(deps, officer, record.id);
        const of = (kind: string) => {
          const d = view.deadlines.find((x) => x.kind === kind);
          return d === undefined ? null : { dueDate: d.dueDate, status: d.status };
        };
        expect(record.acceptanceDue).toEqual(of('acceptance_notice'));
        expect(record.conclusionDue).toEqual(of('conclusion'));
        statuses.push(record.acceptanceDue?.status ?? '-', record.conclusionDue?.status ?? '-');
      }
    }
    return statuses;
  }

  it('are the case page’s (computed from the events) today, and still when an open one has run out', async () => {
    const today = await compare();
    expect(today).toHaveLength(6);
    expect(today).not.toContain('overdue');
    // Sixty days on, no event and no sweep: an open 受理告知/办结 clock is overdue on the page and in the ledger.
    ctx.clock.advance(60 * 86_400_000);
    expect(await compare()).toContain('overdue');
  });

  it('a stored deadline: open past its day is overdue, met stays met', () => {
    expect(storedDeadline(null, null, '2026-03-01')).toBeNull();
    expect(storedDeadline('2026-03-10', 'open', '2026-03-10')).toEqual({ dueDate: '2026-03-10', status: 'open' });
    expect(storedDeadline('2026-03-10', 'open', '2026-03-11')).toEqual({ dueDate: '2026-03-10', status: 'overdue' });
    expect(storedDeadline('2026-03-10', 'met', '2026-04-11')).toEqual({ dueDate: '2026-03-10', status: 'met' });
    expect(storedDeadline('2026-03-10', 'met_late', '2026-04-11')).toEqual({
      dueDate: '2026-03-10',
      status: 'met_late',
    });
  });
});

describe('a long export and the event loop', () => {
  it('lets other work run between pages (a request is not held for the whole file)', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const before = turns;
    // CSV, one row a page, into a destination that drains at once: nothing in the export waits on I/O.
    await exported(officer, 1, 'csv');
    running = false;
    expect(turns - before).toBeGreaterThanOrEqual(3);
  });
});
