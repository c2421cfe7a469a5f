/**
 * 被反映人 after registration: named, corrected and resolved by the office through the engine
 * (audited, never naming anyone on the timeline), every step refused to the person named, and the
 * case routed around a named person who leads the handling unit (回避, 《信访工作条例》第28条第3款).
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import {
  acceptPetition,
  assignPetition,
  getPetition,
  nameAccused,
  resolveNamedPerson,
  setOwner,
  triagePetition,
  type PetitionDeps,
} from './index.ts';
import { listPetitions } from '../ledger/index.ts';
import { PETITION_STEPS } from './petition.routes.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const user = (key: string) => org.users[key]!;

function accusation(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'accusation',
    purpose: 'report',
    title: '举报矿领导违规发放补贴',
    body: '甲矿领导违规发放补贴，虚报冒领，请组织调查。',
    petitioners: [{ name: '李秀梅', phone: '13812345678', identity: 'employee' }],
    ...overrides,
  });
}

async function registered(overrides: Partial<RegisterPetitionInput> = {}, registrar = 'officer@root') {
  const { petition } = await registerPetition(deps, user(registrar), accusation(overrides));
  return petition.id;
}

/** Registered at the group and handed to 综采一队: its head and handler read it, the group office acts. */
async function atTeamA1(overrides: Partial<RegisterPetitionInput> = {}) {
  const id = await registered(overrides);
  await triagePetition(deps, user('officer@root'), id, {});
  await assignPetition(deps, user('officer@root'), id, { handlingUnitId: org.units.teamA1.id });
  return id;
}

async function handlingUnitOf(id: string) {
  const row = await ctx.deps.db
    .selectFrom('petition')
    .select(['handling_unit_id', 'owner_id', 'handler_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

async function auditAfter(action: string) {
  const rows = await ctx.deps.db
    .selectFrom('audit_log')
    .select('after_json')
    .where('action', '=', action as never)
    .orderBy('seq')
    .execute();
  return rows.map((r) => JSON.parse(r.after_json ?? '{}') as Record<string, unknown>);
}

describe('nameAccused', () => {
  it('names a person later: office only, audited, the timeline names nobody', async () => {
    const id = await atTeamA1();
    const head = user('unit_head@teamA1');
    expect((await getPetition(deps, head, id)).id).toBe(id);
    // Who does not read the case is not told it exists; who handles it may not name anyone.
    expect(await codeOf(nameAccused(deps, user('handler@deptHr'), id, { name: '某人' }))).toBe('NOT_FOUND');
    expect(await codeOf(nameAccused(deps, user('handler@teamA1'), id, { name: '某人' }))).toBe('FORBIDDEN');

    const view = await nameAccused(deps, user('officer@root'), id, {
      name: 'unit-head.teama1',
      unitId: org.units.teamA1.id,
      position: '区队长',
      userId: head.id,
    });
    expect(view.namedPersons).toEqual([
      expect.objectContaining({
        name: 'unit-head.teama1',
        position: '区队长',
        unitName: '甲矿 综采一队',
        resolution: 'account',
      }),
    ]);
    const event = view.events.at(-1);
    expect(event).toMatchObject({ kind: 'nameAccused', internal: true });
    expect(JSON.stringify(event?.data)).not.toContain('unit-head.teama1');
    expect(JSON.stringify(event?.data)).not.toContain(head.id);
    expect(await auditAfter('petition.nameAccused')).toEqual([
      expect.objectContaining({ namedPersonId: view.namedPersons[0]?.id, resolution: 'account' }),
    ]);
    expect(await codeOf(getPetition(deps, head, id))).toBe('NOT_FOUND');
    expect((await listPetitions(deps, head, {})).total).toBe(0);
    // The handler still reads the case, but not whom it names.
    expect((await getPetition(deps, user('handler@teamA1'), id)).namedPersons).toEqual([]);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('corrects a name: the person first named reads it again, the corrected one no longer', async () => {
    const id = await atTeamA1({ namedPersons: [{ name: 'unit-head.teama1' }] });
    expect(await codeOf(getPetition(deps, user('unit_head@teamA1'), id))).toBe('NOT_FOUND');
    const office = user('officer@root');
    const namedPersonId = (await getPetition(deps, office, id)).namedPersons[0]?.id;
    await nameAccused(deps, office, id, { namedPersonId, name: 'handler.teama1' });
    expect((await getPetition(deps, user('unit_head@teamA1'), id)).id).toBe(id);
    expect(await codeOf(getPetition(deps, user('handler@teamA1'), id))).toBe('NOT_FOUND');
    expect((await getPetition(deps, office, id)).namedPersons).toHaveLength(1);
  });

  it.each([
    ['an unknown unit', { name: '某人', unitId: '01NOSUCHUNIT' }, 'unitId'],
    ['an unknown account', { name: '某人', userId: '01NOSUCHUSER' }, 'userId'],
    ['a named person of another case', { name: '某人', namedPersonId: '01NOSUCHNAMED' }, 'namedPersonId'],
  ])('refuses %s, naming the field, and writes nothing', async (_, input, field) => {
    const id = await registered();
    const before = (await getPetition(deps, user('officer@root'), id)).version;
    const error = await nameAccused(deps, user('officer@root'), id, input).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: [field] }] } });
    expect((await getPetition(deps, user('officer@root'), id)).version).toBe(before);
  });

  it('refuses to confirm an account outside the office’s own subtree (the same answer as an unknown one)', async () => {
    const id = await registered({}, 'officer@mineA');
    const mineOffice = user('officer@mineA');
    const error = await nameAccused(deps, mineOffice, id, { name: 'x', userId: user('handler@deptHr').id }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['userId'] }] } });
  });

  it('takes the parts a person held when he is named: owner and handler leave the case', async () => {
    const id = await registered({ type: 'appeal', purpose: 'request' });
    const office = user('officer@root');
    await triagePetition(deps, office, id, {});
    await assignPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id });
    await acceptPetition(deps, user('officer@mineA'), id, {
      ownerId: user('deputy@mineA').id,
      handlerId: user('handler@teamA1').id,
    });
    await nameAccused(deps, office, id, { name: 'handler.teama1', userId: user('handler@teamA1').id });
    await nameAccused(deps, office, id, { name: 'deputy.minea', userId: user('deputy@mineA').id });
    expect(await handlingUnitOf(id)).toMatchObject({ owner_id: null, handler_id: null });
  });
});

describe('registration with named persons', () => {
  it('confirms an account only in the officer’s own subtree, and says "unknown account" for any other', async () => {
    const error = await registerPetition(
      deps,
      user('officer@mineA'),
      accusation({ namedPersons: [{ name: 'handler.depthr', userId: user('handler@deptHr').id }] }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['namedPersons', 0, 'userId'], message: 'unknown account' }] },
    });
    expect(await ctx.deps.db.selectFrom('petition').select('id').execute()).toHaveLength(0);
  });

  it('keeps the resolution the officer gave: the account, "no account", or unresolved', async () => {
    const id = await registered({
      namedPersons: [
        { name: 'chief.minea', userId: user('chief@mineA').id },
        { name: 'deputy.minea', noAccount: true },
        { name: 'unit-head.teama1', unitId: org.units.teamA1.id, position: '区队长' },
      ],
    });
    const view = await getPetition(deps, user('officer@root'), id);
    expect(view.namedPersons.map((n) => [n.name, n.resolution])).toEqual([
      ['chief.minea', 'account'],
      ['deputy.minea', 'no_account'],
      ['unit-head.teama1', 'unresolved'],
    ]);
    // An account and "no account" for one name contradict each other.
    expect(
      RegisterPetitionInputSchema.safeParse({
        ...accusation(),
        namedPersons: [{ name: 'x', userId: user('chief@mineA').id, noAccount: true }],
      }).error?.issues[0]?.path,
    ).toEqual(['namedPersons', 0, 'noAccount']);
  });
});

describe('resolveNamedPerson', () => {
  it('confirms the account (still recused), then "no account" (namesakes back); refuses a wrong id', async () => {
    const id = await registered(
      { namedPersons: [{ name: 'chief.minea', unitId: org.units.mineA.id }] },
      'officer@mineA',
    );
    const office = user('officer@mineA');
    const namedPersonId = (await getPetition(deps, office, id)).namedPersons[0]?.id ?? '';
    expect(await codeOf(getPetition(deps, user('chief@mineA'), id))).toBe('NOT_FOUND');
    const resolved = await resolveNamedPerson(deps, office, id, { namedPersonId, userId: user('chief@mineA').id });
    expect(resolved.namedPersons[0]).toMatchObject({ resolution: 'account', account: { displayName: 'chief.minea' } });
    expect(await codeOf(getPetition(deps, user('chief@mineA'), id))).toBe('NOT_FOUND');
    await resolveNamedPerson(deps, office, id, { namedPersonId, noAccount: true });
    expect((await getPetition(deps, user('chief@mineA'), id)).id).toBe(id);
    expect(
      await codeOf(resolveNamedPerson(deps, office, id, { namedPersonId: '01NOSUCHNAMED', noAccount: true })),
    ).toBe('VALIDATION_FAILED');
    expect(await codeOf(resolveNamedPerson(deps, user('handler@teamA1'), id, { namedPersonId, noAccount: true }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('a named person takes no step on the case', () => {
  it.each(PETITION_STEPS.map((step) => [step.path, step] as const))(
    '%s is refused to the person named (NOT_FOUND) and changes nothing',
    async (_, step) => {
      const id = await registered({ namedPersons: [{ name: '某人', userId: user('chief@mineA').id }] });
      const office = user('officer@root');
      const before = (await getPetition(deps, office, id)).version;
      // Whatever the input: the case does not exist for him, before any input is looked at.
      const run = step.run as (...args: unknown[]) => Promise<unknown>;
      expect(await codeOf(run(deps, user('chief@mineA'), id, {}, {}))).toBe('NOT_FOUND');
      expect((await getPetition(deps, office, id)).version).toBe(before);
    },
  );
});

describe('routed around a named person who leads the handling unit (回避, 第28条)', () => {
  it('交办 to the unit he leads goes to the level above, audited; to a unit under it as well', async () => {
    const office = user('officer@root');
    for (const target of [org.units.mineA, org.units.teamA1]) {
      const id = await registered({ namedPersons: [{ name: '某人', userId: user('chief@mineA').id }] });
      await triagePetition(deps, office, id, {});
      const view = await assignPetition(deps, office, id, { handlingUnitId: target.id });
      expect(view.handlingUnitId).toBe(org.units.root.id);
      expect(JSON.stringify(view.events.at(-1)?.data)).not.toContain(target.id);
      expect((await auditAfter('petition.assign')).at(-1)).toMatchObject({ routedAround: target.id });
    }
    // Nobody named leads 乙矿: it is handed there as asked.
    const id = await registered({ namedPersons: [{ name: '某人', userId: user('chief@mineA').id }] });
    await triagePetition(deps, office, id, {});
    expect((await assignPetition(deps, office, id, { handlingUnitId: org.units.mineB.id })).handlingUnitId).toBe(
      org.units.mineB.id,
    );
  });

  it('an unresolved name routes around every namesake who leads (until resolved)', async () => {
    const office = user('officer@root');
    const id = await registered({ namedPersons: [{ name: 'deputy.minea' }] });
    await triagePetition(deps, office, id, {});
    expect((await assignPetition(deps, office, id, { handlingUnitId: org.units.mineA.id })).handlingUnitId).toBe(
      org.units.root.id,
    );
  });

  it('受理 at the mine office whose chief is named: handled one level up', async () => {
    const id = await registered({ namedPersons: [{ name: '某人', userId: user('chief@mineA').id }] }, 'officer@mineA');
    const mineOffice = user('officer@mineA');
    await triagePetition(deps, mineOffice, id, {});
    // Registered at the mine, so its office acts; it accepts at its own unit, which the named chief leads.
    const view = await acceptPetition(deps, mineOffice, id, {});
    expect(view.handlingUnitId).toBe(org.units.root.id);
  });

  it('naming the leader of the unit already handling it moves it up, and that office is told', async () => {
    const office = user('officer@root');
    const id = await registered();
    await triagePetition(deps, office, id, {});
    await assignPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id });
    const view = await nameAccused(deps, office, id, { name: 'chief.minea', userId: user('chief@mineA').id });
    expect(view.handlingUnitId).toBe(org.units.root.id);
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('petition_id', '=', id)
      .where('kind', '=', 'case_handed_over')
      .execute();
    // Its office workers, who sign for it (第23条): the group's officer.
    expect(told.map((n) => n.user_id)).toEqual([office.id]);
    expect(told.map((n) => n.user_id)).not.toContain(user('chief@mineA').id);
  });

  it('never makes a named person owner or handler (ASSIGNEE_RECUSED)', async () => {
    const office = user('officer@root');
    const id = await atTeamA1({
      type: 'appeal',
      purpose: 'request',
      namedPersons: [{ name: '某人', userId: user('unit_head@teamA1').id }],
    });
    // Handed to team A1, the mine it works under accepts it (第23条).
    const mine = user('officer@mineA');
    expect(await codeOf(acceptPetition(deps, mine, id, { handlerId: user('unit_head@teamA1').id }))).toBe(
      'ASSIGNEE_RECUSED',
    );
    await acceptPetition(deps, mine, id, {});
    expect(
      await codeOf(
        setOwner(deps, office, id, { ownerId: user('chief@mineA').id, handlerId: user('unit_head@teamA1').id }),
      ),
    ).toBe('ASSIGNEE_RECUSED');

    const other = await registered({ namedPersons: [{ name: '某人', userId: user('chief@mineA').id }] });
    await triagePetition(deps, office, other, {});
    expect(await codeOf(acceptPetition(deps, office, other, { ownerId: user('chief@mineA').id }))).toBe(
      'ASSIGNEE_RECUSED',
    );
  });
});
