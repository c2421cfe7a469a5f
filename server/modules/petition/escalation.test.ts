/**
 * 报请上级: a mine office sends a case it cannot decide up to the group, with a reason; the group
 * office is told and decides from there; both sides see the step (issue #14).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import { listMyNotifications } from '../notification/notification.service.ts';
import * as svc from './index.ts';
import { listPetitions } from '../ledger/index.ts';

let ctx: TestContext;
let org: Org;
let deps: svc.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const user = (key: string): Actor => org.users[key] as Actor;

async function atMineA(): Promise<string> {
  const { petition } = await registerPetition(
    deps,
    user('officer@mineA'),
    RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '集团统一调整井下津贴标准',
      body: '井下津贴标准由集团统一规定，本矿无权调整，请求集团研究。',
      petitioners: [{ name: '王大山', identity: 'employee' }],
    }),
  );
  return petition.id;
}

describe('escalatePetition (报请上级)', () => {
  it('sends a mine case up to the group, which is told, sees why and decides; the mine follows it', async () => {
    const id = await atMineA();
    const mine = user('officer@mineA');
    // Before: a mine office cannot hand a case to the group (ASSIGNEE_INVALID), only send it up.
    expect(await codeOf(svc.assignPetition(deps, mine, id, { handlingUnitId: org.units.root.id }))).toBe(
      'PETITION_TRANSITION_ILLEGAL',
    );
    expect((await svc.getPetition(deps, mine, id)).actions).toContain('escalate');

    const sent = await svc.escalatePetition(deps, mine, id, { reason: '津贴标准属集团职权，本矿无权调整' });
    expect(sent).toMatchObject({ state: 'triaged', handlingUnitId: org.units.root.id });
    expect(sent.events.at(-1)).toMatchObject({
      kind: 'escalate',
      internal: true,
      data: {
        reason: '津贴标准属集团职权，本矿无权调整',
        fromUnitId: org.units.mineA.id,
        fromUnitName: '甲矿',
        toUnitId: org.units.root.id,
      },
    });
    // The mine follows the case but no longer routes or decides it.
    for (const verb of ['accept', 'decline', 'assign', 'escalate'])
      expect(sent.actions, `mine may not ${verb}`).not.toContain(verb);
    expect(await codeOf(svc.acceptPetition(deps, mine, id, {}))).toBe('FORBIDDEN');

    // The group office is told through notify, and sees the step and the reason.
    const groupOfficer = user('officer@root');
    const told = await listMyNotifications(ctx.deps, groupOfficer, {});
    expect(told.items.map((n) => [n.kind, n.petitionId, n.data.unitName])).toEqual([['case_escalated', id, '甲矿']]);
    const group = await svc.getPetition(deps, groupOfficer, id);
    expect(group.events.map((e) => e.kind)).toContain('escalate');
    expect(group.actions).toEqual(expect.arrayContaining(['assign', 'forward', 'accept', 'decline']));
    expect(group.actions).not.toContain('escalate');
    const list = await listPetitions(deps, groupOfficer, { unitId: org.units.root.id });
    expect(list.items.map((p) => p.id)).toContain(id);

    // The group decides: it accepts and handles it itself.
    const accepted = await svc.acceptPetition(deps, groupOfficer, id, {});
    expect(accepted).toMatchObject({ state: 'accepted', handlingUnitId: org.units.root.id });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'after_json'])
      .where('action', '=', 'petition.escalate')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(mine.id);
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ handling_unit_id: org.units.root.id });
  });

  it('is not offered at the top of the tree, nor to a role outside the office, and changes nothing when refused', async () => {
    const { petition } = await registerPetition(
      deps,
      user('officer@root'),
      RegisterPetitionInputSchema.parse({
        channel: 'letter',
        type: 'appeal',
        purpose: 'request',
        title: '集团来信',
        body: '请求集团研究解决职工住房问题。',
        petitioners: [{ name: '李四', identity: 'employee' }],
      }),
    );
    expect(petition.actions).not.toContain('escalate');
    expect(await codeOf(svc.escalatePetition(deps, user('officer@root'), petition.id, { reason: '上报' }))).toBe(
      'FORBIDDEN',
    );
    const id = await atMineA();
    expect(await codeOf(svc.escalatePetition(deps, user('handler@teamA1'), id, { reason: '上报' }))).toBe('NOT_FOUND');
    const before = await ctx.deps.db
      .selectFrom('petition')
      .select(['version', 'handling_unit_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(before).toEqual({ version: 1, handling_unit_id: null });
    // Once accepted at the mine it is the mine's to handle: no sending up from there.
    await svc.triagePetition(deps, user('officer@mineA'), id, {});
    await svc.acceptPetition(deps, user('officer@mineA'), id, {});
    expect(await codeOf(svc.escalatePetition(deps, user('officer@mineA'), id, { reason: '上报' }))).toBe(
      'PETITION_TRANSITION_ILLEGAL',
    );
  });
});
