/**
 * 来电登记 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): the call-back number
 * encrypted, indexed and masked, revealed only to the office and audited; the call-backs due; a
 * call that becomes a petition, linked both ways; scope, recusal and the identity rule.
 */
import { describe, expect, it } from 'vitest';
import { CallRecordInputSchema, type CallRecordInput } from '../../../common/schemas/call-record.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { registerPetition } from '../intake/index.ts';
import { assignPetition, getPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';
import { revealPetitioner } from '../petitioner/index.ts';
import {
  callToPetition,
  getCall,
  listCalls,
  listCallsOfPetition,
  recordCall,
  recordCallback,
  revealCallerNumber,
} from './call-record.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld({ people: [['officer', 'mineB']] }, (world) => ({ ctx, org, deps } = world));

const HOUR = 3_600_000;
const CALLED = '2026-03-02T00:40:00.000Z';

function call(overrides: Partial<CallRecordInput> = {}) {
  return CallRecordInputSchema.parse({
    calledAt: CALLED,
    durationSeconds: 240,
    callerName: '钱有福',
    callerNumber: '138 1234 5678',
    summary: '询问工伤认定进度，称材料已交三个月无答复。',
    callbackDueAt: '2026-03-03T08:00:00.000Z',
    ...overrides,
  });
}

function petition(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'letter', // a call always becomes 来电, whatever the form sends
    type: 'appeal',
    purpose: 'request',
    title: '工伤认定三个月无答复',
    body: '来电人反映工伤认定材料已交三个月，至今无答复，请求尽快认定。',
    petitioners: [{ name: '钱有福', identity: 'employee' }],
    ...overrides,
  });
}

describe('recordCall', () => {
  it('keeps the call-back number encrypted with its blind index, shows it masked, reveals it to the office (audited)', async () => {
    const officer = org.users['officer@mineA']!;
    const recorded = await recordCall(deps, officer, call());
    expect(recorded).toMatchObject({
      callerName: '钱有福',
      callerNumber: '138****5678',
      durationSeconds: 240,
      petition: null,
      callback: { status: 'pending', dueAt: '2026-03-03T08:00:00.000Z' },
      actions: ['reveal', 'callback', 'petition'],
    });
    const row = await ctx.deps.db.selectFrom('call_record').selectAll().executeTakeFirstOrThrow();
    expect(row.caller_number_enc).not.toContain('13812345678');
    expect(row.caller_number_index).toBe(deps.cipher.blindIndex('13812345678'));
    expect(await revealCallerNumber(deps, officer, recorded.id)).toEqual({ callerNumber: '13812345678' });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'call_record')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['call_record.record', 'call_record.reveal_number']);
    expect(audit.map((a) => a.after_json).join()).not.toMatch(/13812345678|钱有福/);
  });

  it('a frontline head records a call at his unit and sees it masked, but never reveals the number', async () => {
    const head = org.users['unit_head@teamA1']!;
    const recorded = await recordCall(deps, head, call());
    expect(recorded).toMatchObject({ callerNumber: '138****5678', actions: ['callback', 'petition'] });
    expect(await codeOf(revealCallerNumber(deps, head, recorded.id))).toBe('FORBIDDEN');
    // The mine's office reads it and may reveal; the crew's head below does not read it.
    expect((await getCall(deps, org.users['officer@mineA']!, recorded.id)).actions).toContain('reveal');
    expect(await codeOf(getCall(deps, org.users['unit_head@crewA1']!, recorded.id))).toBe('NOT_FOUND');
  });

  it('refuses a call-back without a number, before the call or beyond 60 days, and a call in the future, naming the field', async () => {
    const officer = org.users['officer@mineA']!;
    const noNumber = CallRecordInputSchema.safeParse({ ...call(), callerNumber: undefined });
    expect(noNumber.error?.issues.map((i) => i.path)).toEqual([['callerNumber']]);
    for (const [overrides, field] of [
      [{ callbackDueAt: '2026-03-02T00:00:00.000Z' }, 'callbackDueAt'],
      [{ callbackDueAt: '2026-06-01T00:00:00.000Z' }, 'callbackDueAt'],
      [{ calledAt: '2026-03-09T00:00:00.000Z', callbackDueAt: undefined }, 'calledAt'],
      [{ calledAt: '0001-01-01T00:00:00.000Z', callbackDueAt: undefined }, 'calledAt'],
    ] as const) {
      const refused = await recordCall(deps, officer, call(overrides)).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: [field] }] } });
    }
    expect(await ctx.deps.db.selectFrom('call_record').selectAll().execute()).toHaveLength(0);
  });

  it('records a call on the open case it is about, through the engine', async () => {
    const officer = org.users['officer@mineA']!;
    const { petition: open } = await registerPetition(deps, officer, petition({ channel: 'visit' }));
    ctx.clock.advance(HOUR);
    const recorded = await recordCall(
      deps,
      officer,
      call({ petitionId: open.id, calledAt: '2026-03-02T01:30:00.000Z' }),
    );
    expect(recorded.petition).toEqual({ id: open.id, caseNumber: open.caseNumber });
    const view = await getPetition(deps, officer, open.id);
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'recordCall']);
    expect((await listCallsOfPetition(deps, officer, open.id)).items.map((c) => c.id)).toEqual([recorded.id]);
  });
});

describe('call-backs', () => {
  it('lists the call-backs due soonest first, overdue ones marked, and records each call-back once', async () => {
    const officer = org.users['officer@mineA']!;
    const later = await recordCall(deps, officer, call({ callbackDueAt: '2026-03-05T02:00:00.000Z' }));
    const sooner = await recordCall(deps, officer, call({ callbackDueAt: '2026-03-02T04:00:00.000Z' }));
    const none = await recordCall(deps, officer, call({ callbackDueAt: undefined, callerNumber: undefined }));
    ctx.clock.advance(6 * HOUR); // 07:00Z: the sooner call-back is overdue
    const due = await listCalls(deps, officer, {});
    expect(due.items.map((c) => [c.id, c.callback.status])).toEqual([
      [sooner.id, 'overdue'],
      [later.id, 'pending'],
    ]);
    expect((await listCalls(deps, officer, { callback: 'overdue' })).items.map((c) => c.id)).toEqual([sooner.id]);
    expect((await listCalls(deps, officer, { callback: 'none' })).items.map((c) => c.id)).toEqual([none.id]);

    const future = await recordCallback(deps, officer, sooner.id, {
      doneAt: '2026-03-04T00:00:00.000Z',
      note: '已告知材料正在审核',
    }).catch((e: unknown) => e);
    expect(future).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['doneAt'] }] } });
    const done = await recordCallback(deps, officer, sooner.id, { note: '已告知材料正在审核，三日内答复' });
    expect(done.callback).toMatchObject({
      status: 'done',
      byName: 'officer.minea',
      note: '已告知材料正在审核，三日内答复',
    });
    expect(done.actions).not.toContain('callback');
    expect(await codeOf(recordCallback(deps, officer, sooner.id, { note: '再次回电' }))).toBe(
      'CALLBACK_ALREADY_RECORDED',
    );
    expect((await listCalls(deps, officer, {})).items.map((c) => c.id)).toEqual([later.id]);
    expect((await listCalls(deps, officer, { callback: 'done' })).total).toBe(1);
    expect((await listCalls(deps, officer, { callback: 'all' })).total).toBe(3);
  });
});

describe('callToPetition: a call that becomes a petition', () => {
  it('registers 来电 at the call’s time and unit, the caller’s number on the petitioner, linked both ways', async () => {
    const head = org.users['unit_head@teamA1']!;
    const officer = org.users['officer@mineA']!;
    const taken = await recordCall(deps, head, call());
    ctx.clock.advance(HOUR);
    const { call: linked, receipt } = await callToPetition(deps, officer, taken.id, {
      petition: petition(),
      useCallerNumber: true,
    });
    expect(receipt).toMatchObject({ caseNumber: 'XF2026-000001', receivedAt: CALLED, readable: true });
    expect(receipt.trackingCode).not.toBeNull();
    // The call names its case …
    expect(linked.petition).toEqual({ id: receipt.petitionId, caseNumber: 'XF2026-000001' });
    expect(linked.actions).not.toContain('petition');
    // … and the case lists its call.
    const view = await getPetition(deps, officer, receipt.petitionId);
    expect(view).toMatchObject({ channel: 'phone', receivedAt: CALLED });
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'recordCall']);
    expect((await listCallsOfPetition(deps, officer, receipt.petitionId)).items.map((c) => c.id)).toEqual([taken.id]);
    // Registered where the call came in; the number never left the server, yet the petitioner has it.
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('registered_unit_id')
      .where('id', '=', receipt.petitionId)
      .executeTakeFirstOrThrow();
    expect(row.registered_unit_id).toBe(org.units.teamA1.id);
    expect(view.petitioners?.[0]?.phone).toBe('138****5678');
    const petitionerId = view.petitioners?.[0]?.id ?? '';
    expect((await revealPetitioner(deps, officer, receipt.petitionId, petitionerId)).phone).toBe('13812345678');
    expect(await codeOf(callToPetition(deps, officer, taken.id, { petition: petition(), useCallerNumber: true }))).toBe(
      'CALL_RECORD_ALREADY_LINKED',
    );
    // A call-back on the linked call is recorded on the case.
    await recordCallback(deps, officer, taken.id, { note: '已告知案件编号与查询码' });
    expect((await getPetition(deps, officer, receipt.petitionId)).events.map((e) => e.kind)).toContain(
      'recordCallback',
    );
  });

  it('refuses the rules of registration naming the field under `petition`, writing nothing', async () => {
    const officer = org.users['officer@mineA']!;
    const taken = await recordCall(deps, officer, call());
    const refused = await callToPetition(deps, officer, taken.id, {
      petition: petition({ categoryCode: '7777' }),
      useCallerNumber: true,
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['categoryCode'] }] } });
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(0);
    expect((await getCall(deps, officer, taken.id)).petition).toBeNull();
  });
});

describe('who sees a call', () => {
  it('an officer of another mine cannot read it, list it, reveal it or record its call-back', async () => {
    const recorded = await recordCall(deps, org.users['officer@mineA']!, call());
    const other = org.users['officer@mineB']!;
    expect(await codeOf(getCall(deps, other, recorded.id))).toBe('NOT_FOUND');
    expect(await codeOf(revealCallerNumber(deps, other, recorded.id))).toBe('NOT_FOUND');
    expect(await codeOf(recordCallback(deps, other, recorded.id, { note: '已回电' }))).toBe('NOT_FOUND');
    expect((await listCalls(deps, other, { callback: 'all' })).total).toBe(0);
    // The group's office above sees it; handlers and auditors read no call lists.
    expect((await listCalls(deps, org.users['officer@root']!, { callback: 'all' })).total).toBe(1);
    expect(await codeOf(listCalls(deps, org.users['handler@teamA1']!, {}))).toBe('FORBIDDEN');
    expect(await codeOf(listCalls(deps, org.users['auditor@root']!, {}))).toBe('FORBIDDEN');
  });

  it('hides the caller of an accusation from its handler (第30条), and the call from a person it names (第28条)', async () => {
    const officer = org.users['officer@mineA']!;
    const named = org.users['deputy@mineA']!;
    const taken = await recordCall(deps, officer, call());
    const { receipt } = await callToPetition(deps, officer, taken.id, {
      petition: petition({
        type: 'accusation',
        purpose: 'report',
        namedPersons: [{ name: 'deputy.minea', userId: named.id }],
      }),
      useCallerNumber: true,
    });
    // The mine's own deputy is accused, so the group handles it (routed around, 第28条).
    const groupOfficer = org.users['officer@root']!;
    await triagePetition(deps, groupOfficer, receipt.petitionId, {});
    await assignPetition(deps, groupOfficer, receipt.petitionId, { handlingUnitId: org.units.deptHr.id });
    const handler = org.users['handler@deptHr']!;
    const seen = (await listCallsOfPetition(deps, handler, receipt.petitionId)).items[0];
    expect(seen).toMatchObject({ callerName: null, callerNumber: null, actions: [] });
    expect(await codeOf(revealCallerNumber(deps, handler, taken.id))).toBe('FORBIDDEN');
    // The mine's deputy is named in it: the call is not his to see, nor to count.
    expect(await codeOf(getCall(deps, named, taken.id))).toBe('NOT_FOUND');
    expect((await listCalls(deps, named, { callback: 'all' })).total).toBe(0);
  });
});
