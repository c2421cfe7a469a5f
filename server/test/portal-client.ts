/** The public portal as a browser calls it: a solved proof-of-work challenge and a multipart filing. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { leadingZeroBits, solvePow } from '../../common/domain/pow.ts';
import type { PortalChallengeView } from '../../common/schemas/portal.ts';

export type Part = { name: string; fileName?: string; type?: string; data: Buffer | string };

/** A multipart/form-data body built by hand the way a browser sends it (raw UTF-8 names). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----portal-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.fileName === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.fileName}"`;
    const type = part.fileName === undefined ? '' : `\r\nContent-Type: ${part.type ?? 'application/octet-stream'}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'utf8'),
      Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A challenge from the portal, solved as the phone's worker solves it. */
export async function solvedChallenge(
  app: FastifyInstance,
  expectedBits?: number,
): Promise<{ challenge: string; nonce: string }> {
  const view = (await app.inject({ method: 'POST', url: '/api/portal/challenge' })).json<PortalChallengeView>();
  if (expectedBits !== undefined) expect(view.bits).toBe(expectedBits);
  const { nonce } = solvePow(view.challenge, view.bits);
  // The browser's pure SHA-256 and the server's node:crypto agree on the answer.
  expect(
    leadingZeroBits(
      createHash('sha256')
        .update(`${view.challenge}:${nonce ?? ''}`)
        .digest(),
    ),
  ).toBeGreaterThanOrEqual(view.bits);
  return { challenge: view.challenge, nonce: nonce ?? '' };
}

/** POST /api/portal/petitions: the filing as JSON in "petition", the photos and PDFs in "files". */
export async function filePortalPetition(
  app: FastifyInstance,
  petition: Record<string, unknown>,
  files: { fileName: string; data: Buffer; type?: string }[] = [],
): Promise<LightMyRequestResponse> {
  const body = multipart([
    { name: 'petition', data: JSON.stringify(petition) },
    ...files.map((f) => ({ name: 'files', fileName: f.fileName, type: f.type ?? 'image/jpeg', data: f.data })),
  ]);
  return app.inject({ method: 'POST', url: '/api/portal/petitions', ...body });
}
