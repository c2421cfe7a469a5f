/**
 * Solves the filing's proof of work off the main thread (common/domain/pow.ts), in batches so it
 * can report progress; the page stays responsive on a slow phone.
 */
import { solvePow } from '../../../common/domain/pow.ts';
import type { PowReport, PowRequest } from './pow-client.ts';

const BATCH = 4096;

// The web tsconfig carries the DOM library, not the worker one: name only what this file uses.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PowRequest>) => void) | null;
  postMessage: (report: PowReport) => void;
};

scope.onmessage = (event) => {
  const { challenge, bits } = event.data;
  let tried = 0;
  for (;;) {
    const batch = solvePow(challenge, bits, tried, BATCH);
    tried += batch.tried;
    if (batch.nonce !== null) {
      scope.postMessage({ kind: 'done', nonce: batch.nonce, tried });
      return;
    }
    scope.postMessage({ kind: 'progress', tried });
  }
};
