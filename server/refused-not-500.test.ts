/**
 * Issue #11, "Ten requests answer 500": each of them, sent the way a client sends it, is now a 400
 * VALIDATION_FAILED naming its field, and nothing is written (every table's rows unchanged).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPetition } from './modules/intake/index.ts';
import {
  acceptPetition,
  draftReply,
  issueReply,
  startInvestigation,
  triagePetition,
  type PetitionDeps,
} from './modules/petition/index.ts';
import { RegisterPetitionInputSchema } from '../common/schemas/petition.ts';
import { buildTestApp, loginAs, type Client } from './test/test-app.ts';
import { changedTables, snapshotTables } from './test/db-snapshot.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from './test/test-context.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
let app: FastifyInstance;
let officer: Client;
let chief: Client;
let drafted: string;
let replied: string;

const filing = {
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  title: '综采一队拖欠加班工资',
  body: '本人在综采一队工作，加班工资未发放，请求尽快补发。',
  petitioners: [{ name: '王大山', identity: 'employee' }],
};

/** A case taken to 拟办 (reply drafted), through the services. */
async function draftedCase(): Promise<string> {
  const by = org.users['officer@root']!;
  const { petition } = await registerPetition(deps, by, RegisterPetitionInputSchema.parse(filing));
  await triagePetition(deps, by, petition.id, {});
  await acceptPetition(deps, by, petition.id, {});
  await startInvestigation(deps, by, petition.id);
  await draftReply(deps, by, petition.id, {
    request: '补发加班工资',
    factsAndReasons: '经核实确有拖欠',
    opinion: '予以补发',
    legalBasis: '《劳动法》第五十条',
    result: 'support',
    outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
  });
  return petition.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  deps = petitionDepsOf(ctx);
  drafted = await draftedCase();
  replied = await draftedCase();
  await issueReply(deps, org.users['chief@root']!, replied, { deliveryMethod: 'in_person' });
  app = await buildTestApp(ctx);
  officer = await loginAs(app, 'officer.root');
  chief = await loginAs(app, 'chief.root');
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

type Issue = { path: (string | number)[] };

/**
 * The rate limits count every request to a limited route (the portal), refused or not, in the
 * database so that every instance counts them (issue #21): a counter, not a half-written record.
 */
const COUNTERS = ['rate_limit_hit'];

/** The request is a 400 VALIDATION_FAILED naming `field`, and no row of any table changed. */
async function refusedNaming(send: () => Promise<LightMyRequestResponse>, field: (string | number)[]) {
  const before = await snapshotTables(ctx.database, COUNTERS);
  const response = await send();
  expect(response.statusCode, response.body).toBe(400);
  const error = response.json<{ error: { code: string; details: { issues: Issue[] } } }>().error;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.details.issues.map((i) => i.path)).toContainEqual(field);
  expect(changedTables(before, await snapshotTables(ctx.database, COUNTERS))).toEqual([]);
}

describe('issue #11: the ten requests that answered 500 answer 400 naming the field and write nothing', () => {
  it('1. registration naming an unknown account as namedPersons.userId (foreign key)', async () => {
    await refusedNaming(
      () => officer.post('/api/petitions', { ...filing, namedPersons: [{ name: '张志强', userId: 'NO-SUCH-USER' }] }),
      ['namedPersons', 0, 'userId'],
    );
  });

  it('2. registration naming an unknown unit as namedPersons.unitId (foreign key)', async () => {
    await refusedNaming(
      () => officer.post('/api/petitions', { ...filing, namedPersons: [{ name: '张志强', unitId: 'NO-SUCH-UNIT' }] }),
      ['namedPersons', 0, 'unitId'],
    );
  });

  it('3. registration with an unknown petitioners.unitId (foreign key)', async () => {
    await refusedNaming(
      () =>
        officer.post('/api/petitions', {
          ...filing,
          petitioners: [{ name: '王大山', identity: 'employee', unitId: 'NO-SUCH-UNIT' }],
        }),
      ['petitioners', 0, 'unitId'],
    );
  });

  it('4. registration received on 9999-12-31', async () => {
    await refusedNaming(
      () => officer.post('/api/petitions', { ...filing, receivedAt: '9999-12-31T00:00:00Z' }),
      ['receivedAt'],
    );
  });

  it('5. issue-reply delivered in 9999', async () => {
    await refusedNaming(
      () =>
        chief.post(`/api/petitions/${drafted}/issue-reply`, {
          deliveryMethod: 'in_person',
          deliveredAt: '9999-12-31T00:00:00Z',
        }),
      ['deliveredAt'],
    );
  });

  it('6. request-review requested in 9999', async () => {
    await refusedNaming(
      () =>
        officer.post(`/api/petitions/${replied}/request-review`, {
          reason: '对答复不服，申请复查',
          requestedAt: '9999-12-31T00:00:00Z',
        }),
      ['requestedAt'],
    );
  });

  it('7. /api/dashboard from 0001-01-01', async () => {
    await refusedNaming(() => officer.get('/api/dashboard?from=0001-01-01&to=2026-03-31'), ['from']);
  });

  it('8. /api/dashboard to 9999-12-31 (the 0001–9999 range names both)', async () => {
    await refusedNaming(() => officer.get('/api/dashboard?from=2026-01-01&to=9999-12-31'), ['to']);
    await refusedNaming(() => officer.get('/api/dashboard?from=0001-01-01&to=9999-12-31'), ['from']);
  });

  it('9. /api/dashboard/report for the year 9999', async () => {
    await refusedNaming(() => officer.get('/api/dashboard/report?period=year&date=9999-06-30'), ['date']);
  });

  it('10. /api/dashboard/report for the month 0001-01', async () => {
    await refusedNaming(() => officer.get('/api/dashboard/report?period=month&date=0001-01-15'), ['date']);
  });

  it('still answers the ranges a leader uses, from 2000 to the end of 2099', async () => {
    expect((await officer.get('/api/dashboard?from=2000-01-01&to=2099-12-31')).statusCode).toBe(200);
    expect((await officer.get('/api/dashboard/report?period=year&date=2099-06-30')).statusCode).toBe(200);
    expect((await officer.get('/api/dashboard/report?period=month&date=2000-01-15')).statusCode).toBe(200);
  });
});

// Found by the write fuzz on PostgreSQL (server/write-fuzz.test.ts): U+0000 in any text answered 500
// there ("invalid byte sequence for encoding UTF8: 0x00") and was stored on SQLite.
describe('a U+0000 anywhere in a request is refused naming the field, on both dialects', () => {
  it.each([
    ['a body field', () => officer.post('/api/petitions', { ...filing, title: '拖欠\u0000工资' }), ['title']],
    [
      'a nested body field',
      () =>
        officer.post('/api/petitions', { ...filing, petitioners: [{ name: '王\u0000大山', identity: 'employee' }] }),
      ['petitioners', '0', 'name'],
    ],
    ['a URL parameter', () => officer.post('/api/petitions/%00/triage', {}), ['id']],
    ['a query value', () => officer.get('/api/petitions?q=%00'), ['q']],
    [
      'the filing of the portal (multipart)',
      () => {
        const boundary = '----nul-boundary';
        const filing = JSON.stringify({
          anonymous: true,
          matter: 'appeal',
          body: '井下积水\u0000严重，请求处理。',
          challenge: 'x',
          nonce: 'y',
        });
        return app.inject({
          method: 'POST',
          url: '/api/portal/petitions',
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="petition"\r\n\r\n${filing}\r\n--${boundary}--\r\n`,
        });
      },
      ['body'],
    ],
  ] as const)('%s', async (_what, send, field) => {
    await refusedNaming(send, [...field]);
  });
});
