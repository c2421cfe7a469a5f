/**
 * The start-up sequence shared by the server and the command line: open the database, migrate,
 * and (in demo mode) load the demo enterprise into an empty database.
 */
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type Database } from './db/database.ts';
import { seedDemoEnterprise } from './db/seed/demo-enterprise.ts';
import { findRootUnit } from './modules/unit/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { ServiceDeps } from './platform/deps.ts';
import { ulidGenerator } from './platform/ids.ts';
import type { Logger } from './platform/logger.ts';
import { argon2Hasher } from './platform/passwords.ts';

export type Booted = { database: Database; deps: ServiceDeps; seeded: boolean; empty: boolean };

export async function boot(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Booted> {
  const database = openDatabase(config.database);
  try {
    const migrated = await migrateToLatest(database);
    for (const result of migrated.results ?? []) {
      logger.info({ category: 'db', migration: result.migrationName, status: result.status }, 'migration');
    }
    const deps: ServiceDeps = {
      db: database.db,
      dialect: database.dialect,
      clock,
      ids: ulidGenerator(() => clock.now().getTime()),
      log: logger,
      hasher: argon2Hasher(config.passwordHashMemoryKib),
    };
    let seeded = false;
    let empty = (await findRootUnit(database.db)) === undefined;
    if (empty && config.demo) {
      const counts = await seedDemoEnterprise(deps);
      logger.info({ category: 'seed', ...counts }, 'demo enterprise loaded');
      seeded = true;
      empty = false;
    }
    return { database, deps, seeded, empty };
  } catch (error) {
    await database.close();
    throw error;
  }
}
