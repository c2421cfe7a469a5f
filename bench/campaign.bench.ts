/**
 * The screening campaign roll-up (排查汇总), printed (never asserted): an enterprise of 2,000+
 * reporting units — 10 mines × 20 区队 × 10 班组 under the demo group — and a year of monthly
 * campaigns each covering every one of them (~26,500 returns), answered as in life (most nil, some
 * with hazards, some late, some missing). Times GET /api/screening-campaigns/:id/rollup's service
 * call at the group (per mine) and at a mine (per 区队), and the campaign list, p50/p95 — beside a
 * plain COUNT(*) of the same campaign's returns in the same run.
 *   npm run bench:campaign      (BENCH_RUNS to change; BENCH_DATABASE_URL for PostgreSQL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { addCalendarDays, localDateOf } from '../common/domain/calendar.ts';
import { boot } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import type { ScreeningReturnTable } from '../server/db/schema.ts';
import { getCampaignRollup, listCampaigns } from '../server/modules/prevention/screening.service.ts';
import type { ServiceDeps } from '../server/platform/deps.ts';
import { createLogger } from '../server/platform/logger.ts';
import { actorOf, percentile, table } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const MINES = 10;
const TEAMS = 20;
const CREWS = 10;
const CAMPAIGNS = 12;

type Unit = { id: string; path: string };

/** The tree, inserted straight into the table (a bench, not the demo): mines, their 区队, their 班组. */
async function fillTree(deps: ServiceDeps, root: Unit, at: string): Promise<{ mines: Unit[]; all: Unit[] }> {
  const mines: Unit[] = [];
  const all: Unit[] = [];
  const rows: {
    id: string;
    parent_id: string;
    kind: 'mine' | 'district_team' | 'crew';
    path: string;
    depth: number;
  }[] = [];
  for (let m = 0; m < MINES; m++) {
    const mine = { id: `BM${m}`, path: `${root.path}BM${m}/` };
    mines.push(mine);
    rows.push({ id: mine.id, parent_id: root.id, kind: 'mine', path: mine.path, depth: 1 });
    for (let t = 0; t < TEAMS; t++) {
      const team = { id: `BM${m}T${t}`, path: `${mine.path}BM${m}T${t}/` };
      rows.push({ id: team.id, parent_id: mine.id, kind: 'district_team', path: team.path, depth: 2 });
      for (let c = 0; c < CREWS; c++) {
        const id = `BM${m}T${t}C${c}`;
        rows.push({ id, parent_id: team.id, kind: 'crew', path: `${team.path}${id}/`, depth: 3 });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await deps.db
      .insertInto('unit')
      .values(
        rows.slice(i, i + 500).map((r, k) => ({
          ...r,
          name: `${r.kind}-${r.id}`,
          code: `B${r.id}`,
          active: 1,
          sort_order: i + k,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
  all.push(...rows.map((r) => ({ id: r.id, path: r.path })));
  return { mines, all };
}

/** A year of monthly campaigns by the group over every bench unit, answered as in life. */
async function fillCampaigns(
  deps: ServiceDeps,
  root: Unit,
  units: Unit[],
  officerId: string,
  now: number,
): Promise<string[]> {
  let seed = 11;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const ids: string[] = [];
  const today = localDateOf(new Date(now).toISOString());
  for (let c = 0; c < CAMPAIGNS; c++) {
    const id = `BC${c}`;
    ids.push(id);
    const due = addCalendarDays(today, -30 * (CAMPAIGNS - 1 - c));
    const at = new Date(now - 30 * 86_400_000 * (CAMPAIGNS - c)).toISOString();
    await deps.db
      .insertInto('screening_campaign')
      .values({
        id,
        unit_id: root.id,
        unit_path: root.path,
        topic: `第${c + 1}期矛盾隐患排查`,
        description: '',
        period_from: addCalendarDays(due, -10),
        period_to: addCalendarDays(due, 10),
        due_date: due,
        unit_kinds: null,
        created_by: officerId,
        created_at: at,
      })
      .execute();
    const rows: ScreeningReturnTable[] = units.map((u, i) => {
      const r = random();
      const status = r < 0.8 ? 'nil' : r < 0.9 ? 'hazards' : 'pending';
      const answered = status !== 'pending';
      return {
        id: `${id}R${i}`,
        campaign_id: id,
        unit_id: u.id,
        unit_path: u.path,
        due_date: due,
        status,
        hazard_count: status === 'hazards' ? 1 + Math.floor(random() * 3) : 0,
        note: null,
        answered_at: answered ? at : null,
        answered_by: answered ? officerId : null,
        on_time: answered ? (random() < 0.9 ? 1 : 0) : null,
        chased_at: null,
        escalated_at: null,
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await deps.db
        .insertInto('screening_return')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  }
  return ids;
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-campaign-'));
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
    const rootRow = await deps.db
      .selectFrom('unit')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const chief = await actorOf(deps, 'chief');
    const now = Date.now();
    const t0 = performance.now();
    const { mines, all } = await fillTree(deps, rootRow, new Date(now).toISOString());
    const campaignIds = await fillCampaigns(deps, rootRow, all, chief.id, now);
    const fillSeconds = (performance.now() - t0) / 1000;
    const latest = campaignIds.at(-1) ?? '';
    const mine = mines[0]!;
    const returns = await deps.db
      .selectFrom('screening_return')
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();

    const rows: Record<string, string | number>[] = [];
    const baseline = await timed(async () => {
      const row = await deps.db
        .selectFrom('screening_return')
        .select(sql<number | string>`count(*)`.as('n'))
        .where('campaign_id', '=', latest)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
    rows.push({
      query: "baseline: COUNT(*) of the campaign's returns",
      rows: baseline.last,
      'p50 ms': baseline.p50.toFixed(1),
      'p95 ms': baseline.p95.toFixed(1),
    });
    const group = await timed(() => getCampaignRollup(deps, chief, latest, undefined));
    rows.push({
      query: 'roll-up at the group (per mine)',
      rows: group.last.total.total,
      'p50 ms': group.p50.toFixed(1),
      'p95 ms': group.p95.toFixed(1),
    });
    const atMine = await timed(() => getCampaignRollup(deps, chief, latest, mine.id));
    rows.push({
      query: 'roll-up at a mine (per 区队)',
      rows: atMine.last.total.total,
      'p50 ms': atMine.p50.toFixed(1),
      'p95 ms': atMine.p95.toFixed(1),
    });
    const list = await timed(() => listCampaigns(deps, chief));
    rows.push({
      query: 'campaign list with counts (group)',
      rows: list.last.items.reduce((n, c) => n + c.counts.total, 0),
      'p50 ms': list.p50.toFixed(1),
      'p95 ms': list.p95.toFixed(1),
    });
    process.stdout.write(
      `\nCampaign roll-up over ${all.length.toLocaleString('en')} bench units (+ the demo group), ${CAMPAIGNS} campaigns, ` +
        `${Number(returns.n).toLocaleString('en')} returns on ${deps.dialect} (filled in ${fillSeconds.toFixed(1)} s), ${RUNS} runs each after a warm-up\n\n${table(rows)}\n`,
    );
  } finally {
    await booted.database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
