/**
 * The dashboard's rollup (issue #20): what each petition adds to `petition_rollup`, so that the
 * counts of a range read a few thousand rollup rows instead of a million petitions.
 *
 * A petition contributes one row per dimension and grain:
 * - by the local day (UTC+8, calendar.ts) and calendar month of its receipt: `all` (the totals: count,
 *   persons, group batches and persons, 越级, 重复, anonymous), `category`, `channel`, `type`, `satisfaction`;
 * - by the local day and month its 受理告知 / 办结 / 上级交办 report falls due (when it has one):
 *   `acceptance`, `conclusion`, `referral`, valued by the STORED status. A stored `open` whose due day
 *   is before today counts as overdue (the list's `deadlineStatusSql`): the reader splits it by the
 *   due day, which is a key of the row, so the clock moves nothing in the table.
 * - by the local day and month of the nearest deadline (`due_date`) of an OPEN case: `open_due`, valued
 *   by its 包案 leader ('' = none) — the dashboard's overdue-by-owner is the sum over the days before today.
 * Each row also keeps the registering and the handling unit, so the list's scope (registered or
 * handled in the subtree) and its unit filter (handling unit, else registering unit) are exact on it.
 *
 * The engine applies `rollupDelta(before, after)` in the same transaction as every change of a case
 * (registration, event, import, the time-derived refresh), so the table always equals a rebuild.
 */
import { localDateOf } from '../../../common/domain/calendar.ts';
import { isOpen } from '../../../common/domain/petition-state.ts';
import type { PetitionTable } from '../../db/schema.ts';

export const ROLLUP_RECEIVED_DIMS = ['all', 'category', 'channel', 'type', 'satisfaction'] as const;
export const ROLLUP_DEADLINE_DIMS = ['acceptance', 'conclusion', 'referral'] as const;
export type RollupDim = (typeof ROLLUP_RECEIVED_DIMS)[number] | (typeof ROLLUP_DEADLINE_DIMS)[number] | 'open_due';
export type RollupGrain = 'd' | 'm';

export type RollupMeasures = {
  n: number;
  persons: number;
  group_n: number;
  group_persons: number;
  skip_level_n: number;
  repeat_n: number;
  anonymous_n: number;
};
export const ROLLUP_MEASURES = [
  'n',
  'persons',
  'group_n',
  'group_persons',
  'skip_level_n',
  'repeat_n',
  'anonymous_n',
] as const satisfies readonly (keyof RollupMeasures)[];

export type RollupKey = {
  grain: RollupGrain;
  /** A local date (grain d) or a calendar month `YYYY-MM` (grain m). */
  period: string;
  dim: RollupDim;
  /** The dimension's value; '' for none (no category, not rated, no status). */
  value: string;
  registered_unit_id: string;
  /** '' while no unit handles the case. */
  handling_unit_id: string;
};
export type RollupRow = RollupKey & RollupMeasures;

/** The columns of a petition the rollup reads. */
export type RollupSource = Pick<
  PetitionTable,
  | 'received_at'
  | 'registered_unit_id'
  | 'handling_unit_id'
  | 'category_code'
  | 'channel'
  | 'type'
  | 'satisfaction'
  | 'headcount'
  | 'is_group'
  | 'is_skip_level'
  | 'is_repeat'
  | 'is_anonymous'
  | 'acceptance_due'
  | 'acceptance_status'
  | 'conclusion_due'
  | 'conclusion_status'
  | 'referral_due'
  | 'referral_status'
  | 'state'
  | 'due_date'
  | 'owner_id'
>;

const ZERO: RollupMeasures = {
  n: 0,
  persons: 0,
  group_n: 0,
  group_persons: 0,
  skip_level_n: 0,
  repeat_n: 0,
  anonymous_n: 0,
};

export function rollupKeyOf(k: RollupKey): string {
  return `${k.grain}|${k.period}|${k.dim}|${k.value}|${k.registered_unit_id}|${k.handling_unit_id}`;
}

/** The rows one petition contributes (each counted once, at both grains). */
export function rollupContributions(p: RollupSource): RollupRow[] {
  const units = { registered_unit_id: p.registered_unit_id, handling_unit_id: p.handling_unit_id ?? '' };
  const totals: RollupMeasures = {
    n: 1,
    persons: p.headcount,
    group_n: p.is_group,
    group_persons: p.is_group === 1 ? p.headcount : 0,
    skip_level_n: p.is_skip_level,
    repeat_n: p.is_repeat,
    anonymous_n: p.is_anonymous,
  };
  const rows: RollupRow[] = [];
  const both = (day: string, dim: RollupDim, value: string, measures: RollupMeasures) => {
    rows.push({ grain: 'd', period: day, dim, value, ...units, ...measures });
    rows.push({ grain: 'm', period: day.slice(0, 7), dim, value, ...units, ...measures });
  };
  const day = localDateOf(p.received_at);
  both(day, 'all', '', totals);
  both(day, 'category', p.category_code ?? '', totals);
  both(day, 'channel', p.channel, totals);
  both(day, 'type', p.type, totals);
  both(day, 'satisfaction', p.satisfaction === null ? '' : String(p.satisfaction), totals);
  const one = { ...ZERO, n: 1 };
  if (p.acceptance_due !== null) both(p.acceptance_due, 'acceptance', p.acceptance_status ?? '', one);
  if (p.conclusion_due !== null) both(p.conclusion_due, 'conclusion', p.conclusion_status ?? '', one);
  if (p.referral_due !== null) both(p.referral_due, 'referral', p.referral_status ?? '', one);
  if (p.due_date !== null && isOpen(p.state)) both(p.due_date, 'open_due', p.owner_id ?? '', one);
  return rows;
}

/**
 * Rows added minus rows removed, merged by key, zero rows dropped: what the rollup must add when a
 * petition goes from `before` (null: new) to `after`. Empty when no dimension changed (most notes).
 */
export function rollupDelta(changes: readonly { before: RollupSource | null; after: RollupSource | null }[]) {
  const merged = new Map<string, RollupRow>();
  const add = (rows: readonly RollupRow[], sign: 1 | -1) => {
    for (const row of rows) {
      const key = rollupKeyOf(row);
      const into = merged.get(key) ?? { ...row, ...ZERO };
      for (const m of ROLLUP_MEASURES) into[m] += sign * row[m];
      merged.set(key, into);
    }
  };
  for (const { before, after } of changes) {
    if (before !== null) add(rollupContributions(before), -1);
    if (after !== null) add(rollupContributions(after), 1);
  }
  return [...merged.values()].filter((r) => ROLLUP_MEASURES.some((m) => r[m] !== 0));
}
