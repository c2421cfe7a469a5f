/**
 * The dashboard's counts over a period, from the rollup kept with each event (issue #20) or, as
 * before, from the petition list's own scoped query (`live`). Both give the same `DashboardCounts`;
 * dashboard.service.ts builds the view from either, and server/modules/dashboard/dashboard-rollup.test.ts
 * checks them against the list's counts on random filters.
 *
 * Exact on the rollup: the unit scope and unit filter are the rollup's unit columns; the two parts of
 * the list's filter that are per viewer are corrected from the few petitions they concern — the
 * viewer's recused cases (第30条: never counted for him) are subtracted, his personal cases outside the
 * unit scope (owner, handler, co-handler) added — each folded through the engine's own
 * `rollupContributions`, so a correction counts a petition exactly as the table does.
 * Overdue by owner (open cases past their nearest deadline now, whatever the period) is the rollup's
 * `open_due` rows before today. Still live: the open warnings (a few rows), the hotspots (the text
 * engine over the period's newest 2,000) and the statistics report's handling figures.
 */
import type { Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf, type LocalDate } from '../../../common/domain/calendar.ts';
import type { DrillDown } from '../../../common/schemas/dashboard.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { petitionFilterOf, scopedPetitions, type KeptDeadline } from '../ledger/index.ts';
import { recusedPetitionIds } from '../petition/index.ts';
import { rollupContributions } from '../rollup/index.ts';
import { PetitionListQuerySchema } from '../../../common/schemas/petition.ts';
import * as repo from './dashboard.repository.ts';

export type DashboardTotals = {
  petitions: number;
  persons: number;
  visitBatches: number;
  visitPersons: number;
  groupBatches: number;
  groupPersons: number;
  skipLevel: number;
  repeat: number;
  anonymous: number;
};

export type DashboardCounts = {
  totals: DashboardTotals;
  byLeafUnit: Map<string, number>;
  byCategoryCode: Map<string | null, number>;
  byChannel: Map<string, number>;
  byType: Map<string, number>;
  /** Petitions by local day of receipt, and by calendar month (`YYYY-MM`) for whole months read at month grain. */
  byDay: Map<string, number>;
  byMonth: Map<string, number>;
  satisfaction: Map<number, number>;
  /** Status as of today (stored `open` past its due day = overdue) of the deadlines due in the period. */
  deadlines: Record<DashboardDeadline, Map<string, number>>;
  /** Open cases past their nearest deadline as of today (not bound to the period), by owner (null = none). */
  overdueByOwner: Map<string | null, number>;
};
export type DashboardDeadline = Extract<KeptDeadline, 'acceptance' | 'conclusion' | 'referral'>;
const DEADLINES: readonly DashboardDeadline[] = ['acceptance', 'conclusion', 'referral'];

export type CountsPeriod = { from: LocalDate; to: LocalDate; today: LocalDate };

function emptyCounts(): DashboardCounts {
  return {
    totals: {
      petitions: 0,
      persons: 0,
      visitBatches: 0,
      visitPersons: 0,
      groupBatches: 0,
      groupPersons: 0,
      skipLevel: 0,
      repeat: 0,
      anonymous: 0,
    },
    byLeafUnit: new Map(),
    byCategoryCode: new Map(),
    byChannel: new Map(),
    byType: new Map(),
    byDay: new Map(),
    byMonth: new Map(),
    satisfaction: new Map(),
    deadlines: { acceptance: new Map(), conclusion: new Map(), referral: new Map() },
    overdueByOwner: new Map(),
  };
}

const num = (v: unknown): number => Number(v ?? 0);
const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** The petitions' counts the old way: grouped queries over the list's own scoped query. */
export async function liveCounts(
  deps: ServiceDeps,
  actor: Actor,
  unitId: string | undefined,
  period: CountsPeriod,
): Promise<DashboardCounts> {
  const unitFilter: DrillDown = unitId === undefined ? {} : { unitId };
  const scope = () => scopedPetitions(deps, actor, { ...unitFilter, receivedFrom: period.from, receivedTo: period.to });
  const dueIn = (kind: DashboardDeadline): DrillDown =>
    kind === 'acceptance'
      ? { ...unitFilter, acceptanceDueFrom: period.from, acceptanceDueTo: period.to }
      : kind === 'conclusion'
        ? { ...unitFilter, conclusionDueFrom: period.from, conclusionDueTo: period.to }
        : { ...unitFilter, referralDueFrom: period.from, referralDueTo: period.to };
  const statusCounts = async (kind: DashboardDeadline) =>
    repo.countsByDeadline(await scopedPetitions(deps, actor, dueIn(kind)), kind, period.today);
  const [overdue, dims, satisfaction, hours, ...deadlines] = await Promise.all([
    scopedPetitions(deps, actor, { ...unitFilter, open: 'true', overdue: 'true' }).then(repo.overdueByOwner),
    scope().then(repo.countsByDimension),
    scope().then(repo.countsBySatisfaction),
    scope().then(repo.countsByHour),
    ...DEADLINES.map(statusCounts),
  ]);
  const c = emptyCounts();
  for (const row of dims) {
    const n = num(row.n);
    c.totals.petitions += n;
    c.totals.persons += num(row.persons);
    if (row.channel === 'visit') {
      c.totals.visitBatches += n;
      c.totals.visitPersons += num(row.persons);
    }
    c.totals.groupBatches += num(row.group_batches);
    c.totals.groupPersons += num(row.group_persons);
    c.totals.skipLevel += num(row.skip_level);
    c.totals.repeat += num(row.repeat);
    c.totals.anonymous += num(row.anonymous);
    add(c.byLeafUnit, row.unit_id, n);
    add(c.byCategoryCode, row.category_code, n);
    add(c.byChannel, row.channel, n);
    add(c.byType, row.type, n);
  }
  for (const row of satisfaction) if (row.satisfaction !== null) add(c.satisfaction, num(row.satisfaction), num(row.n));
  // UTC hours shifted to local days.
  for (const row of hours) add(c.byDay, localDateOf(`${row.hour}:00:00Z`), num(row.n));
  for (const [i, kind] of DEADLINES.entries())
    for (const row of deadlines[i] ?? []) if (row.status !== null) add(c.deadlines[kind], row.status, num(row.n));
  for (const row of overdue) add(c.overdueByOwner, row.owner_id, num(row.n));
  return c;
}

/** The first day of the month after `date`'s. */
function nextMonthStart(date: LocalDate): LocalDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 12
    ? `${String(year + 1).padStart(4, '0')}-01-01`
    : `${date.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * The period as rollup segments: whole calendar months at month grain, the rest (and the month of
 * `today`, whose stored `open` deadlines split at today) at day grain; `daysOnly` reads days throughout.
 */
export function periodSegments(
  from: LocalDate,
  to: LocalDate,
  today: LocalDate,
  daysOnly: boolean,
): repo.RollupSegment[] {
  if (daysOnly) return [{ grain: 'd', from, to }];
  const segments: repo.RollupSegment[] = [];
  const push = (grain: 'd' | 'm', a: string, b: string) => {
    const last = segments.at(-1);
    if (last?.grain === grain) last.to = b;
    else segments.push({ grain, from: a, to: b });
  };
  for (let day = from; day <= to;) {
    const next = nextMonthStart(day);
    const monthEnd = addCalendarDays(next, -1);
    if (day.endsWith('-01') && monthEnd <= to && day.slice(0, 7) !== today.slice(0, 7)) {
      push('m', day.slice(0, 7), day.slice(0, 7));
      day = next;
    } else {
      const end = monthEnd < to ? monthEnd : to;
      push('d', day, end);
      day = addCalendarDays(end, 1);
    }
  }
  return segments;
}

type Measures = {
  n: number;
  persons: number;
  group_n: number;
  group_persons: number;
  skip_level_n: number;
  repeat_n: number;
  anonymous_n: number;
};

function foldTotals(c: DashboardCounts, grain: 'd' | 'm', period: string, unitId: string, m: Measures, sign: number) {
  c.totals.petitions += sign * m.n;
  c.totals.persons += sign * m.persons;
  c.totals.groupBatches += sign * m.group_n;
  c.totals.groupPersons += sign * m.group_persons;
  c.totals.skipLevel += sign * m.skip_level_n;
  c.totals.repeat += sign * m.repeat_n;
  c.totals.anonymous += sign * m.anonymous_n;
  add(c.byLeafUnit, unitId, sign * m.n);
  add(grain === 'd' ? c.byDay : c.byMonth, period, sign * m.n);
}

function foldValue(
  c: DashboardCounts,
  dim: string,
  value: string,
  past: boolean,
  n: number,
  persons: number,
  sign: number,
) {
  switch (dim) {
    case 'category':
      add(c.byCategoryCode, value === '' ? null : value, sign * n);
      break;
    case 'channel':
      add(c.byChannel, value, sign * n);
      if (value === 'visit') {
        c.totals.visitBatches += sign * n;
        c.totals.visitPersons += sign * persons;
      }
      break;
    case 'type':
      add(c.byType, value, sign * n);
      break;
    case 'satisfaction':
      if (value !== '') add(c.satisfaction, Number(value), sign * n);
      break;
    case 'acceptance':
    case 'conclusion':
    case 'referral':
      if (value !== '') add(c.deadlines[dim], value === 'open' && past ? 'overdue' : value, sign * n);
      break;
  }
}

/**
 * The same counts from the rollup: a few grouped reads per segment of the period, corrected by the
 * viewer's recused and personal cases (see the module comment).
 * @param dailySeries the series needs days (a short period, or statistics months not on the 1st)
 */
export async function rollupCounts(
  deps: ServiceDeps,
  actor: Actor,
  unitId: string | undefined,
  period: CountsPeriod,
  dailySeries: boolean,
): Promise<DashboardCounts> {
  const filter = await petitionFilterOf(
    deps,
    actor,
    PetitionListQuerySchema.parse(unitId === undefined ? {} : { unitId }),
  );
  // Admins and partners see their own cases only (not dashboard roles today): nothing to read by unit.
  if (filter.noScope) return liveCounts(deps, actor, unitId, period);
  const scope: repo.RollupScope = {
    scopePath: filter.scopePath,
    handlingOnly: filter.handlingOnly,
    unitPath: filter.unitPath,
  };
  const valueSegments = periodSegments(period.from, period.to, period.today, false);
  const totalSegments = periodSegments(period.from, period.to, period.today, dailySeries);
  const recused = [...(await recusedPetitionIds(deps.db, actor.id))];
  // Overdue now: the open cases whose nearest deadline is before today — whole months before this one, then its days.
  const monthStart = `${period.today.slice(0, 7)}-01`;
  const overdueSegments: repo.RollupSegment[] = [
    { grain: 'm', from: '0000-01', to: addCalendarDays(monthStart, -1).slice(0, 7) },
    { grain: 'd', from: monthStart, to: addCalendarDays(period.today, -1) },
  ];
  const [overdue, totals, values, recusedRows, personalRows] = await Promise.all([
    Promise.all(overdueSegments.map((s) => repo.rollupOpenDueByOwner(deps.db, scope, s))),
    Promise.all(totalSegments.map(async (s) => ({ grain: s.grain, rows: await repo.rollupTotals(deps.db, scope, s) }))),
    Promise.all(valueSegments.map((s) => repo.rollupValues(deps.db, scope, s, period.today))),
    repo.rollupSourcesByIds(deps.db, recused),
    repo.personalOutsideScope(deps.db, actor.id, deps.clock.now().toISOString(), scope),
  ]);
  const c = emptyCounts();
  for (const { grain, rows } of totals)
    for (const r of rows)
      foldTotals(
        c,
        grain,
        r.period,
        r.unit_id,
        {
          n: num(r.n),
          persons: num(r.persons),
          group_n: num(r.group_n),
          group_persons: num(r.group_persons),
          skip_level_n: num(r.skip_level_n),
          repeat_n: num(r.repeat_n),
          anonymous_n: num(r.anonymous_n),
        },
        1,
      );
  for (const rows of values)
    for (const r of rows) foldValue(c, r.dim, r.value, num(r.past) === 1, num(r.n), num(r.persons), 1);
  for (const rows of overdue) for (const r of rows) add(c.overdueByOwner, r.value === '' ? null : r.value, num(r.n));

  // The per-viewer corrections, each petition counted as the rollup counts it (day grain, in the period, in the unit).
  const inScope = (p: { registered_path: string; handling_path: string | null }) =>
    scope.scopePath === null ||
    (p.handling_path?.startsWith(scope.scopePath) ?? false) ||
    (!scope.handlingOnly && p.registered_path.startsWith(scope.scopePath));
  const inUnit = (p: { registered_path: string; handling_path: string | null }) =>
    scope.unitPath === undefined || (p.handling_path ?? p.registered_path).startsWith(scope.unitPath);
  const recusedSet = new Set(recused);
  const corrections = [
    ...recusedRows.filter(inScope).map((p) => ({ p, sign: -1 })),
    ...personalRows.filter((p) => !recusedSet.has(p.id)).map((p) => ({ p, sign: 1 })),
  ];
  for (const { p, sign } of corrections) {
    if (!inUnit(p)) continue;
    const unit = p.handling_unit_id ?? p.registered_unit_id;
    for (const r of rollupContributions(p)) {
      if (r.grain !== 'd') continue;
      if (r.dim === 'open_due') {
        if (r.period < period.today) add(c.overdueByOwner, r.value === '' ? null : r.value, sign * r.n);
        continue;
      }
      if (r.period < period.from || r.period > period.to) continue;
      if (r.dim === 'all') foldTotals(c, 'd', r.period, unit, r, sign);
      else foldValue(c, r.dim, r.value, r.period < period.today, r.n, r.persons, sign);
    }
  }
  return c;
}
