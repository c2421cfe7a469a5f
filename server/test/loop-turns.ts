/** A probe for the tests of scheduled jobs (issue #20): does the job let the event loop turn while it works? */

/** Counts the turns of the event loop until stopped: a job that never yields lets it count none. */
export function loopTurns(): { stop: () => number } {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}
