import { describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { acquireLease, startScheduler } from '../../platform/scheduler.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { sweepDeadlines } from './deadline-alerts.service.ts';
import { acceptPetition, assignPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const input = RegisterPetitionInputSchema.parse({
  channel: 'letter',
  type: 'appeal',
  purpose: 'request',
  title: '工伤待遇未落实',
  body: '工伤认定后一次性伤残补助金至今未发放。',
  petitioners: [{ name: '赵六', identity: 'injured' }],
});

async function notificationsOf(userKey: string) {
  return ctx.deps.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', org.users[userKey]!.id)
    .orderBy('created_at')
    .execute();
}

describe('sweepDeadlines', () => {
  it('warns the office when the 15-day notice is near, again when overdue, and never twice for the same state', async () => {
    await registerPetition(deps, org.users['officer@root']!, input); // received 03-02, notice due 03-17
    expect((await sweepDeadlines(ctx.deps)).notifications).toBe(0);
    ctx.clock.advance(13 * DAY); // 03-15: 2 days left
    const first = await sweepDeadlines(ctx.deps);
    expect(first.notifications).toBeGreaterThan(0);
    expect((await sweepDeadlines(ctx.deps)).notifications).toBe(0);
    ctx.clock.advance(3 * DAY); // 03-18: overdue
    await sweepDeadlines(ctx.deps);
    const kinds = (await notificationsOf('officer@root')).map((n) => n.kind);
    expect(kinds).toEqual(['deadline_due_soon', 'deadline_overdue']);
    // An office elsewhere hears nothing.
    expect(await notificationsOf('officer@mineA')).toHaveLength(0);
  });

  it('sums up more than five deadlines for one person in one digest, the cases written read', async () => {
    // Six letters registered at the group, one of them at the mine: the group office would hear of six at once.
    for (let i = 0; i < 6; i++)
      await registerPetition(deps, org.users['officer@root']!, { ...input, title: `${input.title}${i}` });
    await registerPetition(deps, org.users['officer@mineA']!, input);
    ctx.clock.advance(16 * DAY); // every 15-day notice overdue
    await sweepDeadlines(ctx.deps);
    const group = await notificationsOf('officer@root');
    const digest = group.filter((n) => n.kind === 'deadline_digest');
    expect(digest).toHaveLength(1);
    expect(JSON.parse(digest[0]!.data_json)).toEqual({ overdue: 6, dueSoon: 0 });
    expect(digest[0]!.read_at).toBeNull();
    expect(digest[0]!.petition_id).toBeNull();
    const perCase = group.filter((n) => n.kind === 'deadline_overdue');
    expect(perCase).toHaveLength(6);
    expect(perCase.every((n) => n.read_at !== null)).toBe(true);
    // The mine office has one case: told of it as before, unread.
    const mine = await notificationsOf('officer@mineA');
    expect(mine.map((n) => [n.kind, n.read_at])).toEqual([['deadline_overdue', null]]);
    // Run again: nothing new, no second digest.
    expect((await sweepDeadlines(ctx.deps)).notifications).toBe(0);
    expect((await notificationsOf('officer@root')).filter((n) => n.kind === 'deadline_digest')).toHaveLength(1);
  });

  it("tells only the owner that the owner's days to confirm 包案 run out", async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, input);
    await triagePetition(deps, officer, petition.id, {});
    await acceptPetition(deps, officer, petition.id, {
      ownerId: org.users['chief@root']!.id,
      handlerId: org.users['handler@deptHr']!.id,
    });
    await sweepDeadlines(ctx.deps); // confirmation due in 3 days: due soon at once
    const told = async (key: string) =>
      (await notificationsOf(key))
        .filter((n) => n.kind === 'deadline_due_soon')
        .map((n) => JSON.parse(n.data_json) as Record<string, unknown>);
    expect(await told('chief@root')).toMatchObject([{ dueKind: 'owner_confirmation' }]);
    expect(await told('handler@deptHr')).toEqual([]);
    expect(await told('officer@root')).toEqual([]);
  });

  it('alerts the level above when the owner has not confirmed in time', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, input);
    await triagePetition(deps, officer, petition.id, {});
    await assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id });
    // Mine A, the body the team works under, accepts what the group handed over.
    await acceptPetition(deps, org.users['officer@mineA']!, petition.id, { ownerId: org.users['chief@mineA']!.id });
    ctx.clock.advance(2 * DAY);
    await sweepDeadlines(ctx.deps);
    expect((await notificationsOf('chief@root')).filter((n) => n.kind === 'ownership_unconfirmed')).toHaveLength(0);
    ctx.clock.advance(2 * DAY);
    await sweepDeadlines(ctx.deps);
    // chief@mineA's unit (mine A) sits under the root: the root's leaders and office are told.
    expect((await notificationsOf('chief@root')).filter((n) => n.kind === 'ownership_unconfirmed')).toHaveLength(1);
    expect((await notificationsOf('officer@root')).filter((n) => n.kind === 'ownership_unconfirmed')).toHaveLength(1);
  });
});

describe('job leases', () => {
  it('lets one instance hold a job at a time and another take over an expired lease', async () => {
    expect(await acquireLease(ctx.deps.db, ctx.clock, 'deadline-sweep', 'instance-a', 60_000)).toBe(true);
    expect(await acquireLease(ctx.deps.db, ctx.clock, 'deadline-sweep', 'instance-b', 60_000)).toBe(false);
    expect(await acquireLease(ctx.deps.db, ctx.clock, 'deadline-sweep', 'instance-a', 60_000)).toBe(true);
    ctx.clock.advance(61_000);
    expect(await acquireLease(ctx.deps.db, ctx.clock, 'deadline-sweep', 'instance-b', 60_000)).toBe(true);
    expect(await acquireLease(ctx.deps.db, ctx.clock, 'deadline-sweep', 'instance-a', 60_000)).toBe(false);
  });

  it('runs a job only on the instance holding the lease', async () => {
    let runs = 0;
    const job = {
      name: 'count',
      everyMs: 3_600_000,
      run: async () => {
        runs += 1;
      },
    };
    const a = startScheduler(ctx.deps, 'instance-a', [job]);
    const b = startScheduler(ctx.deps, 'instance-b', [job]);
    expect(await a.runOnce('count')).toBe(true);
    expect(await b.runOnce('count')).toBe(false);
    expect(runs).toBe(1);
    await a.stop();
    expect(await b.runOnce('count')).toBe(true);
    await b.stop();
    expect(runs).toBe(2);
  });
});
