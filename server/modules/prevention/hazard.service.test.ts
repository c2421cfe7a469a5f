/**
 * 排查台账 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a hazard kept by its
 * unit and its mine, 销号 asked with evidence and decided by the level ABOVE the owning mine (never by
 * the mine itself), every change audited; hazard ↔ petition links both ways through registration and
 * the petition engine; scope.
 */
import { describe, expect, it } from 'vitest';
import { CreateHazardInputSchema, type CreateHazardInput } from '../../../common/schemas/prevention.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { getPetition, type PetitionDeps } from '../petition/index.ts';
import { registerPetition } from '../intake/index.ts';
import {
  addMeasure,
  addNote,
  completeMeasure,
  createHazard,
  decideClearing,
  getHazard,
  hazardsOfPetition,
  hazardToPetition,
  leadHazard,
  listHazards,
  recordRevealedHazard,
  requestClearing,
} from './hazard.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld({ taxonomy: true, people: [['officer', 'mineB']] }, (world) => ({ ctx, org, deps } = world));

function hazard(overrides: Partial<CreateHazardInput> = {}) {
  return CreateHazardInputSchema.parse({
    title: '综采一队井下班中餐补贴停发',
    location: '综采一队',
    workersInvolved: 46,
    categoryCode: '0101',
    riskLevel: 'high',
    measures: [],
    ...overrides,
  });
}

const petition = RegisterPetitionInputSchema.parse({
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  title: '班中餐补贴停发',
  body: '综采一队职工反映井下班中餐补贴自二月起停发，请求恢复。',
  petitioners: [{ name: '王建军', identity: 'employee' }],
});

async function auditActions() {
  const rows = await ctx.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'hazard')
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

describe('the hazard ledger', () => {
  it('a head reports, the mine leader leads and acts, asks 销号 with evidence, the group approves', async () => {
    const head = org.users['unit_head@teamA1']!;
    const mineChief = org.users['chief@mineA']!;
    const groupOfficer = org.users['officer@root']!;
    const found = await createHazard(deps, head, hazard());
    expect(found).toMatchObject({ state: 'open', unit: { name: '综采一队' }, leadLeader: null });
    await leadHazard(deps, mineChief, found.id, { leadLeaderId: mineChief.id, responsibleDepartment: '财务科' });
    const measured = await addMeasure(deps, mineChief, found.id, { text: '核对补贴标准并补发', dueDate: '2026-03-10' });
    expect(measured).toMatchObject({
      dueDate: '2026-03-10',
      leadLeader: { id: mineChief.id },
      responsibleDepartment: '财务科',
    });
    await completeMeasure(deps, mineChief, found.id, measured.measures[0]!.id);
    await addNote(deps, head, found.id, '已向职工说明补发时间');

    const noEvidence = await requestClearing(deps, mineChief, found.id, ' ').catch((e: unknown) => e);
    expect(noEvidence).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['evidence'] }] } });
    const asked = await requestClearing(deps, mineChief, found.id, '二月补贴已于3月5日补发到位，职工签字确认');
    expect(asked.state).toBe('clearing');
    // The mine owns it: neither its chief nor its officer decides; the team head may not at all.
    const own = await decideClearing(deps, mineChief, found.id, { approve: true, note: '' }).catch((e: unknown) => e);
    expect(own).toMatchObject({ code: 'HAZARD_CLEARING_OWN_LEVEL', details: { field: 'approver' } });
    expect(await codeOf(decideClearing(deps, org.users['officer@mineA']!, found.id, { approve: true, note: '' }))).toBe(
      'HAZARD_CLEARING_OWN_LEVEL',
    );
    expect(await codeOf(decideClearing(deps, head, found.id, { approve: true, note: '' }))).toBe('FORBIDDEN');
    expect((await getHazard(deps, groupOfficer, found.id)).actions).toContain('approveClear');
    ctx.clock.set('2026-03-06T02:00:00.000Z');
    const cleared = await decideClearing(deps, groupOfficer, found.id, { approve: true, note: '同意销号' });
    expect(cleared).toMatchObject({ state: 'cleared', clearEvidence: '二月补贴已于3月5日补发到位，职工签字确认' });
    expect(cleared.notes.map((n) => n.kind)).toEqual(['note', 'clear_requested', 'cleared']);
    const row = await ctx.deps.db.selectFrom('hazard').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cleared_on: '2026-03-06', owner_path: org.units.mineA.path });
    expect(await auditActions()).toEqual([
      'hazard.create',
      'hazard.lead',
      'hazard.add_measure',
      'hazard.complete_measure',
      'hazard.note',
      'hazard.request_clear',
      'hazard.approve_clear',
    ]);
    // Who asked heard of it; the group office heard of the request.
    const kinds = await ctx.deps.db.selectFrom('notification').select(['kind', 'user_id']).orderBy('kind').execute();
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: 'hazard_clear_requested', user_id: groupOfficer.id },
        { kind: 'hazard_cleared', user_id: mineChief.id },
      ]),
    );
    expect(await codeOf(addNote(deps, mineChief, found.id, '再补一句'))).toBe('HAZARD_STATE_ILLEGAL');
  });

  it('the group sends a 销号 back with its reason; the hazard is open again', async () => {
    const found = await createHazard(deps, org.users['officer@mineA']!, hazard({ unitId: org.units.teamA1.id }));
    await requestClearing(deps, org.users['officer@mineA']!, found.id, '已座谈');
    const back = await decideClearing(deps, org.users['chief@root']!, found.id, {
      approve: false,
      reason: '未见补发凭证',
    });
    expect(back).toMatchObject({
      state: 'open',
      notes: [{ kind: 'clear_requested' }, { kind: 'sent_back', text: '未见补发凭证' }],
    });
    expect(await codeOf(decideClearing(deps, org.users['chief@root']!, found.id, { approve: true, note: '' }))).toBe(
      'HAZARD_STATE_ILLEGAL',
    );
  });

  it('refuses a lead leader who is no leader above the unit, an unknown category, a measure in the past; nothing written', async () => {
    const head = org.users['unit_head@teamA1']!;
    for (const [input, field] of [
      [hazard({ leadLeaderId: org.users['officer@mineA']!.id }), 'leadLeaderId'],
      [hazard({ categoryCode: '9999' }), 'categoryCode'],
      [hazard({ measures: [{ text: '核对', dueDate: '2026-03-01' }] }), 'dueDate'],
    ] as const) {
      const refused = await createHazard(deps, head, input).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify((refused as { details: unknown }).details)).toContain(field);
    }
    expect(await ctx.deps.db.selectFrom('hazard').selectAll().execute()).toHaveLength(0);
  });

  it('keeps a hazard in its scope: a sibling mine does not find it, a crew below does not, the auditor reads it', async () => {
    const found = await createHazard(deps, org.users['unit_head@teamA1']!, hazard());
    expect(await codeOf(getHazard(deps, org.users['officer@mineB']!, found.id))).toBe('NOT_FOUND');
    expect(await codeOf(getHazard(deps, org.users['unit_head@crewA1']!, found.id))).toBe('NOT_FOUND');
    expect((await getHazard(deps, org.users['auditor@root']!, found.id)).actions).toEqual([]);
    expect((await listHazards(deps, org.users['officer@mineB']!, {})).total).toBe(0);
    expect((await listHazards(deps, org.users['chief@root']!, {})).items.map((h) => h.id)).toEqual([found.id]);
    expect(
      await codeOf(createHazard(deps, org.users['unit_head@crewA1']!, hazard({ unitId: org.units.teamA1.id }))),
    ).toBe('NOT_FOUND');
  });
});

describe('hazards and petitions', () => {
  it('turns a hazard into a petition registered at its unit, linked both ways, shown in the case history', async () => {
    const head = org.users['unit_head@teamA1']!;
    const found = await createHazard(deps, head, hazard());
    const { hazard: linked, receipt } = await hazardToPetition(deps, head, found.id, { petition });
    const officer = org.users['officer@mineA']!;
    expect((await getHazard(deps, officer, found.id)).petitions).toEqual([
      { id: receipt.petitionId, caseNumber: receipt.caseNumber, relation: 'became' },
    ]);
    // The head who registered it reads the case only as the petition policy lets him: the link follows it.
    expect(linked.petitions.length).toBe((await codeOf(getPetition(deps, head, receipt.petitionId))) === 'OK' ? 1 : 0);
    const view = await getPetition(deps, officer, receipt.petitionId);
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'linkHazard']);
    expect((await hazardsOfPetition(deps, officer, receipt.petitionId)).items.map((h) => h.id)).toEqual([found.id]);
  });

  it('records a hazard a petition revealed, from the case', async () => {
    const officer = org.users['officer@mineA']!;
    const { petition: registered } = await registerPetition(deps, officer, petition);
    const revealed = await recordRevealedHazard(deps, officer, registered.id, hazard({ unitId: org.units.teamA1.id }));
    expect(revealed.petitions).toEqual([
      { id: registered.id, caseNumber: registered.caseNumber, relation: 'revealed' },
    ]);
    expect((await hazardsOfPetition(deps, officer, registered.id)).items).toMatchObject([{ id: revealed.id }]);
    expect((await getPetition(deps, officer, registered.id)).events.map((e) => e.kind)).toContain('linkHazard');
    // A reader who may not open the case gets a 404, not the hazard list.
    expect(await codeOf(hazardsOfPetition(deps, org.users['officer@mineB']!, registered.id))).toBe('NOT_FOUND');
  });
});
