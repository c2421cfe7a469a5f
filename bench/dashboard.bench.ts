/**
 * Dashboard figures, printed (never asserted): the dashboard query (GET /api/dashboard's service
 * call: grouped counts by unit/category/channel/type, deadline status and satisfaction, day of
 * receipt, overdue by owner, open warnings) over 100,000 and 1,000,000 petitions of the demo
 * enterprise, for a month, a year and the whole range, at the enterprise (group chief) and a mine
 * (mine officer), p50/p95 — read from the rollup (issue #20) beside the live query over the list's
 * own scoped petitions (the old path, `source: 'live'`) and a plain COUNT(*) of the range, in the same run.
 *   npm run bench:dashboard      (BENCH_SIZES=100000,1000000, BENCH_RUNS, BENCH_LIVE_RUNS to change;
 *   BENCH_DATA_DIR=<dir> keeps each size's SQLite database there and reuses it when it holds the size;
 *   BENCH_DATABASE_URL=postgres://… runs on PostgreSQL, refilled when its petition count differs)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { HANDLER_ROLES, LEADER_ROLES } from '../common/domain/access.ts';
import { PETITION_STATES, isOpen } from '../common/domain/petition-state.ts';
import { PETITION_TYPES } from '../common/domain/deadlines.ts';
import { CHANNELS } from '../common/schemas/petition.ts';
import { boot } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { getDashboard } from '../server/modules/dashboard/dashboard.service.ts';
import { rebuildRollup } from '../server/modules/rollup/index.ts';
import type { ServiceDeps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { actorOf, percentile, syntheticPetition, table } from './support.ts';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const LIVE_RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 5);
const DATA_DIR = process.env.BENCH_DATA_DIR;
const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
const CLOSED = PETITION_STATES.filter((s) => !isOpen(s));

/** Insert `count` petitions straight into the table, received over the last three years, with the dashboard's columns. */
async function fill(deps: ServiceDeps, count: number, now: number): Promise<void> {
  const units = await deps.db
    .selectFrom('unit')
    .select(['id'])
    .where('kind', 'in', ['district_team', 'department', 'mine'])
    .execute();
  const root = await deps.db.selectFrom('unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const officer = await deps.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'officer')
    .executeTakeFirstOrThrow();
  const leaders = await deps.db.selectFrom('app_user').select('id').where('role', 'in', LEADER_ROLES).execute();
  // As in life, a case is registered by the group's office or a mine's, and a handled one has its
  // handler: with every case at the root and none handled, the planner's statistics say one value
  // holds every row, and the list's scope (registered here, handled by me) was planned as a scan.
  const offices = [
    root.id,
    ...(await deps.db.selectFrom('unit').select('id').where('kind', '=', 'mine').execute()).map((u) => u.id),
  ];
  const handlers = await deps.db.selectFrom('app_user').select('id').where('role', 'in', HANDLER_ROLES).execute();
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const statuses = ['met', 'met', 'met', 'met_late', 'open', 'overdue'] as const;
  const batch = 500;
  for (let start = 0; start < count; start += 50_000) {
    await deps.db.transaction().execute(async (trx) => {
      for (let offset = start; offset < Math.min(count, start + 50_000); offset += batch) {
        const rows = [];
        for (let i = offset; i < Math.min(count, offset + batch); i++) {
          const receivedMs = now - Math.floor(random() * SPAN_DAYS * DAY);
          const received = new Date(receivedMs).toISOString();
          // As in life: what came in more than three months ago is mostly closed.
          const state = receivedMs < now - 90 * DAY && random() < 0.97 ? pick(CLOSED) : pick(PETITION_STATES);
          const handled = state !== 'registered' && state !== 'triaged';
          const headcount = random() < 0.05 ? 5 + Math.floor(random() * 20) : 1;
          rows.push(
            syntheticPetition(i, {
              id: `D${String(i).padStart(9, '0')}`,
              case_number: `XF-D-${i}`,
              state,
              channel: pick(CHANNELS),
              type: pick(PETITION_TYPES),
              category_code: `0${1 + Math.floor(random() * 9)}0${1 + Math.floor(random() * 4)}`,
              received_at: received,
              registered_by: officer.id,
              registered_unit_id: pick(offices),
              handling_unit_id: handled ? pick(units).id : null,
              owner_id: handled && random() < 0.7 ? pick(leaders).id : null,
              handler_id: handled && handlers.length > 0 && random() < 0.8 ? pick(handlers).id : null,
              is_anonymous: random() < 0.1 ? 1 : 0,
              headcount,
              is_group: headcount >= 5 ? 1 : 0,
              is_skip_level: random() < 0.05 ? 1 : 0,
              is_repeat: random() < 0.2 ? 1 : 0,
              satisfaction: isOpen(state) || random() < 0.5 ? null : 1 + Math.floor(random() * 5),
              supervision_level: null,
              due_date: isOpen(state) ? date(receivedMs + 60 * DAY) : null,
              due_kind: isOpen(state) ? 'conclusion' : null,
              acceptance_due: date(receivedMs + 15 * DAY),
              acceptance_status: pick(statuses),
              conclusion_due: handled ? date(receivedMs + 75 * DAY) : null,
              conclusion_status: handled ? pick(statuses) : null,
            }),
          );
        }
        await trx.insertInto('petition').values(rows).execute();
      }
    });
  }
}

async function timed<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ p50: number; p95: number; last: T }> {
  await fn(); // warm-up
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), last: last as T };
}

async function run(size: number): Promise<{
  rows: Record<string, string | number>[];
  fillSeconds: number;
  rebuildSeconds: number;
  rollupRows: number;
  dialect: string;
  rssMib: number;
}> {
  const kept = DATA_DIR === undefined ? undefined : path.join(DATA_DIR, String(size));
  if (kept !== undefined) fs.mkdirSync(kept, { recursive: true, mode: 0o700 });
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-dashboard-'));
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
    const count = async () =>
      Number(
        (
          await deps.db
            .selectFrom('petition')
            .select(sql<number | string>`count(*)`.as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // A kept database is reused as filled (its petitions dated from when it was filled, "now" then).
    const stamp = path.join(dataDir, 'bench-now.txt');
    let now = Date.now();
    let fillSeconds = 0;
    let rebuildSeconds = 0;
    let rollupRows = 0;
    if ((await count()) === size && fs.existsSync(stamp)) {
      now = Number(fs.readFileSync(stamp, 'utf8'));
    } else {
      await deps.db.deleteFrom('petition').where('id', 'like', 'D%').execute();
      const t0 = performance.now();
      await fill(deps, size, now);
      fillSeconds = (performance.now() - t0) / 1000;
      // The fill inserts rows past the engine: the rollup is rebuilt as after a repair (the operator's command).
      const t1 = performance.now();
      rollupRows = (await rebuildRollup(deps.db, deps.dialect)).rows;
      rebuildSeconds = (performance.now() - t1) / 1000;
      if (kept !== undefined) fs.writeFileSync(stamp, String(now));
    }
    const chief = await actorOf(deps, 'chief');
    const mine = await actorOf(deps, 'dongshan.officer');
    const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
    const ranges: [string, string, string][] = [
      ['month', `${today.slice(0, 7)}-01`, today],
      ['year', `${today.slice(0, 4)}-01-01`, today],
      ['whole range', new Date(now - SPAN_DAYS * DAY - DAY).toISOString().slice(0, 10), today],
    ];
    const rows: Record<string, string | number>[] = [];
    for (const [label, from, to] of ranges) {
      const fromUtc = new Date(`${from}T00:00:00+08:00`).toISOString();
      const toUtc = new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY).toISOString();
      const baseline = await timed(async () => {
        const row = await deps.db
          .selectFrom('petition')
          .select(sql<number | string>`count(*)`.as('n'))
          .where('received_at', '>=', fromUtc)
          .where('received_at', '<', toUtc)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      });
      rows.push({
        range: label,
        scope: 'baseline: COUNT(*) of the range',
        petitions: baseline.last,
        'p50 ms': baseline.p50.toFixed(1),
        'p95 ms': baseline.p95.toFixed(1),
        'live p50 ms': '',
        'live p95 ms': '',
      });
      for (const [scope, actor] of [
        ['enterprise (group chief)', chief],
        ['mine (mine officer)', mine],
      ] as const) {
        const rollup = await timed(() => getDashboard(deps, actor, { from, to }));
        const live = await timed(() => getDashboard(deps, actor, { from, to }, { source: 'live' }), LIVE_RUNS);
        if (JSON.stringify(rollup.last) !== JSON.stringify(live.last))
          throw new Error(`rollup ≠ live: ${label} ${scope}`);
        rows.push({
          range: label,
          scope: `dashboard: ${scope}`,
          petitions: rollup.last.totals.petitions.value,
          'p50 ms': rollup.p50.toFixed(1),
          'p95 ms': rollup.p95.toFixed(1),
          'live p50 ms': live.p50.toFixed(1),
          'live p95 ms': live.p95.toFixed(1),
        });
      }
    }
    return {
      rows,
      fillSeconds,
      rebuildSeconds,
      rollupRows,
      dialect: deps.dialect,
      rssMib: process.memoryUsage().rss / 1024 / 1024,
    };
  } finally {
    await booted.database.close();
    if (kept === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const size of SIZES) {
    const result = await run(size);
    process.stdout.write(
      `\nDashboard query over ${size.toLocaleString('en')} petitions on ${result.dialect} ` +
        (result.fillSeconds === 0
          ? '(the kept database reused), '
          : `(filled in ${result.fillSeconds.toFixed(1)} s, rollup rebuilt in ${result.rebuildSeconds.toFixed(1)} s: ${result.rollupRows.toLocaleString('en')} rows), `) +
        `rollup ${RUNS} runs, live ${LIVE_RUNS} runs, each after a warm-up; ` +
        `process RSS ${result.rssMib.toFixed(0)} MiB\n\n${table(result.rows)}\n`,
    );
  }
}

if (process.env.BENCH_NO_MAIN !== '1') void main();
export { fill };
