/**
 * How long the event loop was held: perf_hooks' delay histogram and a 10 ms ticker (whose late
 * ticks also count the loop's own phases), the larger of the two — what a request arriving at the
 * worst moment would have waited before its handler ran.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type Stall = { maxMs: number; p99Ms: number };

export function stallProbe(): { stop: () => Stall; sample: () => Stall } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const sample = (): Stall => {
    const result = { maxMs: Math.max(worst, histogram.max / 1e6), p99Ms: histogram.percentile(99) / 1e6 };
    histogram.reset();
    worst = 0;
    return result;
  };
  return {
    sample,
    stop: () => {
      // The last gap counts too: a job that blocks to its very end left no tick after its block.
      worst = Math.max(worst, performance.now() - last - 10);
      clearInterval(timer);
      histogram.disable();
      return sample();
    },
  };
}
