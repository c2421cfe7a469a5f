/**
 * A computation for off-thread.test.ts, run in a worker: it counts itself in a shared counter while
 * it runs (slot 0: running now, slot 1: the most at once) and holds its worker until the test lets
 * go (slot 2 set), so that the workers allowed to overlap do, however slowly each one starts.
 */
export function hold(shared: SharedArrayBuffer): number {
  const counts = new Int32Array(shared);
  const now = Atomics.add(counts, 0, 1) + 1;
  for (;;) {
    const most = Atomics.load(counts, 1);
    if (now <= most || Atomics.compareExchange(counts, 1, most, now) === most) break;
  }
  Atomics.wait(counts, 2, 0, 60_000);
  Atomics.sub(counts, 0, 1);
  return now;
}

/** A computation that fails, for the error's way back. */
export function fail(): never {
  throw new Error('the probe failed on purpose');
}
