/**
 * The leaders' dashboard (领导驾驶舱): figures over a period (default: the current statistics month)
 * and the actor's unit subtree or a unit in it, each with the petition list filters that reproduce
 * it. Scope and recusal are the petition list's own (`scopedPetitions`). Rates are defined in
 * docs/domain.md ("Dashboard figures").
 */
import { enterpriseOf, hasAction, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, daysBetween, localDateOf, type LocalDate } from '../../../common/domain/calendar.ts';
import { periodOf, statisticsMonthOf, monthRange } from '../../../common/domain/statistics-period.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  DashboardQuerySchema,
  type DashboardBucket,
  type DashboardHotspotsView,
  type DashboardOnTime,
  type DashboardQuery,
  type DashboardView,
  type DrillDown,
} from '../../../common/schemas/dashboard.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { findHotspotsOffThread } from '../../text/hotspot.ts';
import { publicityByTopic } from '../publicity/index.ts';
import { readSetting } from '../setting/index.ts';
import { calendarGaps } from '../calendar/index.ts';
import { scopedPetitions, type KeptDeadline } from '../ledger/index.ts';
import { findRootUnit, findUnitById, unitsUnder } from '../unit/index.ts';
import { usersByIds } from '../user/index.ts';
import * as repo from './dashboard.repository.ts';
import { liveCounts, rollupCounts } from './dashboard-counts.ts';

/** Ranges longer than this many days are charted by (statistics) month. */
const DAILY_MAX_DAYS = 62;
/** The hotspot analysis reads at most this many of the period's newest petitions. */
export const HOTSPOT_CAP = 2000;

type ScopeUnit = { id: string; name: string; kind: string; path: string };
type Period = { from: LocalDate; to: LocalDate; today: LocalDate; startDay: number };

/** 统计月起始日 of the actor's enterprise (1 = calendar month). */
export async function statisticsStartDay(deps: ServiceDeps, actor: Actor): Promise<number> {
  return readSetting(deps.db, enterpriseOf(actor).path, 'ledger.statisticsMonthStartDay');
}

function assertRole(actor: Actor): void {
  if (!hasAction(actor.role, 'dashboard.read'))
    throw new DomainError('FORBIDDEN', { message: 'The dashboard is for leaders, officers and auditors' });
}

/** The unit whose subtree the figures cover. @throws NOT_FOUND (no such unit or out of scope) */
export async function dashboardUnit(deps: ServiceDeps, actor: Actor, unitId: string | undefined): Promise<ScopeUnit> {
  assertRole(actor);
  const id = unitId ?? (actor.role === 'auditor' ? (await findRootUnit(deps.db))?.id : actor.unitId);
  const unit = id === undefined ? undefined : await findUnitById(deps.db, id);
  if (unit === undefined || (actor.role !== 'auditor' && !unit.path.startsWith(actor.unitPath))) {
    throw new DomainError('NOT_FOUND', { message: 'Unit not found' });
  }
  return unit;
}

export async function dashboardPeriod(
  deps: ServiceDeps,
  actor: Actor,
  from: string | undefined,
  to: string | undefined,
): Promise<Period> {
  const today = localDateOf(deps.clock.now().toISOString());
  const startDay = await statisticsStartDay(deps, actor);
  const { year, month } = statisticsMonthOf(today, startDay);
  const month0 = monthRange(year, month, startDay);
  const period = { from: from ?? month0.from, to: to ?? (from === undefined ? month0.to : today), today, startDay };
  if (period.from > period.to) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'from must not be after to',
      details: { issues: [{ path: ['from'], message: 'from must not be after to' }] },
    });
  }
  return period;
}

const num = (v: unknown): number => Number(v ?? 0);
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The buckets of the by-unit chart: under an enterprise or company, its outermost mines and the
 * other children that hold no mine; under anything else, its children.
 */
export function unitBuckets(root: ScopeUnit, units: readonly ScopeUnit[]): ScopeUnit[] {
  const children = units.filter(
    (u) => u.path !== root.path && u.path.slice(root.path.length).split('/').filter(Boolean).length === 1,
  );
  if (root.kind !== 'enterprise' && root.kind !== 'company') return children;
  const mines = units.filter(
    (u) => u.kind === 'mine' && !units.some((o) => o.kind === 'mine' && o.path !== u.path && u.path.startsWith(o.path)),
  );
  const others = children.filter((c) => !mines.some((m) => m.path.startsWith(c.path)));
  return [...mines, ...others];
}

function onTime(counts: ReadonlyMap<string, number>, drill: (status: DeadlineStatusKey) => DrillDown): DashboardOnTime {
  const get = (s: DeadlineStatusKey) => counts.get(s) ?? 0;
  const met = get('met');
  const metLate = get('met_late');
  const overdue = get('overdue');
  return {
    met: { value: met, drill: drill('met') },
    metLate: { value: metLate, drill: drill('met_late') },
    overdue: { value: overdue, drill: drill('overdue') },
    open: { value: get('open'), drill: drill('open') },
    rate: rate(met, met + metLate + overdue),
  };
}
type DeadlineStatusKey = 'open' | 'met' | 'met_late' | 'overdue';

function sortBuckets(buckets: DashboardBucket[]): DashboardBucket[] {
  return buckets.filter((b) => b.count > 0).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * The dashboard over `query` for `actor`: the period's counts from the rollup kept with each event
 * (dashboard-counts.ts), or from the list's own query with `source: 'live'` (the bench's baseline).
 * @throws FORBIDDEN (not a leader, officer or auditor), NOT_FOUND (unit out of scope), VALIDATION_FAILED
 */
export async function getDashboard(
  deps: ServiceDeps,
  actor: Actor,
  rawQuery: DashboardQuery,
  options: { source?: 'rollup' | 'live' } = {},
): Promise<DashboardView> {
  assertRole(actor);
  const query = DashboardQuerySchema.parse(rawQuery);
  const root = await dashboardUnit(deps, actor, query.unitId);
  const period = await dashboardPeriod(deps, actor, query.from, query.to);
  const base: DrillDown = {
    receivedFrom: period.from,
    receivedTo: period.to,
    ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
  };
  const unitFilter: DrillDown = query.unitId === undefined ? {} : { unitId: query.unitId };
  // On time: the deadlines that fall due in the period, whenever their petition came in — a month's
  // 按期办结率 over the petitions received in it would count no 60-day limit (docs/domain.md).
  const dueIn = (kind: KeptDeadline): DrillDown =>
    kind === 'acceptance'
      ? { ...unitFilter, acceptanceDueFrom: period.from, acceptanceDueTo: period.to }
      : kind === 'conclusion'
        ? { ...unitFilter, conclusionDueFrom: period.from, conclusionDueTo: period.to }
        : { ...unitFilter, referralDueFrom: period.from, referralDueTo: period.to };
  const monthly = daysBetween(period.from, period.to) + 1 > DAILY_MAX_DAYS;
  // The rollup keeps calendar months: statistics months starting on another day are charted from its days.
  const dailySeries = !monthly || period.startDay !== 1;

  const [counts, units, categories, warnings, gaps] = await Promise.all([
    options.source === 'live'
      ? liveCounts(deps, actor, query.unitId, period)
      : rollupCounts(deps, actor, query.unitId, period, dailySeries),
    unitsUnder(deps.db, root.path),
    repo.listCategories(deps.db),
    repo.openWarningsByLevel(
      deps.db,
      actor.role === 'auditor' && query.unitId === undefined ? null : root.path,
      actor.id,
    ),
    calendarGaps(deps.db, period.today),
  ]);
  const { totals, byLeafUnit, byCategoryCode, byChannel, byType } = counts;
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const d = (extra: DrillDown): DrillDown => ({ ...base, ...extra });

  // By unit: each leaf unit's count goes to the bucket whose subtree holds it; the rest is 本级/其他 (no drill-down).
  const unitById = new Map(units.map((u) => [u.id, u]));
  const buckets = unitBuckets(root, units);
  const byUnitCount = new Map<string, number>();
  let elsewhere = 0;
  for (const [unitId, n] of byLeafUnit) {
    const path = unitById.get(unitId)?.path;
    const bucket = path === undefined ? undefined : buckets.find((b) => path.startsWith(b.path));
    if (bucket === undefined) elsewhere += n;
    else add(byUnitCount, bucket.id, n);
  }
  const byUnit = sortBuckets(
    buckets.map((b) => ({ key: b.id, label: b.name, count: byUnitCount.get(b.id) ?? 0, drill: d({ unitId: b.id }) })),
  );
  if (elsewhere > 0) byUnit.push({ key: '', label: root.name, count: elsewhere, drill: null });

  // By top-level category: a top level's drill-down covers its children (the list's categoryCode rule).
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const byTop = new Map<string | null, number>();
  for (const [code, n] of byCategoryCode) {
    const category = code === null ? undefined : categoryByCode.get(code);
    add(byTop, category === undefined ? null : (category.parent_code ?? category.code), n);
  }
  const byCategory = sortBuckets(
    [...byTop].map(([code, n]) => ({
      key: code ?? '',
      label: code === null ? '' : (categoryByCode.get(code)?.name ?? code),
      count: n,
      drill: code === null ? null : d({ categoryCode: code }),
    })),
  );

  // The series: local days, or (statistics) months; whole calendar months come from the rollup as months.
  const seriesCounts = new Map<string, number>();
  for (const [day, n] of counts.byDay)
    add(seriesCounts, monthly ? periodOf(day, 'month', period.startDay).key : day, n);
  for (const [month, n] of counts.byMonth) add(seriesCounts, periodOf(`${month}-01`, 'month', period.startDay).key, n);
  const series: DashboardBucket[] = [];
  // The series stops at today: days still to come have no petitions yet, not zero of them.
  for (let day = period.from; day <= period.to && day <= period.today;) {
    const p = monthly ? periodOf(day, 'month', period.startDay) : { key: day, from: day, to: day };
    const from = p.from < period.from ? period.from : p.from;
    const to = p.to > period.to ? period.to : p.to;
    series.push({
      key: p.key,
      label: p.key,
      count: seriesCounts.get(p.key) ?? 0,
      drill: d({ receivedFrom: from, receivedTo: to }),
    });
    day = addCalendarDays(p.to, 1);
  }

  // Satisfaction of the petitions received in the period.
  const scores = counts.satisfaction;
  const rated = [...scores.values()].reduce((a, b) => a + b, 0);
  const scoreSum = [...scores].reduce((a, [s, n]) => a + s * n, 0);

  const levels = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const row of warnings) if (row.level in levels) levels[row.level] = num(row.n);

  // Largest first, then by owner id: the same order whichever source counted them.
  const owned = [...counts.overdueByOwner]
    .flatMap(([owner_id, n]) => (owner_id === null || n === 0 ? [] : [{ owner_id, n }]))
    .sort((a, b) => b.n - a.n || a.owner_id.localeCompare(b.owner_id))
    .slice(0, 10);
  const names = new Map(
    (
      await usersByIds(
        deps.db,
        owned.map((r) => r.owner_id),
      )
    ).map((u) => [u.id, u.display_name]),
  );
  const overdueBase: DrillDown = {
    open: 'true',
    overdue: 'true',
    ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
  };

  const fig = (value: number, drill: DrillDown | null) => ({ value, drill });
  return {
    from: period.from,
    to: period.to,
    today: period.today,
    unit: { id: root.id, name: root.name },
    granularity: monthly ? 'month' : 'day',
    totals: {
      petitions: fig(totals.petitions, base),
      persons: fig(totals.persons, base),
      visitBatches: fig(totals.visitBatches, d({ channel: 'visit' })),
      visitPersons: fig(totals.visitPersons, d({ channel: 'visit' })),
      groupBatches: fig(totals.groupBatches, d({ flag: 'group' })),
      groupPersons: fig(totals.groupPersons, d({ flag: 'group' })),
      skipLevel: fig(totals.skipLevel, d({ flag: 'skip_level' })),
      repeat: fig(totals.repeat, d({ flag: 'repeat' })),
      anonymous: fig(totals.anonymous, d({ flag: 'anonymous' })),
    },
    series,
    byUnit,
    byCategory,
    byChannel: sortBuckets(
      [...byChannel].map(([k, n]) => ({
        key: k,
        label: k,
        count: n,
        drill: d({ channel: k as DrillDown['channel'] & string }),
      })),
    ),
    byType: sortBuckets(
      [...byType].map(([k, n]) => ({
        key: k,
        label: k,
        count: n,
        drill: d({ type: k as DrillDown['type'] & string }),
      })),
    ),
    onTime: {
      acceptance: onTime(counts.deadlines.acceptance, (s) => ({ ...dueIn('acceptance'), acceptance: s })),
      conclusion: onTime(counts.deadlines.conclusion, (s) => ({ ...dueIn('conclusion'), conclusion: s })),
      referral: onTime(counts.deadlines.referral, (s) => ({ ...dueIn('referral'), referral: s })),
    },
    calendarGaps: gaps,
    satisfaction: {
      count: rated,
      average: rated === 0 ? null : Math.round((scoreSum / rated) * 100) / 100,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: scores.get(score) ?? 0 })),
    },
    rates: { repeat: rate(totals.repeat, totals.petitions), skipLevel: rate(totals.skipLevel, totals.petitions) },
    warnings: levels,
    overdueByOwner: owned.map((r) => ({
      key: r.owner_id,
      label: names.get(r.owner_id) ?? '',
      count: r.n,
      drill: { ...overdueBase, ownerId: r.owner_id },
    })),
    overdueUnowned: fig(counts.overdueByOwner.get(null) ?? 0, null),
  };
}

/**
 * Hotspots (热点) among the period's newest petitions in scope (at most HOTSPOT_CAP), by the text
 * engine's `findHotspots`. Separate from the dashboard: the text analysis takes seconds, the figures do not.
 */
export async function getDashboardHotspots(
  deps: ServiceDeps,
  actor: Actor,
  rawQuery: DashboardQuery,
): Promise<DashboardHotspotsView> {
  assertRole(actor);
  const query = DashboardQuerySchema.parse(rawQuery);
  const unit = await dashboardUnit(deps, actor, query.unitId);
  const period = await dashboardPeriod(deps, actor, query.from, query.to);
  const rows = await repo.latestTexts(
    await scopedPetitions(deps, actor, {
      receivedFrom: period.from,
      receivedTo: period.to,
      ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
    }),
    HOTSPOT_CAP,
  );
  const hotspots = await findHotspotsOffThread(
    rows.map((r) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.received_at, groupSize: r.headcount })),
    { limit: 8 },
  );
  // 宣传教育 beside the hotspots (issue #17): each hotspot's topic is the first-level category most of its
  // petitions carry; the publicity held in the period on that topic for the unit's subtree is counted,
  // so a hot topic nobody explained to the workers shows.
  const categoryOf = new Map(rows.map((r) => [r.id, r.category_code?.slice(0, 2) ?? null]));
  const publicity = await publicityByTopic(deps, unit.path, period);
  const topicOf = (memberIds: readonly string[]): string | null => {
    const counts = new Map<string, number>();
    for (const id of memberIds) {
      const code = categoryOf.get(id);
      if (code !== null && code !== undefined) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  };
  return {
    analysed: rows.length,
    // Hottest first: the engine's score (people, repeat visits, group petitions, support, growth), then size.
    items: [...hotspots]
      .sort((a, b) => b.score - a.score || b.size - a.size)
      .map((h) => ({
        title: h.title,
        score: h.score,
        keywords: h.keywords.slice(0, 6),
        size: h.size,
        people: h.people,
        growth: Math.round(h.growth * 100) / 100,
        representativeId: h.representativeId,
        ...((code) => ({ categoryCode: code, publicity: code === null ? null : (publicity.get(code) ?? 0) }))(
          topicOf(h.memberIds),
        ),
      })),
  };
}

/** The extra figures of the statistics report (第41条): forwarded, assigned, supervised, suggestions adopted. */
export async function handlingFigures(deps: ServiceDeps, actor: Actor, query: DashboardQuery) {
  assertRole(actor);
  const row = await repo.handlingCounts(
    await scopedPetitions(deps, actor, {
      receivedFrom: query.from,
      receivedTo: query.to,
      ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
    }),
  );
  return {
    forwarded: num(row.forwarded),
    assigned: num(row.assigned),
    supervised: num(row.supervised),
    suggestions: num(row.suggestions),
    adopted: num(row.adopted),
  };
}
