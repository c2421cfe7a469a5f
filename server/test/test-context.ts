/**
 * Service-test context: a fresh, migrated database per test file — in-memory SQLite by default, a
 * private schema on PostgreSQL when TEST_DATABASE_URL is set — so the same test bodies run on both.
 */
import { fileStoreFor } from '../platform/file-store.ts';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Actor } from '../../common/domain/access.ts';
import type { Role } from '../../common/schemas/user.ts';
import type { UnitKind } from '../../common/schemas/unit.ts';
import { testDatabaseConfig } from '../config.ts';
import { migrateToLatest, openDatabase, type Database } from '../db/database.ts';
import { bootstrapEnterprise } from '../modules/setup/setup.service.ts';
import { createUnit } from '../modules/unit/unit.service.ts';
import { createUser } from '../modules/user/user.service.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { sequentialIds } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';
import { argon2Hasher } from '../platform/passwords.ts';
import { createFieldCipher, deriveKeys } from '../platform/crypto.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { NO_OUTBOUND } from '../platform/deps.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
export const TEST_START = '2026-03-02T01:00:00.000Z';

export type TestContext = {
  database: Database;
  deps: ServiceDeps;
  clock: ReturnType<typeof fixedClock>;
  /** A private temporary data directory (attachments), removed by `close`. */
  dataDir: string;
  /** The database as another process would name it (`sqlite:<file>` with `onDisk`, or `postgres://…?schema=`). */
  databaseUrl: string;
  close: () => Promise<void>;
};

export async function createTestContext(options: { onDisk?: boolean } = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinfang-test-'));
  const base = testDatabaseConfig();
  let config = base;
  let databaseUrl = 'sqlite::memory:';
  let dropSchema = async (): Promise<void> => {};
  if (base.dialect === 'sqlite' && options.onDisk === true) {
    config = { dialect: 'sqlite', file: path.join(dataDir, 'test.db') };
    databaseUrl = `sqlite:${config.file}`;
  }
  if (base.dialect === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    config = { ...base, schema, poolSize: 4 };
    const url = new URL(base.url);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: base.url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    };
  }
  const database = openDatabase(config);
  await migrateToLatest(database);
  const clock = fixedClock(TEST_START);
  const deps: ServiceDeps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    ids: sequentialIds('T'),
    log: createLogger({ logLevel: 'silent' }),
    // The smallest argon2 memory cost keeps tests fast; production uses 19 MiB.
    hasher: argon2Hasher(1024),
    cipher: testCipher(),
    outbound: NO_OUTBOUND,
  };
  return {
    database,
    deps,
    clock,
    dataDir,
    databaseUrl,
    close: async () => {
      await database.close();
      await dropSchema();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The organisation every access test uses. Keys name units and users in assertions. */
export type Org = {
  units: Record<'root' | 'deptHr' | 'mineA' | 'teamA1' | 'crewA1' | 'mineB' | 'teamB1', { id: string; path: string }>;
  admin: Actor;
  users: Record<string, Actor>;
};

export type UnitKey = keyof Org['units'];

/**
 * 集团 root → 人力资源部, mine A → team A1 → crew A1, mine B → team B1; one user of every role at the
 * places the matrices need.
 */
export async function createOrg(deps: ServiceDeps): Promise<Org> {
  const { enterpriseId, adminId } = await bootstrapEnterprise(deps, {
    enterpriseName: '测试能源集团',
    enterpriseCode: 'CS',
    admin: { username: 'root.admin', displayName: '管理员', password: TEST_PASSWORD },
  });
  const admin: Actor = { id: adminId, role: 'admin', unitId: enterpriseId, unitPath: `/${enterpriseId}/` };
  const units = { root: { id: enterpriseId, path: `/${enterpriseId}/` } } as Org['units'];
  const add = async (key: UnitKey, parent: UnitKey, kind: Exclude<UnitKind, 'enterprise'>, name: string) => {
    const unit = await createUnit(deps, admin, { parentId: units[parent].id, kind, name });
    units[key] = { id: unit.id, path: `${units[parent].path}${unit.id}/` };
  };
  await add('deptHr', 'root', 'department', '人力资源部');
  await add('mineA', 'root', 'mine', '甲矿');
  await add('teamA1', 'mineA', 'district_team', '综采一队');
  await add('crewA1', 'teamA1', 'crew', '甲班');
  await add('mineB', 'root', 'mine', '乙矿');
  await add('teamB1', 'mineB', 'district_team', '掘进一队');

  const org: Org = { units, admin, users: { 'admin@root': admin } };
  const person = (role: Role, at: UnitKey) => addPerson(deps, org, role, at);
  await person('admin', 'mineA');
  await person('chief', 'root');
  await person('chief', 'mineA');
  await person('deputy', 'mineA');
  await person('officer', 'root');
  await person('officer', 'mineA');
  await person('handler', 'deptHr');
  await person('handler', 'teamA1');
  await person('unit_head', 'teamA1');
  await person('unit_head', 'crewA1');
  await person('partner', 'deptHr');
  await person('auditor', 'root');
  return org;
}

/**
 * One more person of `role` at `at`, beyond the ones createOrg makes: user name `<role>.<unit>`
 * (officer.mineb), password TEST_PASSWORD, and `org.users['<role>@<unit>']` (officer@mineB).
 */
export async function addPerson(deps: ServiceDeps, org: Org, role: Role, at: UnitKey): Promise<Actor> {
  const username = `${role.replace('_', '-')}.${at.toLowerCase()}`;
  const unit = org.units[at];
  const view = await createUser(deps, org.admin, {
    username,
    displayName: username,
    role,
    unitId: unit.id,
    password: TEST_PASSWORD,
  });
  const actor: Actor = { id: view.id, role, unitId: unit.id, unitPath: unit.path };
  org.users[`${role}@${at}`] = actor;
  return actor;
}

/** The tests' field cipher: a fixed secret. */
export function testCipher() {
  const keys = deriveKeys('test-secret-test-secret-test-secret-0001');
  return createFieldCipher(keys.encryptionKey, keys.indexKey);
}

/**
 * The keys of every stored file of a test context, wherever its store keeps them: the attachment
 * directory (SQLite) or the stored_file table (PostgreSQL, several instances).
 */
export async function storedFileKeys(ctx: TestContext): Promise<string[]> {
  const dir = path.join(ctx.dataDir, 'attachments');
  const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const inDb = await ctx.deps.db.selectFrom('stored_file').select('key').execute();
  return [...onDisk, ...inDb.map((r) => r.key)];
}

/** Petition-module dependencies over a test context. */
export function petitionDepsOf(ctx: TestContext): PetitionDeps {
  return { ...ctx.deps, files: fileStoreFor(ctx.deps, ctx.deps.clock, path.join(ctx.dataDir, 'attachments')) };
}
