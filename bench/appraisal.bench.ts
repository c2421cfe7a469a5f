/**
 * Appraisal round, printed (never asserted): the time to open (compute and store) a yearly round for
 * 2,000 mines over a year at BENCH_PETITIONS petitions (default 1,000,000), with every petition
 * indicator the registry has — the figure sources read the same attributed rows as the petition
 * list's `unitId` filter, so the drill-downs match the scores (tested in ledger-figures.test.ts) —
 * beside a plain COUNT(*) over the same rows in the same run. Aim ≤ 30 s.
 *   npm run bench:appraisal      (BENCH_PETITIONS=200000 for a smaller run; BENCH_DATABASE_URL for PostgreSQL)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { type Actor } from '../common/domain/access.ts';
import { PETITION_STATES, isOpen } from '../common/domain/petition-state.ts';
import type { AppraisalDefinition } from '../common/schemas/appraisal.ts';
import { boot } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { createScheme, openRound } from '../server/modules/appraisal/index.ts';
import { figureSourceOf, figureValues } from '../server/modules/figure/index.ts';
import { unitsUnder } from '../server/modules/unit/index.ts';
import type { DB, PetitionTable, UnitTable } from '../server/db/schema.ts';
import { createLogger } from '../server/platform/logger.ts';
import { filesystemStore } from '../server/platform/file-store.ts';
import { fillFingerprints, syntheticPetition, table } from './support.ts';

const PETITIONS = Number(process.env.BENCH_PETITIONS ?? 1_000_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 2_000);
const YEAR = 2025;
const DAY = 86_400_000;

const DEFINITION: AppraisalDefinition = {
  indicators: [
    { key: 'petition.acceptedOnTime', weight: 15, target: 100, threshold: 60 },
    { key: 'petition.concludedOnTime', weight: 20, target: 100, threshold: 60 },
    { key: 'petition.ownershipConfirmedOnTime', weight: 10, target: 100, threshold: 60 },
    { key: 'petition.satisfied', weight: 15, target: 95, threshold: 60 },
    { key: 'petition.evaluated', weight: 10, target: 90, threshold: 30 },
    { key: 'petition.repeatRate', weight: 10, target: 5, threshold: 30 },
    { key: 'petition.skipLevelRate', weight: 10, target: 2, threshold: 20 },
    { key: 'petition.overturned', weight: 10, target: 0, threshold: 30 },
  ],
  rules: [
    { key: 'petition.group', points: -2, cap: 20, label: '集体访' },
    { key: 'petition.overdueOpen', points: -1, cap: 20, label: '超期未办结' },
    { key: 'petition.reviewed', points: -0.5, cap: 10, label: '复查复核' },
  ],
};

/** BENCH_DATA_DIR: a data directory kept between runs (its SQLite file filled once and reused); default a temporary one. */
const DATA_DIR = process.env.BENCH_DATA_DIR;

/** How many bench mines and bench petitions the database holds already (a kept database is reused). */
async function benchRows(db: Kysely<DB>): Promise<{ units: number; petitions: number }> {
  const count = async (table: 'unit' | 'petition', prefix: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number | string>`count(*)`.as('n'))
          .where('id', 'like', `${prefix}%`)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { units: await count('unit', 'BM'), petitions: await count('petition', 'A') };
}

/**
 * Fills the mines and the petitions, fast: the petition table's secondary indexes dropped and rebuilt
 * afterwards (one sort each instead of a million random B-tree inserts), multi-row inserts compiled
 * once per batch shape, 50,000 rows per transaction; on SQLite durability off for the fill only (the
 * measurement runs with the server's own pragmas), on PostgreSQL commits not waiting for the disk;
 * then the repeat fingerprints registration would have written (else the next start writes them).
 */
async function fill(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  root: { id: string; path: string },
  officerId: string,
) {
  const at = new Date().toISOString();
  // 2,000 mines straight under the group.
  const mines: UnitTable[] = Array.from({ length: UNITS }, (_, i) => ({
    id: `BM${String(i).padStart(5, '0')}`,
    parent_id: root.id,
    kind: 'mine',
    name: `基准矿${i}`,
    code: `BM${i}`,
    path: `${root.path}BM${String(i).padStart(5, '0')}/`,
    depth: 1,
    active: 1,
    sort_order: 1000 + i,
    created_at: at,
    updated_at: at,
    leader_user_id: null,
    info_officer_user_id: null,
    info_officer_name: null,
    info_officer_phone: null,
  }));
  for (let i = 0; i < mines.length; i += 500)
    await db
      .insertInto('unit')
      .values(mines.slice(i, i + 500))
      .execute();
  const indexes =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string; definition: string }>`
            select name, sql as definition from sqlite_master
            where type = 'index' and tbl_name = 'petition' and sql is not null`.execute(db)
        ).rows
      : (
          await sql<{ name: string; definition: string }>`
            select indexname as name, indexdef as definition from pg_indexes
            where tablename = 'petition' and schemaname = current_schema()
              and indexname not in (select conname from pg_constraint)`.execute(db)
        ).rows;
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  if (dialect === 'sqlite') {
    await sql`pragma synchronous = OFF`.execute(db);
    await sql`pragma cache_size = -262144`.execute(db);
  }
  let seed = 11;
  const random = () => {
    // 32-bit arithmetic: a product past 2^53 would lose its low bits and the sequence would cycle early.
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const statuses = ['met', 'met', 'met', 'met_late', 'overdue'] as const;
  const start = Date.parse(`${YEAR}-01-01T00:00:00+08:00`);
  const reviewedReceivedAt = new Map<number, string>();
  const petition = (i: number) => {
    const receivedMs = start + Math.floor(random() * 365 * DAY);
    if (i % 100 === 0) reviewedReceivedAt.set(i, new Date(receivedMs).toISOString());
    const state = pick(PETITION_STATES);
    const headcount = random() < 0.05 ? 6 : 1;
    return syntheticPetition(i, {
      id: `A${String(i).padStart(9, '0')}`,
      case_number: `XF-A-${i}`,
      state,
      channel: 'letter',
      type: 'appeal',
      category_code: null,
      received_at: new Date(receivedMs).toISOString(),
      registered_by: officerId,
      registered_unit_id: root.id,
      handling_unit_id: pick(mines).id,
      owner_id: null,
      is_anonymous: 0,
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
      conclusion_due: date(receivedMs + 75 * DAY),
      conclusion_status: pick(statuses),
      ownership_due: date(receivedMs + 18 * DAY),
      ownership_status: pick(statuses),
      // One case in a hundred answered 'explain' and taken to 复查/复核 (its opinion below).
      reply_result: i % 100 === 0 ? 'explain' : null,
    });
  };
  const columns = Object.keys(petition(-1)) as (keyof PetitionTable)[];
  seed = 11;
  // SQLite allows 32,766 parameters a statement, PostgreSQL 65,535.
  const batch = Math.floor((dialect === 'sqlite' ? 32_000 : 65_000) / columns.length);
  const statement = new Map<number, string>();
  const insertText = (rows: number) => {
    let text = statement.get(rows);
    if (text === undefined) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (dialect === 'sqlite' ? '?' : `$${++n}`)).join(', ')})`;
      text = `insert into petition (${columns.join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
      statement.set(rows, text);
    }
    return text;
  };
  for (let from = 0; from < PETITIONS; from += 50_000) {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
      for (let offset = from; offset < Math.min(PETITIONS, from + 50_000); offset += batch) {
        const end = Math.min(PETITIONS, from + 50_000, offset + batch);
        const parameters: unknown[] = [];
        for (let i = offset; i < end; i++) {
          const row = petition(i);
          for (const column of columns) parameters.push(row[column]);
        }
        await trx.executeQuery(CompiledQuery.raw(insertText(end - offset), parameters));
      }
    });
  }
  // The 复查/复核 opinions of those cases, 90 days after receipt; every other one gives another result (overturned).
  const opinions = [];
  for (let i = 0; i < PETITIONS; i += 100) {
    const received = Date.parse(reviewedReceivedAt.get(i) ?? '');
    opinions.push({
      id: `AE${String(i).padStart(9, '0')}`,
      petition_id: `A${String(i).padStart(9, '0')}`,
      seq: 1,
      kind: i % 200 === 0 ? 'issueReviewOpinion' : 'issueReconsiderationOpinion',
      at: new Date(received + 90 * DAY).toISOString(),
      actor_id: null,
      from_state: null,
      to_state: null,
      data_json: JSON.stringify({ result: i % 300 === 0 ? 'support' : 'explain' }),
      internal: 0,
    });
  }
  for (let i = 0; i < opinions.length; i += 2_000)
    await db
      .insertInto('petition_event')
      .values(opinions.slice(i, i + 2_000))
      .execute();
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  await fillFingerprints(db);
  if (dialect === 'sqlite') {
    await sql`pragma synchronous = NORMAL`.execute(db);
    await sql`pragma cache_size = -2000`.execute(db);
  }
  // PostgreSQL's autovacuum would gather the statistics soon after such a load; SQLite has none unless asked (as in production).
  if (dialect === 'postgres') await sql`analyze petition`.execute(db);
}

async function main(): Promise<void> {
  const dataDir = DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-bench-appraisal-'));
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XINFANG_DATA_DIR: dataDir,
    XINFANG_PASSWORD_MEMORY_KIB: '1024',
    LOG_LEVEL: 'warn',
    XINFANG_DEMO_PETITIONS: 'false',
  };
  if (process.env.BENCH_DATABASE_URL !== undefined) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const booted = await boot(loadConfig('bench', env), createLogger({ logLevel: 'warn' }));
  const deps = { ...booted.deps, files: filesystemStore(path.join(dataDir, 'attachments')) };
  try {
    const root = await deps.db
      .selectFrom('unit')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const admin = await deps.db
      .selectFrom('app_user')
      .select(['id', 'unit_id'])
      .where('role', '=', 'admin')
      .where('unit_id', '=', root.id)
      .executeTakeFirstOrThrow();
    const officer = await deps.db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'officer')
      .executeTakeFirstOrThrow();
    const t0 = performance.now();
    const filled = await benchRows(deps.db);
    if (filled.units !== 0 || filled.petitions !== 0) {
      if (filled.units !== UNITS || filled.petitions !== PETITIONS)
        throw new Error(
          `${DATA_DIR ?? 'the database'} holds ${filled.units} bench mines and ${filled.petitions} bench petitions, ` +
            `not ${UNITS} and ${PETITIONS}: remove it (or drop the PostgreSQL database) and run again`,
        );
    } else await fill(deps.db, deps.dialect, root, officer.id);
    const reused = filled.petitions !== 0;
    const fillSeconds = (performance.now() - t0) / 1000;
    const start = Date.parse(`${YEAR}-01-01T00:00:00+08:00`);
    const actor: Actor = { id: admin.id, role: 'admin', unitId: root.id, unitPath: root.path };
    const fromUtc = new Date(start).toISOString();
    const toUtc = new Date(Date.parse(`${YEAR + 1}-01-01T00:00:00+08:00`)).toISOString();
    const t1 = performance.now();
    const counted = await deps.db
      .selectFrom('petition')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('received_at', '>=', fromUtc)
      .where('received_at', '<', toUtc)
      .executeTakeFirstOrThrow();
    const baselineMs = performance.now() - t1;
    const scheme = await createScheme(deps, actor, {
      name: '基准年度考核',
      periodKind: 'year',
      level: 'mine',
      definition: DEFINITION,
    });
    // Each source alone over the same units and period (what the round reads), then the round itself.
    const units = (await unitsUnder(deps.db, root.path)).filter((u) => u.kind === 'mine');
    const period = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const sources: { step: string; rows: number; ms: string }[] = [];
    const keys = [...new Set([...DEFINITION.indicators, ...DEFINITION.rules].map((i) => i.key))];
    for (const key of keys) {
      const source = figureSourceOf(key);
      if (source === undefined) throw new Error(`no source for ${key}`);
      const t = performance.now();
      const values = await source.compute(deps, units, period);
      const ms = performance.now() - t;
      let of = 0;
      let value = 0;
      for (const v of values.values()) {
        value += v.value;
        of += v.of ?? 0;
      }
      sources.push({
        step: `  ${key} (Σ ${value}${source.kind === 'count' ? '' : ` of ${of}`})`,
        rows: values.size,
        ms: ms.toFixed(0),
      });
    }
    // All of them together, as the round reads them (the facts figures sharing one query).
    const tAll = performance.now();
    await figureValues(deps, units, period, keys);
    sources.push({
      step: 'all figures together, as the round reads them',
      rows: units.length,
      ms: (performance.now() - tAll).toFixed(0),
    });
    const t2 = performance.now();
    const round = await openRound(deps, actor, { schemeId: scheme.id, period: String(YEAR) });
    const roundMs = performance.now() - t2;
    process.stdout.write(
      `\nAppraisal round over ${PETITIONS.toLocaleString('en')} petitions of ${YEAR}, ${UNITS.toLocaleString('en')} mines, on ${deps.dialect} ` +
        `(${reused ? `database reused from ${dataDir}` : `filled in ${fillSeconds.toFixed(1)} s`}); ${DEFINITION.indicators.length} indicators and ${DEFINITION.rules.length} rules; ` +
        `process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB\n\n` +
        `${table([
          { step: 'baseline: COUNT(*) of the year', rows: Number(counted.n), ms: baselineMs.toFixed(0) },
          ...sources,
          { step: 'open the round (figures read, scored, stored)', rows: round.results.length, ms: roundMs.toFixed(0) },
        ])}\n`,
    );
  } finally {
    await booted.database.close();
    if (DATA_DIR === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
