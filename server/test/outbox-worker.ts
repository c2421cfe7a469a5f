/**
 * A delivery process for the outbox restart test: opens the database named in argv, delivers
 * every due message through the SMS gateway named in argv, round after round, until none is due.
 * The test kills it mid-way (SIGKILL) and starts another.
 */
import { parseDatabaseUrl } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { deliverOutbox } from '../modules/notification/index.ts';
import { smsGatewaySender } from '../modules/notification/outbound-channels.ts';
import { systemClock } from '../platform/clock.ts';
import { ulidGenerator } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';
import { testCipher } from './test-context.ts';

const [databaseUrl = '', gatewayUrl = '', claimMs = '1000'] = process.argv.slice(2);
const config = parseDatabaseUrl(databaseUrl);
if (typeof config === 'string') throw new Error(config);
const database = openDatabase(config);
const deps = {
  db: database.db,
  clock: systemClock,
  ids: ulidGenerator(),
  log: createLogger({ logLevel: 'silent' }),
  cipher: testCipher(),
  outbound: { sms: true, email: false, webhook: false },
};
for (;;) {
  const round = await deliverOutbox(
    deps,
    { sms: smsGatewaySender(gatewayUrl) },
    { limit: 5, claimMs: Number(claimMs) },
  );
  if (round.sent + round.retried + round.failed === 0) break;
}
await database.close();
process.stdout.write('done\n');
