/**
 * Fuzzing every write endpoint of the app (issue #11): each POST, PUT, PATCH and DELETE route that
 * `routesOf` lists — the portal's and the multipart uploads included — is sent arbitrary JSON,
 * bodies shaped like its own schema with strange values in every field (huge, unicode and control
 * strings, extreme numbers, dates such as 0001-01-01 and 9999-12-31, ids of real and of no records),
 * as a petition officer, the enterprise administrator, a leader and a stranger without a session.
 * Two properties: no answer is a 5xx, and a refused request (4xx) changes no row of any table and no
 * file (nothing half-written). Seeded and a fixed number of runs per route, so it runs the same way
 * in every `npm test`, in well under a minute.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solvePow } from '../common/domain/pow.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../common/schemas/auth.ts';
import { PortalFilingInputSchema, type PortalChallengeView } from '../common/schemas/portal.ts';
import { RegisterPetitionInputSchema } from '../common/schemas/petition.ts';
import { routesOf, type AppRoute } from './app.ts';
import { ensureDefaultTaxonomy } from './modules/category/index.ts';
import { registerPetition } from './modules/intake/index.ts';
import {
  acceptPetition,
  assignPetition,
  draftReply,
  issueReply,
  startInvestigation,
  triagePetition,
  type PetitionDeps,
} from './modules/petition/index.ts';
import { scanWarnings } from './modules/warning/index.ts';
import { createLogger } from './platform/logger.ts';
import { changedTables, snapshotTables, type DbSnapshot } from './test/db-snapshot.ts';
import {
  alternatives,
  jsonSchemaOf,
  multipartBody,
  PNG_BYTES,
  schemasOf,
  typeOf,
  urlParams,
  fillUrl,
  type JsonSchema,
} from './test/route-inputs.ts';
import { buildTestApp, loginAs } from './test/test-app.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from './test/test-context.ts';

/**
 * Tables a refused request writes on purpose: the log-in guard counts every wrong password and the
 * portal guard every wrong tracking code (ADR 0003; issue #11 findings 7, 8, 11) — refusals are
 * what they record; the rate limits count every request to a limited route, refused or not, in the
 * database so that every instance behind a load balancer counts them (issue #21).
 */
const COUNTS_REFUSALS = ['login_guard', 'portal_guard', 'rate_limit_hit'];
/**
 * A failed log-in is also an audit entry (session.login_failed), and a lock it sets is shown on the
 * account (app_user.locked_until) to administrators: the refusal the audit trail and the lock record.
 */
const AUDITS_REFUSAL: Record<string, readonly string[]> = {
  'POST /api/session': ['audit_log', 'audit_chain_head', 'app_user'],
};

/** Runs per route: for each signed-in actor, and for a stranger (who mostly meets the session check). */
const RUNS_SIGNED_IN = 10;
const RUNS_STRANGER = 3;
/** Fields of a body mutated one at a time, at most. */
const MAX_FIELDS = 40;
const SEED = 20_261_207;

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
let app: FastifyInstance;
/** Error log lines by request id: the cause of a 500, for the failure message. */
const errors = new Map<string, string>();

/** Ids of real records, by what they are, for parameters and id-like fields. */
const real = {
  petitions: [] as string[],
  documents: [] as string[],
  warnings: [] as string[],
  users: [] as string[],
  other: [] as string[],
};
/** Case numbers with their tracking codes (the portal's keys), unit codes and category codes. */
const keys: { caseNumber: string; code: string }[] = [];
const codes = { units: [] as string[], categories: ['01', '0103', '99', '0199'] };

async function world(): Promise<void> {
  await ensureDefaultTaxonomy(ctx.deps.db);
  const officer = org.users['officer@root']!;
  const chief = org.users['chief@root']!;
  const handler = org.users['handler@teamA1']!;
  const file = async (n: number) => {
    const { petition, trackingCode } = await registerPetition(
      deps,
      officer,
      RegisterPetitionInputSchema.parse({
        channel: 'visit',
        type: n % 3 === 0 ? 'accusation' : 'appeal',
        purpose: n % 3 === 0 ? 'report' : 'request',
        title: `综采一队反映事项${n}`,
        body: `综采一队职工反映第${n}件事：加班工资和井下补贴未按时发放，请求核实补发。`,
        petitioners: [{ name: `职工${n}`, idNumber: '11010519491231002X', phone: '13812345678', identity: 'employee' }],
        ...(n % 3 === 0 ? { namedPersons: [{ name: '某区队长', userId: org.users['unit_head@teamA1']!.id }] } : {}),
      }),
    );
    keys.push({ caseNumber: petition.caseNumber, code: trackingCode });
    return petition.id;
  };
  // One case at each step a verb starts from.
  const registered = await file(1);
  const triaged = await file(2);
  await triagePetition(deps, officer, triaged, {});
  const assigned = await file(3);
  await triagePetition(deps, officer, assigned, {});
  await assignPetition(deps, officer, assigned, { handlingUnitId: org.units.teamA1.id });
  const accepted = await file(4);
  await triagePetition(deps, officer, accepted, {});
  await acceptPetition(deps, officer, accepted, { handlerId: handler.id });
  const drafted = await file(5);
  await triagePetition(deps, officer, drafted, {});
  await acceptPetition(deps, officer, drafted, { ownerId: chief.id, handlerId: handler.id });
  await startInvestigation(deps, handler, drafted);
  await draftReply(deps, handler, drafted, {
    request: '补发',
    factsAndReasons: '属实',
    opinion: '补发',
    legalBasis: '规定',
    result: 'support',
    outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
  });
  const replied = await file(6);
  await triagePetition(deps, officer, replied, {});
  await acceptPetition(deps, officer, replied, { handlerId: handler.id });
  await startInvestigation(deps, handler, replied);
  await draftReply(deps, handler, replied, {
    request: '补发',
    factsAndReasons: '属实',
    opinion: '补发',
    legalBasis: '规定',
    result: 'support',
    outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
  });
  await issueReply(deps, chief, replied, { deliveryMethod: 'post' });
  real.petitions.push(registered, triaged, assigned, accepted, drafted, replied);
  for (let n = 7; n <= 9; n++) real.petitions.push(await file(n));
  await scanWarnings(deps);
  real.documents.push(...(await ctx.deps.db.selectFrom('petition_document').select('id').execute()).map((r) => r.id));
  real.warnings.push(...(await ctx.deps.db.selectFrom('warning').select('id').execute()).map((r) => r.id));
  real.other.push(...Object.values(org.units).map((u) => u.id));
  // Accounts other than the ones fuzzing (an administrator disabling the officer would end the run's session).
  real.users.push(
    org.users['handler@teamA1']!.id,
    org.users['partner@deptHr']!.id,
    org.users['deputy@mineA']!.id,
    org.users['chief@mineA']!.id,
  );
  real.other.push(...(await ctx.deps.db.selectFrom('petitioner').select('id').limit(3).execute()).map((r) => r.id));
  real.other.push(...(await ctx.deps.db.selectFrom('attachment').select('id').execute()).map((r) => r.id));
  codes.units.push(...(await ctx.deps.db.selectFrom('unit').select('code').execute()).map((r) => r.code));
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  await world();
  // The error log, to name the cause of any 500 in the failure message.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        try {
          const entry = JSON.parse(line) as { reqId?: string; err?: { message?: string; stack?: string } };
          if (entry.reqId !== undefined && entry.err !== undefined)
            errors.set(entry.reqId, (entry.err.stack ?? entry.err.message ?? '').split('\n').slice(0, 4).join(' | '));
        } catch {
          // not JSON: ignore
        }
      }
      done();
    },
  });
  app = await buildTestApp(
    ctx,
    { portalPowBits: 1, portalRateLimits: { file: 10_000, track: 10_000, other: 10_000 } },
    createLogger({ logLevel: 'error' }, sink),
  );
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

// ---------------------------------------------------------------------------------------------
// Generators

const CLOCK_SKEWED = ['0001-01-01', '9999-12-31', '1900-02-29', '2026-02-30', '2026-13-01', '0000-00-00', '2026-3-2'];
const DATES = ['2026-03-02', '2026-03-01', '2025-12-31', '2000-01-01', '2099-12-31', '1999-12-31', ...CLOCK_SKEWED];
const INSTANTS = [
  '2026-03-02T01:00:00.000Z',
  '2026-03-01T16:00:00Z',
  '2026-03-02T09:00:00+08:00',
  '2025-06-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-03-02T25:61:00Z',
  '2026-03-02T01:00:00',
];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0000\u0007',
  '\ud800',
  '𠮷野家😀',
  '../../etc/passwd',
  "'; drop table petition; --",
  '<script>alert(1)</script>',
  '%00%0a',
  'null',
  'NaN',
  '-1',
  'T999999',
  '01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  'XF2026-000001',
  'AAAA-BBBB-CCCC-DDDD',
  '11010519491231002X',
  '13812345678',
  '0103',
];

function realIds(): string[] {
  return [...real.petitions, ...real.documents, ...real.warnings, ...real.users, ...real.other];
}

const idArb = (likely: readonly string[] = realIds()): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...likely) },
    { weight: 1, arbitrary: fc.constantFrom(...realIds()) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );

/** The records a route's `:id` most likely names, by the collection it is under. */
function idsFor(url: string): readonly string[] {
  if (url.startsWith('/api/petitions/')) return real.petitions;
  if (url.startsWith('/api/documents/')) return real.documents;
  if (url.startsWith('/api/warnings/')) return real.warnings;
  return realIds();
}

const stringArb = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS, ...DATES, ...INSTANTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
    { weight: 1, arbitrary: fc.constantFrom(...realIds()) },
    // Huge: over every field's limit, under the 1 MiB body limit.
    { weight: 1, arbitrary: fc.constantFrom('字'.repeat(150_000), 'a'.repeat(5000)) },
  );

const numberArb = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(0, -1, 1, 5, 30, 31, 100, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, 0.5, -0.0),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

const junkArb = (): fc.Arbitrary<unknown> =>
  fc.oneof(fc.constant(null), fc.boolean(), numberArb(), stringArb(), fc.constant([]), fc.constant({}));

/** A value shaped by `schema` with a strange value in it, or something else altogether. */
function shaped(schema: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: likely(schema, name, depth) }, { weight: 1, arbitrary: junkArb() });
}

function likely(schema: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> {
  const options = alternatives(schema).filter((o) => typeOf(o) !== 'null');
  if (options.length > 1) return fc.oneof(...options.map((o) => likely(o, name, depth)));
  const one = options[0] ?? schema;
  if (one.enum !== undefined && one.enum.length > 0) return fc.constantFrom(...one.enum);
  if (one.const !== undefined) return fc.constant(one.const);
  if (depth > 3) return junkArb();
  switch (typeOf(one)) {
    case 'object': {
      const properties = one.properties ?? {};
      const arbs = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, shaped(property, key, depth + 1)]),
      );
      const required = (one.required ?? []).filter((key) => key in arbs);
      if (Object.keys(arbs).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), junkArb(), { maxKeys: 3 });
      return fc.oneof(
        { weight: 3, arbitrary: fc.record(arbs, { requiredKeys: required }) },
        { weight: 1, arbitrary: fc.record(arbs, { requiredKeys: [] }) },
      );
    }
    case 'array':
      return fc.array(shaped(one.items ?? {}, name, depth + 1), { maxLength: one.maxItems === undefined ? 3 : 4 });
    case 'integer':
    case 'number':
      return numberArb();
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (one.format === 'date') return fc.constantFrom(...DATES);
      if (one.format === 'date-time') return fc.constantFrom(...INSTANTS);
      if (/id$|Id$|Ids$/.test(name)) return idArb();
      return stringArb();
    default:
      return junkArb();
  }
}

/** Values that open something real, by field name. */
const KNOWN_VALUES: Record<string, () => readonly string[]> = {
  caseNumber: () => keys.map((k) => k.caseNumber),
  code: () => keys.map((k) => k.code),
  unitCode: () => codes.units,
  categoryCode: () => codes.categories,
  idNumber: () => ['11010519491231002X', '110105194912310021'],
  phone: () => ['13812345678', '138 1234 5678'],
  username: () => ['handler.teama1', 'nobody.here'],
};

/** A value the schema accepts (real records for id-like and known fields), to get past validation. */
function valid(schema: JsonSchema, name: string, depth: number, full = false): fc.Arbitrary<unknown> {
  const options = alternatives(schema).filter((o) => typeOf(o) !== 'null');
  const one = options[0] ?? schema;
  if (one.enum !== undefined && one.enum.length > 0) return fc.constantFrom(...one.enum);
  if (one.const !== undefined) return fc.constant(one.const);
  if (depth > 3) return fc.constant(null);
  switch (typeOf(one)) {
    case 'object': {
      // Every field with a valid value (`full`), or the required ones and some of the others.
      const properties = Object.entries(one.properties ?? {});
      return fc.record(
        Object.fromEntries(properties.map(([key, property]) => [key, valid(property, key, depth + 1, full)])),
        { requiredKeys: full ? properties.map(([key]) => key) : (one.required ?? []) },
      );
    }
    case 'array':
      // Empty, or one valid item (a petitioner, a named person, a calendar entry …).
      if (one.items === undefined) return fc.constant([]);
      return fc.array(valid(one.items, name, depth + 1, full), {
        minLength: Math.max(one.minItems ?? 0, 1),
        maxLength: 1,
      });
    case 'integer':
    case 'number': {
      const min = Math.ceil(one.minimum ?? (one.exclusiveMinimum === undefined ? 0 : one.exclusiveMinimum + 1));
      const max = Math.floor(Math.min(one.maximum ?? min + 30, min + 1000));
      return fc.integer({ min, max: Math.max(min, max) });
    }
    case 'boolean':
      // Flags off is the plain path (a real-name, single, ordinary petition).
      return fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
    case 'string': {
      if (one.format === 'date') return fc.constantFrom('2026-03-02', '2026-03-20', '2026-04-30');
      if (one.format === 'date-time') return fc.constantFrom('2026-03-02T01:00:00.000Z', '2026-03-01T08:00:00+08:00');
      const ids = idPoolOf(name);
      if (ids !== null) return fc.constantFrom(...ids);
      const known = KNOWN_VALUES[name]?.() ?? [];
      if (known.length > 0) return fc.constantFrom(...known);
      const min = Math.max(one.minLength ?? 0, 2);
      const max = Math.max(min, Math.min(one.maxLength ?? 40, 40));
      return fc
        .constantFrom('核实情况属实', '请求尽快处理本事项并书面答复', '经调查核实，情况基本属实')
        .map((text) => text.padEnd(min, '实').slice(0, max));
    }
    default:
      return fc.constant(null);
  }
}

/** The records an id field names, by its name (a unit, an account, a petition), or null for no id. */
function idPoolOf(name: string): readonly string[] | null {
  if (/(^u|U)nitIds?$|^parentId$/.test(name)) return Object.values(org.units).map((u) => u.id);
  if (/(^u|U)serIds?$|^ownerId$|[hH]andlerIds?$/.test(name)) return real.users;
  if (/[pP]etitionId$|^repeatOfId$/.test(name)) return real.petitions;
  return /id$|Id$|Ids$/.test(name) ? realIds() : null;
}

/** A portal key in a body is, most times, a real case number with its own tracking code. */
function withRealKey(base: unknown): fc.Arbitrary<unknown> {
  if (typeof base !== 'object' || base === null || !('caseNumber' in base) || !('code' in base) || keys.length === 0)
    return fc.constant(base);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...keys).map((key) => ({ ...base, ...key })) },
    { weight: 1, arbitrary: fc.constant(base) },
  );
}

type Path = (string | number)[];

/** Every field of a schema, nested objects and the first item of arrays included (three levels). */
function fieldsOf(schema: JsonSchema, prefix: Path = [], depth = 0): { path: Path; schema: JsonSchema }[] {
  const one = alternatives(schema).find((o) => typeOf(o) !== 'null') ?? schema;
  if (depth > 3) return [];
  if (typeOf(one) === 'object') {
    return Object.entries(one.properties ?? {}).flatMap(([key, property]) => [
      { path: [...prefix, key], schema: property },
      ...fieldsOf(property, [...prefix, key], depth + 1),
    ]);
  }
  if (typeOf(one) === 'array' && one.items !== undefined) return fieldsOf(one.items, [...prefix, 0], depth + 1);
  return [];
}

/** `value` at `path` in a copy of `base`, making the objects and arrays on the way. */
function setAt(base: unknown, path: Path, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const array = Array.isArray(base) ? [...(base as unknown[])] : [];
    array[head] = setAt(array[head], rest, value);
    return array;
  }
  const object = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } : {};
  return { ...object, [head]: setAt((object as Record<string, unknown>)[head], rest, value) };
}

/** A valid body with one field, at any depth, set to something strange — where the 500s hide. */
function mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
  const fields = fieldsOf(schema);
  const base = valid(schema, '', 0).chain(withRealKey);
  if (fields.length === 0) return base;
  return fc
    .record({ body: base, field: fc.constantFrom(...fields) })
    .chain(({ body, field }) =>
      likely(field.schema, String(field.path.at(-1) ?? ''), 1).map((value) => setAt(body, field.path, value)),
    );
}

/** A JSON body for a route: valid, valid but for one field, shaped by its schema, or any JSON at all. */
function bodyArb(route: AppRoute): fc.Arbitrary<unknown> {
  const schema = schemasOf(route).body;
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  return schema === null
    ? anyJson
    : fc.oneof(
        { weight: 2, arbitrary: valid(schema, '', 0).chain(withRealKey) },
        { weight: 4, arbitrary: mutated(schema) },
        { weight: 3, arbitrary: shaped(schema, '', 0) },
        { weight: 1, arbitrary: anyJson },
      );
}

type Body = { payload: Buffer | string | undefined; contentType: string | undefined; describe: string };

function json(value: unknown): Body {
  // undefined stays undefined: a request without a body.
  if (value === undefined) return { payload: undefined, contentType: undefined, describe: 'no body' };
  return {
    payload: JSON.stringify(value),
    contentType: 'application/json',
    describe: JSON.stringify(value).slice(0, 300),
  };
}

const fileArb = fc.record({
  fileName: fc.oneof(
    fc.constantFrom('a.png', '伤情.jpg', 'x.pdf', 'ledger.csv', 'l.xlsx', '../../x', '', 'a\u0000.csv', '\u202e.png'),
    fc.string({ maxLength: 30 }),
  ),
  contentType: fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/csv', 'application/octet-stream'),
  data: fc.oneof(
    fc.constant(PNG_BYTES),
    fc.constant(Buffer.from('%PDF-1.4\n%%EOF\n')),
    fc.constant(Buffer.from('案件编号,标题,收到日期\nXF2020-1,拖欠工资,0001-01-01\n,,9999-12-31\n')),
    fc.constant(Buffer.from('标题\u0000,正文\n拖欠\u0000工资,请求\u0000补发\n')),
    fc.constant(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)])),
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
  ),
});

/** The portal filing: its JSON field shaped by PortalFilingInputSchema, with a solved challenge or not. */
const FILING_SCHEMA = jsonSchemaOf(PortalFilingInputSchema) ?? {};

async function solvedChallenge(): Promise<{ challenge: string; nonce: string }> {
  const view = (await app.inject({ method: 'POST', url: '/api/portal/challenge' })).json<PortalChallengeView>();
  return { challenge: view.challenge, nonce: solvePow(view.challenge, view.bits).nonce ?? '' };
}

/** Multipart bodies for the routes that take files. */
const MULTIPART: Record<string, () => fc.Arbitrary<Promise<Body>>> = {
  'POST /api/petitions/:id/attachments': () =>
    fc
      .record({ identity: fc.option(fc.constantFrom('true', 'false', '1', '')), file: fc.option(fileArb) })
      .map(async ({ identity, file }) => {
        const body = multipartBody(
          identity === null ? [] : [{ name: 'identityDocument', value: identity }],
          file === null ? [] : [{ name: 'file', ...file }],
        );
        return { ...body, describe: `multipart identity=${String(identity)} file=${file?.fileName ?? 'none'}` };
      }),
  'POST /api/ledger/imports': () =>
    fc.option(fileArb).map(async (file) => ({
      ...multipartBody([], file === null ? [] : [{ name: 'file', ...file }]),
      describe: `multipart file=${file?.fileName ?? 'none'} ${file?.data.length ?? 0} bytes`,
    })),
  'POST /api/portal/petitions': () =>
    fc
      .record({
        filing: fc.oneof(shaped(FILING_SCHEMA, '', 0), fc.string({ maxLength: 50 })),
        solve: fc.boolean(),
        files: fc.array(fileArb, { maxLength: 6 }),
      })
      .map(async ({ filing, solve, files }) => {
        const value =
          solve && typeof filing === 'object' && filing !== null ? { ...filing, ...(await solvedChallenge()) } : filing;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        return {
          ...multipartBody(
            [{ name: 'petition', value: text }],
            files.map((f) => ({ name: 'files', ...f })),
          ),
          describe: `multipart petition=${text.slice(0, 300)} files=${files.length}`,
        };
      }),
};

// ---------------------------------------------------------------------------------------------
// Running

type Actor = { name: string; username: string | null; headers: Record<string, string> };

async function signIn(username: string): Promise<Actor> {
  const client = await loginAs(app, username);
  return {
    name: username,
    username,
    headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
  };
}

/** Signed in still? A fuzzed log-out (DELETE /api/session) or password change ends the session. */
async function freshen(actor: Actor): Promise<Actor> {
  if (actor.username === null) return actor;
  const session = await app.inject({ method: 'GET', url: '/api/session', headers: actor.headers });
  return session.statusCode === 200 ? actor : signIn(actor.username);
}

/** Every file under the data directory, with its size: a refused upload leaves none behind. */
function files(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(`${path.relative(ctx.dataDir, full)}:${fs.statSync(full).size}`);
    }
  };
  walk(ctx.dataDir);
  return createHash('sha256').update(out.sort().join('\n')).digest('hex');
}

type State = { tables: DbSnapshot; files: string };

async function state(): Promise<State> {
  return { tables: await snapshotTables(ctx.database, COUNTS_REFUSALS), files: files() };
}

/**
 * SQLite's count of rows written on the connection (the test database has one): when it has not
 * moved, nothing was written and the full snapshot is skipped. It moves for writes rolled back too,
 * so a moved count only means "compare every table". On PostgreSQL every request is compared.
 */
async function writesSoFar(): Promise<number | null> {
  if (ctx.database.dialect !== 'sqlite') return null;
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(ctx.database.db);
  return rows[0]?.n ?? null;
}

/** A ledger import started with 202 runs on after the answer: wait for it, so its rows are not blamed on the next request. */
async function settle(response: LightMyRequestResponse, actor: Actor): Promise<void> {
  if (response.statusCode !== 202) return;
  const id = response.json<{ id?: string }>().id;
  for (let i = 0; i < 200 && id !== undefined; i++) {
    const poll = await app.inject({ method: 'GET', url: `/api/ledger/imports/${id}`, headers: actor.headers });
    if (poll.json<{ status?: string }>().status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const problems: string[] = [];
let sent = 0;
const statuses = new Map<number, number>();

async function fuzzRoute(route: AppRoute, actor: Actor, runs: number, seed: number): Promise<Actor> {
  let current = await freshen(actor);
  let before = await state();
  let counted = await writesSoFar();
  const key = `${route.method} ${route.url}`;
  const params = fc.record(
    Object.fromEntries(
      urlParams(route.url).map((name) => [
        name,
        name === '*' ? fc.string() : idArb(name === 'id' ? idsFor(route.url) : realIds()),
      ]),
    ),
  );
  const query = schemasOf(route).querystring;
  const schema = schemasOf(route).body;
  const bodies: fc.Arbitrary<Promise<Body>> =
    MULTIPART[key]?.() ??
    (route.method === 'DELETE' && schema === null ? fc.constant(undefined) : bodyArb(route)).map(async (v) => json(v));
  const request = (body: fc.Arbitrary<Promise<Body>>) =>
    fc.record({ params, query: query === null ? fc.constant({}) : shaped(query, '', 0), body });
  const samples = fc.sample(request(bodies), { seed, numRuns: runs });
  // Then, for a signed-in actor, each field of the body once: a valid body with that one field strange.
  if (actor.username !== null && schema !== null && MULTIPART[key] === undefined) {
    const base = valid(schema, '', 0, true).chain(withRealKey);
    for (const [index, field] of fieldsOf(schema).slice(0, MAX_FIELDS).entries()) {
      const one = fc
        .record({ body: base, value: likely(field.schema, String(field.path.at(-1) ?? ''), 1) })
        .map(async ({ body, value }) => json(setAt(body, field.path, value)));
      samples.push(...fc.sample(request(one), { seed: seed * 101 + index, numRuns: 1 }));
    }
  }
  for (const sample of samples) {
    const body = await sample.body;
    const url = fillUrl(route.url, sample.params);
    const queryString =
      typeof sample.query === 'object' && sample.query !== null && !Array.isArray(sample.query)
        ? Object.fromEntries(
            Object.entries(sample.query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          )
        : {};
    const response = await app.inject({
      method: route.method as 'POST',
      url,
      query: queryString,
      headers: {
        ...current.headers,
        ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
      },
      ...(body.payload === undefined ? {} : { payload: body.payload }),
    });
    sent += 1;
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    const where = `${current.name}: ${route.method} ${url.slice(0, 160)} ${JSON.stringify(queryString).slice(0, 200)} ${body.describe}`;
    if (response.statusCode >= 500) {
      const requestId = /"requestId":"([^"]+)"/.exec(response.body)?.[1] ?? '';
      problems.push(`${response.statusCode} ← ${where}\n    ${errors.get(requestId) ?? response.body.slice(0, 300)}`);
    }
    await settle(response, current);
    const count = await writesSoFar();
    const untouched = count !== null && count === counted && files() === before.files;
    const after = untouched ? before : await state();
    if (response.statusCode >= 400 && !untouched) {
      const recorded = AUDITS_REFUSAL[key] ?? [];
      const changed = changedTables(before.tables, after.tables).filter(
        (table) => !recorded.includes(table.split(' ')[0] ?? ''),
      );
      if (after.files !== before.files) changed.push('files under the data directory');
      if (changed.length > 0)
        problems.push(`${response.statusCode} refused but wrote ${changed.join(', ')} ← ${where}`);
    }
    before = after;
    current = await freshen(current);
    counted = await writesSoFar();
  }
  return current;
}

describe('fuzzing every write endpoint', () => {
  it('never answers 5xx, and a refused request writes nothing', async () => {
    const started = Date.now();
    const writes = routesOf(app).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    const actors = [await signIn('officer.root'), await signIn('root.admin'), await signIn('chief.root')];
    const stranger: Actor = { name: 'stranger', username: null, headers: {} };
    let seed = SEED;
    for (const route of writes) {
      for (let i = 0; i < actors.length; i++) actors[i] = await fuzzRoute(route, actors[i]!, RUNS_SIGNED_IN, seed++);
      await fuzzRoute(route, stranger, RUNS_STRANGER, seed++);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `write fuzz: ${writes.length} routes, ${sent} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(problems).toEqual([]);
    expect(writes.length).toBeGreaterThan(80);
  }, 300_000);
});
