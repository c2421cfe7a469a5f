/**
 * A server process's text catch-up for the start-up race test (server/modules/text/catch-up-race.test.ts):
 * opens the database named in argv, waits until the instant given in argv (so two processes start the
 * catch-up together, as two instances started at once on one fresh database do), runs catchUpText —
 * the repeat index filled, the category model trained — and prints its result as JSON.
 */
import path from 'node:path';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { catchUpText } from '../boot.ts';
import { parseDatabaseUrl } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { systemClock } from '../platform/clock.ts';
import { NO_OUTBOUND } from '../platform/deps.ts';
import { fileStoreFor } from '../platform/file-store.ts';
import { ulidGenerator } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';
import { argon2Hasher } from '../platform/passwords.ts';
import { testCipher } from './test-context.ts';

const [databaseUrl = '', startAt = '0'] = process.argv.slice(2);
const config = parseDatabaseUrl(databaseUrl);
if (typeof config === 'string') throw new Error(config);
const database = openDatabase(config);
const log = createLogger({ logLevel: 'silent' });
const deps = {
  db: database.db,
  dialect: database.dialect,
  clock: systemClock,
  ids: ulidGenerator(),
  log,
  hasher: argon2Hasher(1024),
  cipher: testCipher(),
  outbound: NO_OUTBOUND,
  files: fileStoreFor(database, systemClock, path.join(os.tmpdir(), 'xinfang-catch-up-race'), null),
};
await sleep(Math.max(0, Number(startAt) - Date.now()));
try {
  process.stdout.write(`${JSON.stringify(await catchUpText(deps, log))}\n`);
} finally {
  await database.close();
}
