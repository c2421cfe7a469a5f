/**
 * Text no field of this system has a use for and one of its databases cannot hold: U+0000. PostgreSQL
 * refuses it in every text value ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL in an id,
 * a name or a note answered 500 there (found by the write fuzz, issue #11) while SQLite stored it.
 * Every request is refused at the edge instead — a parameter, a query value, a body field or a key —
 * with VALIDATION_FAILED naming the field, on both dialects alike. Multipart handlers apply the same
 * check to the JSON they parse themselves.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors.ts';

type Path = (string | number)[];

/** Where in `value` a string (or an object key) holds U+0000, or null when none does. */
export function nulPath(value: unknown, path: Path = [], depth = 0): Path | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 32 || typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...path, index], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** @throws VALIDATION_FAILED naming the field of `value` that holds U+0000 */
export function refuseNul(where: 'params' | 'querystring' | 'body', value: unknown): void {
  const path = nulPath(value);
  if (path === null) return;
  const message = 'must not contain the character U+0000';
  throw new DomainError('VALIDATION_FAILED', {
    message: `${path.join('.') || where}: ${message}`,
    details: { in: where, issues: [{ path: path.map(String), message }] },
  });
}

/** The preValidation hook: parameters, query and a parsed body, before the route's own schema. */
export async function guardInput(request: FastifyRequest): Promise<void> {
  refuseNul('params', request.params);
  refuseNul('querystring', request.query);
  refuseNul('body', request.body);
}
