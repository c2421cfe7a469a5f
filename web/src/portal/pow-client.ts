/** Runs the proof of work in pow.worker.ts and reports progress as the chance it is done by now. */

export type PowRequest = { challenge: string; bits: number };
export type PowReport = { kind: 'progress'; tried: number } | { kind: 'done'; nonce: string; tried: number };
export type PowResult = { nonce: string; tried: number; ms: number };

/**
 * Progress 0–1 after `tried` hashes: the probability of having found an answer by then
 * (1 − e^(−tried/2^bits)), so the bar moves steadily and never claims more than is likely.
 */
export function powProgress(tried: number, bits: number): number {
  return 1 - Math.exp(-tried / 2 ** bits);
}

export function solveInWorker(request: PowRequest, onProgress: (fraction: number) => void): Promise<PowResult> {
  const started = performance.now();
  const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module', name: 'pow' });
  return new Promise<PowResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PowReport>) => {
      const report = event.data;
      if (report.kind === 'progress') {
        onProgress(powProgress(report.tried, request.bits));
        return;
      }
      worker.terminate();
      onProgress(1);
      resolve({ nonce: report.nonce, tried: report.tried, ms: Math.round(performance.now() - started) });
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage(request);
  });
}
