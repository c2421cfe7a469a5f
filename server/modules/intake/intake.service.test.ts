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
