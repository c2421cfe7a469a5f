/**
 * Signals across cases (分析研判): a week with more petitions than a unit and category usually get,
 * a person petitioning again and again, a cadre named in many petitions. Pure functions over counts.
 *
 * The spike test is a Poisson control limit: petitions arrive independently at a rate the unit's own
 * past weeks estimate (the mean of the baseline weeks, at least a floor so a quiet unit is not
 * flagged for two letters); the week is unusual when P(X ≥ observed | λ) is small. Chosen over EWMA
 * because weekly counts per unit and category are small integers, where the Poisson tail is exact
 * and needs no tuning of a smoothing constant; a minimum count keeps one-off pairs quiet.
 */
import type { WarningLevel } from './risk.ts';

export type SpikePolicy = {
  /** Tail probabilities at or below which each level fires (smaller = rarer = higher). */
  alpha: Readonly<Record<WarningLevel, number>>;
  /** Fewer petitions than this in the week never fire. */
  minCount: number;
  /** λ is at least this (petitions per week), so an empty history does not make 2 a spike. */
  minRate: number;
  /** In a sensitive period every alpha is multiplied by this (tighter watch: fires earlier). */
  sensitiveFactor: number;
};

export const DEFAULT_SPIKE_POLICY: SpikePolicy = {
  alpha: { blue: 0.05, yellow: 0.01, orange: 0.001, red: 0.0001 },
  minCount: 4,
  minRate: 0.5,
  sensitiveFactor: 5,
};

/** P(X ≥ k) for X ~ Poisson(λ), summed from the lower tail (k is small here). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda);
  let cumulative = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cumulative += term;
  }
  return Math.max(0, 1 - cumulative);
}

export type SpikeResult = { level: WarningLevel | null; expected: number; observed: number; pValue: number };

/** Is `observed` (this week) a spike against `baseline` (earlier weeks' counts)? */
export function detectSpike(
  observed: number,
  baseline: readonly number[],
  policy: SpikePolicy = DEFAULT_SPIKE_POLICY,
  sensitive = false,
): SpikeResult {
  const mean = baseline.length === 0 ? 0 : baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const expected = Math.max(mean, policy.minRate);
  const pValue = poissonUpperTail(observed, expected);
  if (observed < policy.minCount) return { level: null, expected, observed, pValue };
  const factor = sensitive ? policy.sensitiveFactor : 1;
  const levels: WarningLevel[] = ['red', 'orange', 'yellow', 'blue'];
  const level = levels.find((l) => pValue <= policy.alpha[l] * factor) ?? null;
  return { level, expected, observed, pValue };
}

/** A person's petitions in the window: 3 → yellow, 5 → orange, 8 → red. */
export function repeatPersonLevel(count: number): WarningLevel | null {
  if (count >= 8) return 'red';
  if (count >= 5) return 'orange';
  if (count >= 3) return 'yellow';
  return null;
}

/** Petitions naming one cadre in the window: 3 → yellow, 5 → orange. */
export function namedCadreLevel(count: number): WarningLevel | null {
  if (count >= 5) return 'orange';
  if (count >= 3) return 'yellow';
  return null;
}

const ORDER: readonly WarningLevel[] = ['blue', 'yellow', 'orange', 'red'];

export function higherLevel(a: WarningLevel, b: WarningLevel): WarningLevel {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** One level up (an unanalysed warning escalates), red stays red. */
export function raiseLevel(level: WarningLevel): WarningLevel {
  return ORDER[Math.min(ORDER.length - 1, ORDER.indexOf(level) + 1)] ?? 'red';
}
