/** Registration at the frontline (issue #14): 区队长 and 班组长 register what workers bring them. */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { getPetition, type PetitionDeps } from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { StatementCounter } from '../../test/statement-counter.ts';
import { registerAtIntake } from './intake.service.ts';
import { registerPetition } from './registration.service.ts';
import { sql } from 'kysely';
import { groupCommitter } from '../../db/group-commit.ts';
import { verifyAuditChain } from '../../platform/audit.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const letter = RegisterPetitionInputSchema.parse({
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  title: '掘进班组劳保用品未发',
  body: '班组职工反映本季度劳保手套、口罩未发放，请求尽快补发。',
  petitioners: [{ name: '吴二柱', identity: 'employee' }],
});

async function told(kind: string): Promise<string[]> {
  const rows = await ctx.deps.db.selectFrom('notification').select('user_id').where('kind', '=', kind).execute();
  return rows.map((r) => r.user_id).sort();
}

describe('registerAtIntake', () => {
  it('a 班组长 registers at his crew: the receipt, not the case; the mine office is told and sees it', async () => {
    const head = org.users['unit_head@crewA1']!;
    const registered = await registerAtIntake(deps, head, letter);
    expect(registered).toMatchObject({ petition: null, caseNumber: 'XF2026-000001' });
    expect(registered.trackingCode).toHaveLength(19);
    const mineOffice = ['chief@mineA', 'deputy@mineA', 'officer@mineA'].map((key) => org.users[key]!.id).sort();
    expect(await told('case_registered_below')).toEqual(mineOffice);
    const list = await listPetitions(deps, org.users['officer@mineA']!, {});
    expect(list.items.map((p) => p.caseNumber)).toEqual(['XF2026-000001']);
    // Not his to follow afterwards: frontline heads read what is handled in their subtree.
    expect((await listPetitions(deps, head, {})).total).toBe(0);
  });

  it('a 区队长 registers at his own district team', async () => {
    const head = org.users['unit_head@teamA1']!;
    const { caseNumber } = await registerAtIntake(deps, head, letter);
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('registered_unit_id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    expect(row.registered_unit_id).toBe(org.units.teamA1.id);
  });

  it('an office registers and sees the case; nobody is told; handlers and auditors still may not register', async () => {
    const registered = await registerAtIntake(deps, org.users['officer@mineA']!, letter);
    expect(registered.petition?.caseNumber).toBe(registered.caseNumber);
    expect(await told('case_registered_below')).toEqual([]);
    expect(await codeOf(registerAtIntake(deps, org.users['handler@teamA1']!, letter))).toBe('FORBIDDEN');
    expect(await codeOf(registerAtIntake(deps, org.users['auditor@root']!, letter))).toBe('FORBIDDEN');
    expect(await codeOf(registerAtIntake(deps, org.users['partner@deptHr']!, letter))).toBe('FORBIDDEN');
  });

  it('a registrar named in the case gets the receipt, and the case stays hidden from him (回避)', async () => {
    const officer = org.users['officer@mineA']!;
    const registered = await registerAtIntake(deps, officer, {
      ...letter,
      namedPersons: [{ name: 'officer.minea', userId: officer.id }],
    });
    expect(registered.petition).toBeNull();
    const id = (
      await ctx.deps.db
        .selectFrom('petition')
        .select('id')
        .where('case_number', '=', registered.caseNumber)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await codeOf(getPetition(deps, officer, id))).toBe('NOT_FOUND');
  });

  it('an office registering sends no more statements than registerPetition: it reads no unit for notices it does not send (issue #20)', async () => {
    const officer = org.users['officer@mineA']!;
    const counter = new StatementCounter();
    const counted = { ...deps, db: deps.db.withPlugin(counter) };
    // The first registration through this handle reads the calendar it then keeps.
    await registerPetition(counted, officer, letter);
    const counts: number[] = [];
    for (const register of [registerPetition, registerAtIntake]) {
      counter.count = 0;
      const registered = await register(counted, officer, { ...letter, title: `${letter.title}（${counts.length}）` });
      expect(registered.petition?.state).toBe('registered');
      counts.push(counter.count);
    }
    expect(counts[1]).toBe(counts[0]);
    expect(await told('case_registered_below')).toEqual([]);
  });
});

describe('registrations that arrive together share one transaction (group commit, issue #20)', () => {
  it('each is stored or refused on its own: a refused one leaves no row, the others are numbered in turn', async () => {
    const sizes: number[] = [];
    const grouped: PetitionDeps = {
      ...deps,
      registrations: groupCommitter(ctx.deps.db, { onGroup: (n) => sizes.push(n) }),
    };
    const officer = org.users['officer@mineA']!;
    const before = await ctx.deps.db
      .selectFrom('petition')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const auditsBefore = await ctx.deps.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.allSettled([
      registerAtIntake(grouped, officer, letter),
      registerAtIntake(grouped, officer, { ...letter, involvedUnitIds: ['no-such-unit'] }),
      registerAtIntake(grouped, officer, { ...letter, title: '井下通风设备噪声过大' }),
    ]);
    expect(sizes).toEqual([3]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'VALIDATION_FAILED' });
    const numbers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.caseNumber] : []));
    const stored = await ctx.deps.db
      .selectFrom('petition')
      .select('case_number')
      .where('case_number', 'in', numbers)
      .orderBy('case_number')
      .execute();
    expect(stored.map((r) => r.case_number)).toEqual(numbers);
    // The refused one's number, audit row and petition were rolled back with its savepoint alone.
    expect(Number(numbers[1]!.slice(-6)) - Number(numbers[0]!.slice(-6))).toBe(1);
    const after = await ctx.deps.db
      .selectFrom('petition')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n - before.n).toBe(2);
    const auditsAfter = await ctx.deps.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(auditsAfter.n - auditsBefore.n).toBe(2);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('a write of the group is answered only after the shared commit, not when its own work is done', async () => {
    const group = groupCommitter(ctx.deps.db);
    let firstAnswered = false;
    const first = group(() => Promise.resolve('first')).then((value) => {
      firstAnswered = true;
      return value;
    });
    const answeredDuringSecond = group(() => Promise.resolve(firstAnswered));
    expect(await first).toBe('first');
    expect(await answeredDuringSecond).toBe(false);
  });

  it('when the shared transaction fails, no registration of the group is stored or acknowledged', async () => {
    const group = groupCommitter(ctx.deps.db);
    const grouped: PetitionDeps = { ...deps, registrations: group };
    const officer = org.users['officer@mineA']!;
    const before = await ctx.deps.db
      .selectFrom('petition')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // The second write breaks the group's own bookkeeping (its savepoint released under it): the
    // group cannot go on, so the first one, already written, must not be acknowledged either.
    const outcomes = await Promise.allSettled([
      registerAtIntake(grouped, officer, letter),
      group(async (trx) => {
        await sql`release savepoint group_member`.execute(trx);
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const after = await ctx.deps.db
      .selectFrom('petition')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
});
