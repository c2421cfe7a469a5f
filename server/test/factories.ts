/**
 * The worlds the service and route tests build, and the inputs they repeat. A world is a fresh
 * migrated database (test-context.ts) with the test organisation (createOrg), optionally the default
 * taxonomy and a few more people, and — for route tests — the HTTP app over it (test-app.ts).
 *
 *   let ctx: TestContext;
 *   let org: Org;
 *   let deps: PetitionDeps;
 *   serviceWorld({ taxonomy: true }, (world) => ({ ctx, org, deps } = world));
 *
 * The hooks give each test its own world (`once: true`: one for the whole file) and close it after.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Actor } from '../../common/domain/access.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../common/schemas/petition.ts';
import type { Role } from '../../common/schemas/user.ts';
import type { AppConfig } from '../app.ts';
import { ensureDefaultTaxonomy } from '../modules/category/index.ts';
import { ensureBuiltInKnowledge } from '../modules/knowledge/index.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';
import { buildTestApp } from './test-app.ts';
import {
  addPerson,
  createOrg,
  createTestContext,
  petitionDepsOf,
  type Org,
  type TestContext,
  type UnitKey,
} from './test-context.ts';

export type WorldOptions = {
  /** The default 信访事项分类 (ensureDefaultTaxonomy), for tests that name a categoryCode. */
  taxonomy?: boolean;
  /** The 《信访工作条例》 of the 法规政策库 (ensureBuiltInKnowledge; loads the taxonomy too, for its tags). */
  knowledge?: boolean;
  /** People beyond createOrg's, each as addPerson makes them (`['officer', 'mineB']` → officer@mineB). */
  people?: readonly (readonly [Role, UnitKey])[];
  /** One world for the whole file (beforeAll/afterAll) instead of a fresh one for each test. */
  once?: boolean;
};

export type ServiceWorld = {
  readonly ctx: TestContext;
  readonly org: Org;
  readonly deps: PetitionDeps;
  /** The person `key` of the organisation ('officer@mineA'); throws on a key the world lacks. */
  user: (key: string) => Actor;
};

export type AppWorld = ServiceWorld & { readonly app: FastifyInstance };

/** `app`: overrides of the test app's configuration (buildTestApp). */
export type AppWorldOptions = WorldOptions & { app?: Partial<AppConfig> };

type Hooks = { before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void };

function hooksOf(options: WorldOptions): Hooks {
  return options.once === true ? { before: beforeAll, after: afterAll } : { before: beforeEach, after: afterEach };
}

async function openWorld(options: WorldOptions): Promise<ServiceWorld> {
  const ctx = await createTestContext();
  const org = await createOrg(ctx.deps);
  if (options.taxonomy === true || options.knowledge === true) await ensureDefaultTaxonomy(ctx.deps.db);
  if (options.knowledge === true) await ensureBuiltInKnowledge(ctx.deps);
  for (const [role, at] of options.people ?? []) await addPerson(ctx.deps, org, role, at);
  const user = (key: string): Actor => {
    const actor = org.users[key];
    if (actor === undefined) throw new Error(`no user ${key} in the test organisation`);
    return actor;
  };
  return { ctx, org, deps: petitionDepsOf(ctx), user };
}

/** Accessors over the world of the test running now (set by the hooks). */
function accessors<W extends ServiceWorld>(current: () => W | undefined): W {
  const get = (): W => {
    const world = current();
    if (world === undefined) throw new Error('the test world is built in beforeEach/beforeAll: read it inside a test');
    return world;
  };
  return {
    get ctx() {
      return get().ctx;
    },
    get org() {
      return get().org;
    },
    get deps() {
      return get().deps;
    },
    user: (key: string) => get().user(key),
    get app() {
      return (get() as Partial<AppWorld>).app;
    },
  } as unknown as W;
}

/** A database, the test organisation and petition deps for each test; `use` receives the world when it is built. */
export function serviceWorld(use?: (world: ServiceWorld) => void): ServiceWorld;
export function serviceWorld(options: WorldOptions, use?: (world: ServiceWorld) => void): ServiceWorld;
export function serviceWorld(
  first?: WorldOptions | ((world: ServiceWorld) => void),
  second?: (world: ServiceWorld) => void,
): ServiceWorld {
  const options = typeof first === 'function' || first === undefined ? {} : first;
  const use = typeof first === 'function' ? first : second;
  const { before, after } = hooksOf(options);
  let world: ServiceWorld | undefined;
  before(async () => {
    world = await openWorld(options);
    use?.(world);
  });
  after(async () => {
    await world?.ctx.close();
    world = undefined;
  });
  return accessors(() => world);
}

/** A service world with the HTTP app over it (buildTestApp with `app` overrides). */
export function appWorld(use?: (world: AppWorld) => void): AppWorld;
export function appWorld(options: AppWorldOptions, use?: (world: AppWorld) => void): AppWorld;
export function appWorld(
  first?: AppWorldOptions | ((world: AppWorld) => void),
  second?: (world: AppWorld) => void,
): AppWorld {
  const options = typeof first === 'function' || first === undefined ? {} : first;
  const use = typeof first === 'function' ? first : second;
  const { before, after } = hooksOf(options);
  let world: AppWorld | undefined;
  before(async () => {
    const base = await openWorld(options);
    world = { ...base, app: await buildTestApp(base.ctx, options.app) };
    use?.(world);
  });
  after(async () => {
    await world?.app.close();
    await world?.ctx.close();
    world = undefined;
  });
  return accessors(() => world);
}

/**
 * A visit as the form posts it over HTTP: 李四 (with a phone) about three months of unpaid wages,
 * category 0103 (needs the taxonomy).
 */
export const WAGES_VISIT = {
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  categoryCode: '0103',
  title: '拖欠工资',
  body: '三个月工资未发放，请求补发。',
  petitioners: [{ name: '李四', phone: '13900001111', identity: 'employee' }],
};

/** 王大山's visit about the unpaid overtime of 综采一队 (with ID number and phone), parsed. */
export function overtimeVisit(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队拖欠加班工资',
    body: '本人在综采一队工作，2026年1月至2月加班工资未发放，请求尽快补发。',
    petitioners: [{ name: '王大山', idNumber: '11010519491231002X', phone: '13812345678', identity: 'employee' }],
    ...overrides,
  });
}

let letters = 0;

/** A letter from a numbered employee (职工1, 职工2, …) with this title and body, parsed. */
export function employeeLetter(title: string, body: string, overrides: Partial<RegisterPetitionInput> = {}) {
  letters += 1;
  return RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    title,
    body,
    petitioners: [{ name: `职工${letters}`, identity: 'employee' }],
    ...overrides,
  });
}
