/**
 * Operator logs (pino). They carry ids, never petition text or identity: the redact list below
 * strips credentials, cookies and identity fields wherever they appear in a logged object.
 */
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { Config } from '../config.ts';

/** Typed log categories, so operators can filter by concern. */
export type LogCategory = 'http' | 'db' | 'auth' | 'audit' | 'scheduler' | 'lifecycle' | 'seed';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.idNumber',
  '*.phone',
  '*.name',
  '*.trackingCode',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'xinfang' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/**
 * Wait until every line logged so far is written: pino writes asynchronously, so a line logged just
 * before `process.exit` (the server's "stopped") would otherwise be lost.
 */
export function flushLogger(logger: Logger): Promise<void> {
  const flush = (logger as Partial<pino.Logger>).flush;
  if (typeof flush !== 'function') return Promise.resolve();
  return new Promise((resolve) => flush.call(logger, () => resolve()));
}

/** pino's logger seen through Fastify's interface, so one instance serves both. */
export type Logger = FastifyBaseLogger;
