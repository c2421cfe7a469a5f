/**
 * The chief's morning view (晨报), printed (never asserted): GET /api/daily-reports/morning's service
 * call for an enterprise of 2,000 reporting units that reported every day of a year (730,000 reports,
 * one in twenty with an item), at the group (chief: by mine) and drilled into one mine, p50/p95 —
 * beside a plain COUNT(*) of the same day's rows in the same run, and the year's figures.
 *   npm run bench:report      (BENCH_UNITS, BENCH_DAYS, BENCH_RUNS; BENCH_DATABASE_URL for PostgreSQL)
 * The rows are inserted in bulk for the bench only (the app files reports one by one, through the service).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { addCalendarDays, localDateOf } from '../common/domain/calendar.ts';
import { lastWorkingDayBefore } from '../common/domain/daily-report.ts';
import { loadCalendar } from '../server/modules/calendar/index.ts';
import { boot } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import type { DailyReportItemTable, DailyReportTable, UnitTable } from '../server/db/schema.ts';
import { figureSources, morningView } from '../server/modules/report/index.ts';
import type { ServiceDeps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { actorOf, percentile, table } from './support.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 2000);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

/**
 * Crews under the demo's district teams until the enterprise has `UNITS` reporting units, created a
 * year ago; then one report per unit and day over `DAYS` days up to yesterday.
 */
async function fill(deps: ServiceDeps, today: string): Promise<{ reports: number; units: number }> {
  const first = addCalendarDays(today, -DAYS);
  const created = new Date(`${addCalendarDays(first, -1)}T00:00:00+08:00`).toISOString();
  const kinds = ['mine', 'company', 'district_team', 'crew'] as const;
  const existing = await deps.db.selectFrom('unit').select(['id', 'kind', 'path', 'depth']).execute();
  await deps.db.updateTable('unit').set({ created_at: created }).execute();
  const teams = existing.filter((u) => u.kind === 'district_team');
  const reporting = existing.filter((u) => (kinds as readonly string[]).includes(u.kind)).map((u) => u.id);
  const crews: UnitTable[] = [];
  for (let i = 0; reporting.length + crews.length < UNITS; i++) {
    const team = teams[i % teams.length]!;
    const id = `BENCHU${String(i).padStart(6, '0')}`;
    crews.push({
      id,
      parent_id: team.id,
      kind: 'crew',
      name: `班组${i}`,
      code: `BC${i}`,
      path: `${team.path}${id}/`,
      depth: team.depth + 1,
      active: 1,
      sort_order: i,
      created_at: created,
      updated_at: created,
      leader_user_id: null,
      info_officer_user_id: null,
      info_officer_name: null,
      info_officer_phone: null,
    });
  }
  for (let i = 0; i < crews.length; i += 500)
    await deps.db
      .insertInto('unit')
      .values(crews.slice(i, i + 500))
      .execute();
  const unitIds = [...reporting, ...crews.map((c) => c.id)];
  const submitter = await deps.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'dongshan.crew')
    .executeTakeFirstOrThrow();
  let n = 0;
  for (let d = 0; d < DAYS; d++) {
    const date = addCalendarDays(first, d);
    const reports: DailyReportTable[] = [];
    const items: DailyReportItemTable[] = [];
    for (const unitId of unitIds) {
      n += 1;
      const withItem = n % 20 === 0;
      const late = n % 13 === 0;
      const id = `BR${String(n).padStart(9, '0')}`;
      reports.push({
        id,
        unit_id: unitId,
        report_date: date,
        report_key: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        nil: withItem ? 0 : 1,
        late: late ? 1 : 0,
        item_count: withItem ? 1 : 0,
        submitted_by: submitter.id,
        submitted_at: new Date(`${date}T${late ? '18' : '10'}:00:00+08:00`).toISOString(),
      });
      if (withItem) {
        items.push({
          id: `BI${String(n).padStart(9, '0')}`,
          report_id: id,
          seq: 0,
          kind: (['concern', 'dispute', 'hazard', 'difficulty'] as const)[n % 4]!,
          text: '职工反映夜班补贴发放时间不固定，希望明确发放日期。',
          headcount: 1 + (n % 7),
          petition_id: null,
          hazard_id: null,
          linked_at: null,
        });
      }
    }
    await deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < reports.length; i += 500)
        await trx
          .insertInto('daily_report')
          .values(reports.slice(i, i + 500))
          .execute();
      for (let i = 0; i < items.length; i += 500)
        await trx
          .insertInto('daily_report_item')
          .values(items.slice(i, i + 500))
          .execute();
    });
  }
  await sql`analyze`.execute(deps.db);
  return { reports: n, units: unitIds.length };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ p50: number; p95: number; last: T }> {
  await fn(); // warm-up
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), last: last as T };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-report-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
    XINFANG_DEMO_PETITIONS: 'false',
  };
  if (process.env.BENCH_DATABASE_URL !== undefined) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const booted = await boot(loadConfig('bench', env), createLogger({ logLevel: 'warn' }));
  const deps = booted.deps;
  try {
    const today = localDateOf(new Date().toISOString());
    const t0 = performance.now();
    const filled = await fill(deps, today);
    const fillSeconds = (performance.now() - t0) / 1000;
    const chief = await actorOf(deps, 'chief');
    if (process.env.BENCH_EXPLAIN === 'true') {
      const plan =
        await sql`explain query plan select id, unit_id from daily_report where report_date = ${addCalendarDays(today, -3)} and unit_id in (select id from unit where path like '/%')`.execute(
          deps.db,
        );
      process.stdout.write(`${JSON.stringify(plan.rows)}\n`);
    }
    const mine = await deps.db.selectFrom('unit').select('id').where('name', '=', '东山煤矿').executeTakeFirstOrThrow();
    const rows: Record<string, string | number>[] = [];
    for (const [label, date] of [
      ['the last working day', lastWorkingDayBefore(await loadCalendar(deps.db), new Date().toISOString())],
      ['half a year ago', addCalendarDays(today, -Math.floor(DAYS / 2))],
    ] as const) {
      const baseline = await timed(async () => {
        const row = await deps.db
          .selectFrom('daily_report')
          .select(sql<number | string>`count(*)`.as('n'))
          .where('report_date', '=', date)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      });
      rows.push({
        day: label,
        what: 'baseline: COUNT(*) of the day',
        rows: baseline.last,
        'p50 ms': baseline.p50.toFixed(1),
        'p95 ms': baseline.p95.toFixed(1),
      });
      const group = await timed(() => morningView(deps, chief, { date }));
      rows.push({
        day: label,
        what: 'morning view: the group by mine',
        rows: group.last.totals.due,
        'p50 ms': group.p50.toFixed(1),
        'p95 ms': group.p95.toFixed(1),
      });
      const drilled = await timed(() => morningView(deps, chief, { date, unitId: mine.id }));
      rows.push({
        day: label,
        what: 'morning view: one mine, unit by unit',
        rows: drilled.last.units.length,
        'p50 ms': drilled.p50.toFixed(1),
        'p95 ms': drilled.p95.toFixed(1),
      });
    }
    const root = await deps.db
      .selectFrom('unit')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const children = await deps.db.selectFrom('unit').select(['id', 'path']).where('parent_id', '=', root.id).execute();
    const period = { from: addCalendarDays(today, -DAYS), to: addCalendarDays(today, -1) };
    const yearCount = await timed(async () => {
      const row = await deps.db
        .selectFrom('daily_report')
        .select(sql<number | string>`count(*)`.as('n'))
        .where('report_date', '>=', period.from)
        .where('report_date', '<=', period.to)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
    rows.push({
      day: 'the year',
      what: 'baseline: COUNT(*) of the year',
      rows: yearCount.last,
      'p50 ms': yearCount.p50.toFixed(1),
      'p95 ms': yearCount.p95.toFixed(1),
    });
    const onTime = figureSources.find((s) => s.key === 'report.onTime')!;
    const figures = await timed(() => onTime.compute(deps, [root, ...children], period));
    rows.push({
      day: 'the year',
      what: 'figure report.onTime, group + its children',
      rows: figures.last.get(root.id)?.of ?? 0,
      'p50 ms': figures.p50.toFixed(1),
      'p95 ms': figures.p95.toFixed(1),
    });
    process.stdout.write(
      `\nMorning view over ${filled.reports.toLocaleString('en')} reports of ${filled.units.toLocaleString('en')} reporting units on ${deps.dialect} (filled in ${fillSeconds.toFixed(1)} s), ${RUNS} runs each after a warm-up\n\n${table(rows)}\n`,
    );
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
