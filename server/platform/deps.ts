/**
 * What every service receives. Passed in, never imported: tests hand in a test database, a fixed
 * clock and deterministic ids without any mocking library.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../../common/schemas/health.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';
import type { IdGenerator } from './ids.ts';
import type { Logger } from './logger.ts';
import type { PasswordHasher } from './passwords.ts';

/** Which outbound channels this deployment can deliver: a gateway, a mail server, a webhook configured. */
export type OutboundChannels = { sms: boolean; email: boolean; webhook: boolean };

export type ServiceDeps = {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  hasher: PasswordHasher;
  /** Encrypts identity data (ID numbers, phones, outbound addresses) and keys its look-up indexes. */
  cipher: FieldCipher;
  outbound: OutboundChannels;
};

/** No outbound channel: tests and the command line, where nothing leaves the machine. */
export const NO_OUTBOUND: OutboundChannels = { sms: false, email: false, webhook: false };
