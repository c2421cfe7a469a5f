/**
 * The dashboard's rollup (issue #20): counts by local day and month × unit × dimension, kept by the
 * case engine in the same transaction as every change of a case, read by the dashboard.
 */
export { rollupContributions, rollupDelta, type RollupDim, type RollupRow, type RollupSource } from './rollup.ts';
export { applyRollupDelta, readRollup, rebuildRollup } from './rollup.repository.ts';
