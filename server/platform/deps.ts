/**
 * What every service receives. Passed in, never imported: tests hand in a test database, a fixed
 * clock and deterministic ids without any mocking library.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../common/schemas/health.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { IdGenerator } from './ids.ts';
import type { Logger } from './logger.ts';
import type { PasswordHasher } from './passwords.ts';

export type ServiceDeps = {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  hasher: PasswordHasher;
};
