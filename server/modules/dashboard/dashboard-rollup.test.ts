/**
 * The rollup (issue #20) against the petition list's own counts, property style with a fixed seed:
 * a random sequence of registrations and verbs (triage with a new category or type, hand-over to
 * another unit, acceptance with a 包案 leader, the reply, its evaluation, conclusion, a declared
 * conflict, the clock moving deadlines past their day, the time-derived refresh), then many random
 * filters (viewer, unit, range) — each figure of the dashboard read from the rollup must equal the
 * live query's and the total of the list its drill-down opens. Runs on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { PETITION_TYPES } from '../../../common/domain/deadlines.ts';
import type { DashboardView, DrillDown } from '../../../common/schemas/dashboard.ts';
import { CHANNELS, RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  addPerson,
  createOrg,
  createTestContext,
  petitionDepsOf,
  type Org,
  type TestContext,
} from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import { listPetitions } from '../ledger/index.ts';
import {
  acceptPetition,
  assignPetition,
  concludePetition,
  declareConflict,
  draftReply,
  escalatePetition,
  evaluatePetition,
  issueReply,
  refreshTimeDerived,
  startInvestigation,
  startExecution,
  triagePetition,
  type PetitionDeps,
} from '../petition/index.ts';
import { readRollup, rebuildRollup } from '../rollup/index.ts';
import { seededRandom } from '../../platform/seeded-random.ts';
import { getDashboard } from './dashboard.service.ts';

const DAY = 86_400_000;
const SEED = 20_261_207;
const CASES = 70;
const FILTERS = 45;

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;

/** mulberry32: a small seeded generator, so a failure replays. */
function generator(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}

const CATEGORIES = ['0101', '0102', '0103', '0201', '0202', '0301', '0401'];

/** The first of `actors` for whom `step` succeeds; refusals (DomainError) are part of a random walk. */
async function firstThatMay(actors: readonly Actor[], step: (actor: Actor) => Promise<unknown>): Promise<boolean> {
  for (const actor of actors) {
    try {
      await step(actor);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return false;
}

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  await addPerson(ctx.deps, org, 'officer', 'mineB');
  await addPerson(ctx.deps, org, 'chief', 'mineB');
  await ensureDefaultTaxonomy(ctx.deps.db);
  deps = petitionDepsOf(ctx);
  const rnd = generator(SEED);
  const u = (key: string) => org.users[key] as Actor;
  const registrars = [u('officer@root'), u('officer@mineA'), u('officer@mineB'), u('unit_head@teamA1')];
  const workers = [
    u('officer@root'),
    u('officer@mineA'),
    u('officer@mineB'),
    u('chief@root'),
    u('chief@mineA'),
    u('chief@mineB'),
    u('deputy@mineA'),
    u('handler@teamA1'),
    u('handler@deptHr'),
  ];
  const handOverTo = [
    org.units.deptHr,
    org.units.mineA,
    org.units.teamA1,
    org.units.crewA1,
    org.units.mineB,
    org.units.teamB1,
  ];
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    ctx.clock.advance(rnd.int(3) * DAY + rnd.int(12) * 3_600_000);
    const now = ctx.clock.now().getTime();
    const headcount = rnd.next() < 0.15 ? 5 + rnd.int(10) : 1;
    const category = rnd.next() < 0.1 ? undefined : rnd.pick(CATEGORIES);
    const input = RegisterPetitionInputSchema.parse({
      channel: rnd.pick(CHANNELS.filter((c) => c !== 'forwarded' && c !== 'screening')),
      type: rnd.pick(PETITION_TYPES),
      purpose: 'request',
      ...(category === undefined ? {} : { categoryCode: category }),
      title: `第${i}件 工资与宿舍`,
      body: `第${i}件：综采队加班工资未发，单身宿舍供暖不足，请求处理。`,
      headcount,
      ...(rnd.next() < 0.1
        ? { anonymous: true, petitioners: [] }
        : { petitioners: [{ name: `职工${i}`, identity: 'employee' }] }),
      ...(rnd.next() < 0.1 ? { skipLevel: true } : {}),
      // Received at any hour of the last days, so local days straddle UTC days.
      receivedAt: new Date(now - rnd.int(48) * 3_600_000).toISOString(),
    });
    const registered = await firstThatMay([rnd.pick(registrars), ...registrars], (actor) =>
      registerPetition(deps, actor, input).then((r) => ids.push(r.petition.id)),
    );
    expect(registered).toBe(true);
    // Random walks on two random earlier cases.
    for (let w = 0; w < 2; w++) {
      const id = rnd.pick(ids);
      const actors = rnd.shuffle(workers);
      const walk = rnd.int(8);
      if (walk >= 1)
        await firstThatMay(actors, (a) =>
          triagePetition(
            deps,
            a,
            id,
            rnd.next() < 0.5 ? { categoryCode: rnd.pick(CATEGORIES) } : { type: rnd.pick(PETITION_TYPES) },
          ),
        );
      if (walk >= 2 && rnd.next() < 0.6)
        await firstThatMay(actors, (a) => assignPetition(deps, a, id, { handlingUnitId: rnd.pick(handOverTo).id }));
      if (walk >= 3) {
        // With a 包案 leader and a handler where the unit has them (the leader's own cases count for him by person too).
        const owners = [
          { ownerId: u('chief@mineA').id, handlerId: u('handler@teamA1').id },
          { ownerId: u('deputy@mineA').id },
          { ownerId: u('chief@mineB').id },
          { ownerId: u('chief@root').id, handlerId: u('handler@deptHr').id },
          {},
        ];
        await firstThatMay(actors, (a) =>
          firstThatMay([a], async () => {
            for (const input of rnd.shuffle(owners))
              if (await firstThatMay([a], (b) => acceptPetition(deps, b, id, input))) return;
            throw new DomainError('FORBIDDEN', { message: 'no acceptance' });
          }),
        );
        // 报请上级 now and then: the case goes up, its 包案 leader stays on it, now outside his subtree.
        if (rnd.next() < 0.3)
          await firstThatMay(actors, (a) => escalatePetition(deps, a, id, { reason: '需集团协调' }));
        await firstThatMay(actors, (a) => startInvestigation(deps, a, id));
      }
      if (walk >= 4)
        await firstThatMay(actors, (a) =>
          draftReply(deps, a, id, {
            request: '补发工资',
            factsAndReasons: '经核实属实。',
            opinion: '责成补发。',
            legalBasis: '《工资支付暂行规定》第十三条',
            result: 'support',
            outcomes: [{ kind: 'resolved', measures: '已落实' }],
          }),
        );
      if (walk >= 5) await firstThatMay(actors, (a) => issueReply(deps, a, id, { deliveryMethod: 'in_person' }));
      if (walk >= 6) await firstThatMay(actors, (a) => startExecution(deps, a, id));
      if (walk >= 6) await firstThatMay(actors, (a) => evaluatePetition(deps, a, id, { satisfaction: 1 + rnd.int(5) }));
      if (walk >= 7) await firstThatMay(actors, (a) => concludePetition(deps, a, id, {}));
      // A leader declares a conflict now and then: never counted for him again (第30条).
      if (rnd.next() < 0.05)
        await firstThatMay([rnd.pick(workers)], (a) => declareConflict(deps, a, id, { reason: '亲属关系' }));
    }
    // The deadline sweep: what time alone moves.
    if (rnd.next() < 0.2) await refreshTimeDerived(deps, rnd.shuffle(ids).slice(0, 5));
  }
  ctx.clock.advance(20 * DAY);
  await refreshTimeDerived(deps, ids.slice(0, 10));
}, 240_000);

afterAll(async () => {
  await ctx.close();
});

/** Every count of petitions in a view with its drill-down, named. */
function drilled(view: DashboardView): [string, number, DrillDown][] {
  const out: [string, number, DrillDown][] = [];
  // Persons are summed headcounts, not petitions: their drill-down lists the petitions they came with.
  for (const [name, f] of Object.entries(view.totals))
    if (f.drill !== null && !name.endsWith('ersons')) out.push([`totals.${name}`, f.value, f.drill]);
  for (const [chart, buckets] of [
    ['byUnit', view.byUnit],
    ['byCategory', view.byCategory],
    ['byChannel', view.byChannel],
    ['byType', view.byType],
    ['series', view.series],
  ] as const)
    for (const b of buckets) if (b.drill !== null) out.push([`${chart}[${b.key}]`, b.count, b.drill]);
  for (const b of view.overdueByOwner) if (b.drill !== null) out.push([`overdueByOwner[${b.key}]`, b.count, b.drill]);
  for (const [kind, t] of Object.entries(view.onTime))
    for (const s of ['met', 'metLate', 'overdue', 'open'] as const)
      if (t[s].drill !== null) out.push([`onTime.${kind}.${s}`, t[s].value, t[s].drill]);
  return out;
}

describe('the dashboard read from the rollup', () => {
  it('is kept equal to a rebuild from the petitions by every event, registration and refresh', async () => {
    const kept = await readRollup(ctx.deps.db);
    // The walk reached what the rollup must follow: hand-overs, evaluations, conflicts, deadlines met and missed.
    const variety = await ctx.deps.db
      .selectFrom('petition')
      .select((eb) => [eb.fn.count('handling_unit_id').distinct().as('units'), eb.fn.count('satisfaction').as('rated')])
      .executeTakeFirstOrThrow();
    expect(Number(variety.units)).toBeGreaterThanOrEqual(4);
    expect(Number(variety.rated)).toBeGreaterThanOrEqual(2);
    const conflicts = await ctx.deps.db
      .selectFrom('conflict_declaration')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(conflicts.n)).toBeGreaterThan(0);
    const statuses = new Set(kept.filter((r) => r.dim === 'acceptance').map((r) => r.value));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['met', 'met_late', 'open', 'overdue']));
    expect(kept.length).toBeGreaterThan(0);
    await rebuildRollup(ctx.deps.db, ctx.deps.dialect);
    expect(await readRollup(ctx.deps.db)).toEqual(kept);
  });

  it('gives, on random filters, the live query’s figures and each drill-down list’s total', async () => {
    const rnd = generator(SEED + 1);
    const viewers = [
      'chief@root',
      'officer@root',
      'auditor@root',
      'chief@mineA',
      'deputy@mineA',
      'officer@mineA',
      'officer@mineB',
      'chief@mineB',
    ];
    const units = Object.values(org.units);
    const today = localDateOf(ctx.clock.now().toISOString());
    let compared = 0;
    for (let i = 0; i < FILTERS; i++) {
      const viewer = rnd.pick(viewers);
      const actor = org.users[viewer] as Actor;
      const inScope = units.filter((x) => actor.role === 'auditor' || x.path.startsWith(actor.unitPath));
      const unitId = rnd.next() < 0.4 ? undefined : rnd.pick(inScope).id;
      // Ranges from a day to a year and a half, ending anywhere from 80 days ago to 40 days ahead: whole
      // months (month grain), partial ones, today's month, deadlines still to fall due.
      const to = addCalendarDays(today, rnd.int(120) - 80);
      const from = addCalendarDays(to, -rnd.pick([0, 1, 6, 30, 45, 61, 62, 63, 90, 200, 500]) - rnd.int(5));
      const query = { from, to, ...(unitId === undefined ? {} : { unitId }) };
      const filter = `viewer ${viewer}, unit ${unitId ?? '(own)'}, ${from}..${to} (seed ${SEED}, filter ${i})`;
      const [fromRollup, live] = await Promise.all([
        getDashboard(ctx.deps, actor, query),
        getDashboard(ctx.deps, actor, query, { source: 'live' }),
      ]);
      expect(fromRollup, filter).toEqual(live);
      for (const [name, value, drill] of drilled(fromRollup)) {
        const list = await listPetitions(deps, actor, { ...drill, pageSize: 1 });
        expect(list.total, `${name} for ${filter}`).toBe(value);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(FILTERS * 5);
  }, 240_000);
});
