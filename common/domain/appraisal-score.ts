/**
 * 考核 scoring (《信访工作条例》第39条: appraisal of units on their petition work): pure, so a round
 * recomputes from its stored inputs to the same points. An indicator earns its weight in full at its
 * target, nothing at its threshold, linearly between (either direction: a lower-is-better indicator
 * has its target below its threshold); a rate is read as a percentage, and a rate with nothing due
 * (of = 0) earns its weight — nothing was due, nothing was missed. A bonus/deduction rule adds its
 * points once per counted item (e.g. each 越级 −5), capped in size. Points are kept in hundredths.
 */
import type { AppraisalDefinition } from '../schemas/appraisal.ts';
import type { FigureKey, FigureValue } from '../schemas/figure.ts';

/** A figure as read for a round; `kind: 'mean'` marks an average (minutes over incidents), scored as is. */
export type AppraisalInputs = Partial<Record<FigureKey, FigureValue & { version: number; kind?: 'mean' }>>;

export type ScoredItem = {
  key: FigureKey;
  /** The value as scored: a percentage for a rate (null when nothing was due), the count otherwise. */
  measured: number | null;
  weight: number;
  pointsCenti: number;
};
export type ScoredRule = { key: FigureKey; count: number; pointsCenti: number };
export type Scored = { items: ScoredItem[]; rules: ScoredRule[]; totalCenti: number };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The measured value of a figure: a rate as a percentage (null when nothing was due), a mean as the
 * average (null when nothing was timed), a count as is.
 */
export function measuredOf(value: FigureValue & { kind?: 'mean' }): number | null {
  if (value.of === null) return value.value;
  if (value.of === 0) return null;
  return value.kind === 'mean' ? value.value / value.of : (value.value / value.of) * 100;
}

/** The points of one indicator, in hundredths. */
export function indicatorCenti(
  measured: number | null,
  item: { weight: number; target: number; threshold: number },
): number {
  if (measured === null) return item.weight * 100;
  const share = clamp01((measured - item.threshold) / (item.target - item.threshold));
  return Math.round(item.weight * 100 * share);
}

/** A unit's points under a scheme's definition from the figures read for it. */
export function scoreUnit(definition: AppraisalDefinition, inputs: AppraisalInputs): Scored {
  const zero = { value: 0, of: null };
  const items = definition.indicators.map((item) => {
    const measured = measuredOf(inputs[item.key] ?? zero);
    return { key: item.key, measured, weight: item.weight, pointsCenti: indicatorCenti(measured, item) };
  });
  const rules = definition.rules.map((rule) => {
    const count = (inputs[rule.key] ?? zero).value;
    const raw = Math.round(rule.points * 100) * count;
    const cap = rule.cap === undefined ? Infinity : rule.cap * 100;
    return { key: rule.key, count, pointsCenti: Math.sign(raw) * Math.min(Math.abs(raw), cap) };
  });
  const totalCenti = [...items, ...rules].reduce((sum, x) => sum + x.pointsCenti, 0);
  return { items, rules, totalCenti };
}

/** Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). */
export function rankOf(scores: readonly { id: string; centi: number }[]): Map<string, number> {
  const sorted = [...scores].sort((a, b) => b.centi - a.centi);
  const out = new Map<string, number>();
  sorted.forEach((s, i) => {
    const prev = sorted[i - 1];
    out.set(s.id, prev !== undefined && prev.centi === s.centi ? (out.get(prev.id) as number) : i + 1);
  });
  return out;
}

/** The local dates of an appraisal period key: `2026-Q1` (calendar quarter) or `2026` (calendar year). */
export function periodRange(key: string): { kind: 'quarter' | 'year'; from: string; to: string } | null {
  const year = /^(\d{4})$/.exec(key);
  if (year !== null) return { kind: 'year', from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter === null) return null;
  const q = Number(quarter[2]);
  const last = ['03-31', '06-30', '09-30', '12-31'][q - 1];
  const first = ['01-01', '04-01', '07-01', '10-01'][q - 1];
  return { kind: 'quarter', from: `${quarter[1]}-${first}`, to: `${quarter[1]}-${last}` };
}
