/**
 * The petition figures the appraisal scores and the dashboard shows (common/schemas/figure.ts), each
 * with its definition (catalog `figures.definitions`), its version and its drill-down: the petition
 * list filters whose totals add up to the value (and to `of` for a rate), so every point of a score
 * lists its cases (第39条: appraisal on the facts; docs/domain.md "Appraisal indicators").
 */
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import type { DrillDown } from '../../../common/schemas/dashboard.ts';
import type { FigureKey, FigureShape } from '../../../common/schemas/figure.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { foldBySubtree, type FigurePeriod, type FigureSource, type FigureUnit } from '../../platform/figure-source.ts';
import {
  deadlinesDueByPath,
  overdueOpenByPath,
  receivedByPath,
  receivedFactsByPath,
  reviewedByPath,
} from './ledger-figures.repository.ts';

const received = (unit: FigureUnit, period: FigurePeriod, extra: DrillDown = {}): DrillDown => ({
  unitId: unit.id,
  receivedFrom: period.from,
  receivedTo: period.to,
  ...extra,
});

const today = (deps: ServiceDeps) => localDateOf(deps.clock.now().toISOString());

type FactsRows = Awaited<ReturnType<typeof receivedFactsByPath>>;

/** The facts queries under way, per database (or transaction) and period. */
const factsInFlight = new WeakMap<object, Map<string, Promise<FactsRows>>>();

/**
 * The received petitions' facts. Five figures read the same grouped rows, so the sources that ask at
 * once (a round or the dashboard computes its figures together) share one query; once it has answered
 * the entry is gone, and a later call reads the data afresh.
 */
function receivedFacts(deps: ServiceDeps, period: FigurePeriod): Promise<FactsRows> {
  const byPeriod = factsInFlight.get(deps.db) ?? new Map<string, Promise<FactsRows>>();
  factsInFlight.set(deps.db, byPeriod);
  const key = `${period.from}/${period.to}`;
  const pending = byPeriod.get(key);
  if (pending !== undefined) return pending;
  const query = receivedFactsByPath(
    deps.db,
    localDayStartUtc(period.from),
    localDayStartUtc(addCalendarDays(period.to, 1)),
  ).finally(() => byPeriod.delete(key));
  byPeriod.set(key, query);
  return query;
}
type FactsRow = FactsRows[number];

/** A rate or count over the received petitions' facts: `value` of `of` per row. */
function fromFacts(
  key: FigureKey,
  shape: FigureShape,
  pick: (r: FactsRow) => { value: unknown; of?: unknown },
  drill: (unit: FigureUnit, period: FigurePeriod) => { value: DrillDown[]; of: DrillDown[] | null },
): FigureSource {
  return {
    key,
    ...shape,
    version: 1,
    async compute(deps, units, period) {
      const rows = await receivedFacts(deps, period);
      return foldBySubtree(
        shape.kind,
        units,
        rows.map((r) => {
          const p = pick(r);
          return {
            path: r.path,
            value: Number(p.value ?? 0),
            ...(p.of === undefined ? {} : { of: Number(p.of ?? 0) }),
          };
        }),
      );
    },
    drill: (unit, period) => ({ kind: 'petitions', ...drill(unit, period) }),
  };
}

/** 按期 rate of a kept deadline: met among met, met late and overdue, of the limits falling due in the period. */
function onTime(key: FigureKey, kind: 'acceptance' | 'conclusion' | 'ownership'): FigureSource {
  const due = (unit: FigureUnit, period: FigurePeriod, status: 'met' | 'met_late' | 'overdue'): DrillDown =>
    kind === 'acceptance'
      ? { unitId: unit.id, acceptanceDueFrom: period.from, acceptanceDueTo: period.to, acceptance: status }
      : kind === 'conclusion'
        ? { unitId: unit.id, conclusionDueFrom: period.from, conclusionDueTo: period.to, conclusion: status }
        : { unitId: unit.id, ownershipDueFrom: period.from, ownershipDueTo: period.to, ownership: status };
  return {
    key,
    kind: 'rate',
    better: 'higher',
    version: 1,
    async compute(deps, units, period) {
      const rows = await deadlinesDueByPath(deps.db, kind, period.from, period.to, today(deps));
      return foldBySubtree(
        'rate',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.met), of: Number(r.decided) })),
      );
    },
    drill: (unit, period) => ({
      kind: 'petitions',
      value: [due(unit, period, 'met')],
      of: [due(unit, period, 'met'), due(unit, period, 'met_late'), due(unit, period, 'overdue')],
    }),
  };
}

/**
 * 复查 / 复核 (第35–36条): the cases with an opinion issued in the period (`count`: fewer is better —
 * a reply that satisfies is not taken further), or the share of them whose opinion gave another result
 * than the reply (`rate`: the first handling was overturned).
 */
function reviewed(key: FigureKey, kind: 'count' | 'rate', better: 'lower'): FigureSource {
  const filter = (unit: FigureUnit, period: FigurePeriod, review: 'issued' | 'overturned'): DrillDown => ({
    unitId: unit.id,
    review,
    reviewFrom: period.from,
    reviewTo: period.to,
  });
  return {
    key,
    kind,
    better,
    version: 1,
    async compute(deps, units, period) {
      const rows = await reviewedByPath(
        deps.db,
        localDayStartUtc(period.from),
        localDayStartUtc(addCalendarDays(period.to, 1)),
      );
      return foldBySubtree(
        kind,
        units,
        rows.map((r) =>
          kind === 'count'
            ? { path: r.path, value: Number(r.n) }
            : { path: r.path, value: Number(r.overturned), of: Number(r.n) },
        ),
      );
    },
    drill: (unit, period) =>
      kind === 'count'
        ? { kind: 'petitions', value: [filter(unit, period, 'issued')], of: null }
        : {
            kind: 'petitions',
            value: [filter(unit, period, 'overturned')],
            of: [filter(unit, period, 'issued')],
          },
  };
}

export const figureSources: readonly FigureSource[] = [
  {
    key: 'petition.received',
    kind: 'count',
    better: 'lower',
    version: 1,
    async compute(deps, units, period) {
      const rows = await receivedByPath(
        deps.db,
        localDayStartUtc(period.from),
        localDayStartUtc(addCalendarDays(period.to, 1)),
      );
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
    drill: (unit, period) => ({ kind: 'petitions', value: [received(unit, period)], of: null }),
  },
  onTime('petition.concludedOnTime', 'conclusion'),
  onTime('petition.acceptedOnTime', 'acceptance'),
  // 领导包案 (第18条): the owner leader confirms within the enterprise's days (setting), kept on the case.
  onTime('petition.ownershipConfirmedOnTime', 'ownership'),
  reviewed('petition.reviewed', 'count', 'lower'),
  reviewed('petition.overturned', 'rate', 'lower'),
  fromFacts(
    'petition.satisfied',
    { kind: 'rate', better: 'higher' },
    (r) => ({ value: r.satisfied, of: r.rated }),
    (unit, period) => ({
      value: [received(unit, period, { evaluation: 'satisfied' })],
      of: [received(unit, period, { evaluation: 'rated' })],
    }),
  ),
  fromFacts(
    'petition.evaluated',
    { kind: 'rate', better: 'higher' },
    (r) => ({ value: r.rated, of: r.evaluable }),
    (unit, period) => ({
      value: [received(unit, period, { evaluation: 'rated' })],
      of: [received(unit, period, { evaluation: 'due' })],
    }),
  ),
  fromFacts(
    'petition.repeatRate',
    { kind: 'rate', better: 'lower' },
    (r) => ({ value: r.repeat, of: r.n }),
    (unit, period) => ({ value: [received(unit, period, { flag: 'repeat' })], of: [received(unit, period)] }),
  ),
  fromFacts(
    'petition.skipLevelRate',
    { kind: 'rate', better: 'lower' },
    (r) => ({ value: r.skip_level, of: r.n }),
    (unit, period) => ({ value: [received(unit, period, { flag: 'skip_level' })], of: [received(unit, period)] }),
  ),
  fromFacts(
    'petition.group',
    { kind: 'count', better: 'lower' },
    (r) => ({ value: r.grouped }),
    (unit, period) => ({ value: [received(unit, period, { flag: 'group' })], of: null }),
  ),
  {
    key: 'petition.overdueOpen',
    kind: 'count',
    better: 'lower',
    version: 1,
    async compute(deps, units) {
      const rows = await overdueOpenByPath(deps.db, today(deps));
      return foldBySubtree(
        'count',
        units,
        rows.map((r) => ({ path: r.path, value: Number(r.n) })),
      );
    },
    drill: (unit) => ({ kind: 'petitions', value: [{ unitId: unit.id, open: 'true', overdue: 'true' }], of: null }),
  },
];
