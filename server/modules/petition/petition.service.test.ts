import { describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import { RegisterPetitionInputSchema, type PetitionDetailView } from '../../../common/schemas/petition.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld, overtimeVisit as visit } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import {
  acceptPetition,
  addNote,
  assignPetition,
  concludePetition,
  confirmOwnership,
  declareConflict,
  draftReply,
  endHearing,
  evaluatePetition,
  extendPetition,
  getPetition,
  issueReconsiderationOpinion,
  issueReply,
  issueReviewOpinion,
  objectToPetition,
  requestReconsideration,
  requestReview,
  signForPetition,
  startExecution,
  startHearing,
  startInvestigation,
  triagePetition,
  type PetitionDeps,
} from './index.ts';
import { listPetitions } from '../ledger/index.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;

function dueOf(view: PetitionDetailView, kind: string) {
  return view.deadlines.find((d) => d.kind === kind);
}

describe('registerPetition', () => {
  it('registers with a case number, a hashed tracking code, encrypted identity and the 15-day notice deadline', async () => {
    const officer = org.users['officer@root']!;
    const { petition, trackingCode } = await registerPetition(deps, officer, visit());
    expect(petition).toMatchObject({
      state: 'registered',
      caseNumber: 'XF2026-000001',
      flags: { first: true, repeat: false, group: false },
    });
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    // 2026-03-02 (local) + 15 days = 2026-03-17 (第23条).
    expect(dueOf(petition, 'acceptance_notice')).toMatchObject({ dueDate: '2026-03-17', status: 'open' });
    expect(petition.petitioners?.[0]).toMatchObject({
      name: '王大山',
      idNumber: '1101**********002X',
      phone: '138****5678',
    });
    const rows = await ctx.deps.db.selectFrom('petitioner').selectAll().execute();
    expect(rows[0]?.id_number_enc).not.toContain('110105');
    const stored = await ctx.deps.db.selectFrom('petition').select('tracking_code_hash').executeTakeFirstOrThrow();
    expect(stored.tracking_code_hash).not.toContain(trackingCode.replace(/-/g, ''));
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'petition.register')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('王大山');
    expect(audit.after_json).not.toContain('13812345678');
  });

  it('flags the second petition of the same person as a repeat (重复访), found by ID number', async () => {
    const officer = org.users['officer@root']!;
    const first = await registerPetition(deps, officer, visit());
    const second = await registerPetition(
      deps,
      officer,
      visit({
        title: '再次反映加班工资',
        petitioners: [{ name: '王大山', idNumber: '11010519491231002x', identity: 'employee' }],
      }),
    );
    expect(second.petition.flags).toMatchObject({ repeat: true, first: false });
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('repeat_of_id')
      .where('id', '=', second.petition.id)
      .executeTakeFirstOrThrow();
    expect(row.repeat_of_id).toBe(first.petition.id);
    expect(await ctx.deps.db.selectFrom('petitioner').selectAll().execute()).toHaveLength(1);
  });

  it('sets the group flag from the headcount threshold', async () => {
    const { petition } = await registerPetition(deps, org.users['officer@root']!, visit({ headcount: 12 }));
    expect(petition.flags.group).toBe(true);
  });

  it('refuses more than five representatives, naming the field (第20条)', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `代表${i}`,
      identity: 'employee' as const,
      isRepresentative: true,
    }));
    const parsed = RegisterPetitionInputSchema.safeParse({ ...visit(), petitioners: six, headcount: 30 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toContainEqual(['petitioners']);
  });

  it('refuses an ID number whose check digit is wrong', () => {
    const parsed = RegisterPetitionInputSchema.safeParse({
      ...visit(),
      petitioners: [{ name: '甲', idNumber: '110105194912310021', identity: 'employee' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['petitioners', 0, 'idNumber']);
  });

  it('lets only petition offices register', async () => {
    expect(await codeOf(registerPetition(deps, org.users['handler@teamA1']!, visit()))).toBe('FORBIDDEN');
    expect(await codeOf(registerPetition(deps, org.users['auditor@root']!, visit()))).toBe('FORBIDDEN');
  });
});

describe('the path of a visit, from registration to final', () => {
  it('walks every step with the deadlines of the 条例, and leaves an intact audit chain', async () => {
    const officer = org.users['officer@root']!;
    const handler = org.users['handler@teamA1']!;
    const owner = org.users['chief@mineA']!;
    const { petition } = await registerPetition(deps, officer, visit());
    const id = petition.id;

    await triagePetition(deps, officer, id, { note: '属工资分配问题' });
    ctx.clock.advance(DAY); // 03-03
    const assigned = await assignPetition(deps, officer, id, {
      handlingUnitId: org.units.teamA1.id,
      reportDueDate: '2026-04-30',
    });
    // 5 working days from Tue 03-03: 03-04, 05, 06, 09, 10 → 2026-03-10 (第23条第3款).
    expect(dueOf(assigned, 'objection')).toMatchObject({ dueDate: '2026-03-10', status: 'open' });
    // Handed over, the group office no longer accepts for the mine; it may still supervise and note.
    expect(assigned.actions).not.toContain('accept');
    expect(assigned.actions).not.toContain('signFor');

    await signForPetition(deps, handler, id);
    // The mine, the body the team works under, accepts what was handed to it — not the group office.
    expect(await codeOf(acceptPetition(deps, officer, id, {}))).toBe('FORBIDDEN');
    const accepted = await acceptPetition(deps, org.users['officer@mineA']!, id, {
      ownerId: owner.id,
      handlerId: handler.id,
    });
    // 受理 owes the written notice (第23条): the deadline stays open until the notice goes out.
    expect(dueOf(accepted, 'acceptance_notice')).toMatchObject({ status: 'open' });
    expect(accepted.owedNotices).toEqual([expect.objectContaining({ kind: 'acceptance_notice', missing: 'document' })]);
    // Accepting straight after 签收 keeps the objection window met by the signing.
    expect(dueOf(accepted, 'objection')).toMatchObject({ status: 'met' });
    // 受理 on 03-03 + 60 days = 2026-05-02, a Saturday; calendar days do not roll without a holiday table… but
    // the default policy rolls a last day that is not a working day (《民法典》第203条): → Monday 2026-05-04.
    expect(dueOf(accepted, 'conclusion')?.dueDate).toBe('2026-05-04');
    expect(dueOf(accepted, 'owner_confirmation')).toMatchObject({ status: 'open' });

    await confirmOwnership(deps, owner, id);
    await startInvestigation(deps, handler, id);
    await addNote(deps, handler, id, { text: '已调取考勤与工资发放记录', internal: true });
    await startHearing(deps, handler, id);
    ctx.clock.advance(DAY); // 03-04
    await endHearing(deps, handler, id);
    const extended = await extendPetition(deps, owner, id, { days: 10, reason: '需核对劳务派遣单位账目' });
    // A hearing during the handling does not stop the 60 days (only the 复核's 30, 第36条); extension +10.
    const conclusion = dueOf(extended, 'conclusion');
    expect(conclusion?.pausedDays).toBe(0);
    expect(conclusion?.dueDate).toBe('2026-05-12'); // 03-03 + 60 + 10 = 05-12 (a Tuesday)
    // The extension is told to the petitioner before the 60 days run out (第34条).
    expect(dueOf(extended, 'extension_notice')).toMatchObject({ dueDate: '2026-05-04', status: 'open' });

    await draftReply(deps, handler, id, {
      request: '补发2026年1—2月加班工资',
      factsAndReasons: '经核实，加班记录属实，工资未按规定计发。',
      opinion: '责成综采一队于30日内补发。',
      legalBasis: '《工资支付暂行规定》第十三条',
      result: 'support',
      outcomes: [{ kind: 'resolved', measures: '已按处理意见落实' }],
    });
    ctx.clock.advance(DAY); // 03-05
    const replied = await issueReply(deps, owner, id, { deliveryMethod: 'in_person' });
    expect(dueOf(replied, 'conclusion')).toMatchObject({ status: 'met' });
    // Delivered 03-05 + 30 days = 2026-04-04, a Saturday → rolled to Monday 04-06.
    expect(dueOf(replied, 'review_request')?.dueDate).toBe('2026-04-06');

    await startExecution(deps, handler, id);
    await evaluatePetition(deps, officer, id, { satisfaction: 2, comment: '补发金额有异议' });
    const concluded = await concludePetition(deps, officer, id, {});
    expect(concluded).toMatchObject({ state: 'concluded', outcomes: ['resolved'], satisfaction: 2 });

    ctx.clock.advance(10 * DAY); // 03-15
    const reviewRequested = await requestReview(deps, officer, id, { reason: '对补发金额不服' });
    // Requested 03-15 + 30 = 04-14 (Tuesday) for the 复查意见 (第35条).
    expect(dueOf(reviewRequested, 'review_opinion')).toMatchObject({ dueDate: '2026-04-14', status: 'open' });
    // The level above the mine (the body that answered) gives the 复查意见: not the mine itself.
    for (const who of ['handler@teamA1', 'officer@mineA', 'chief@mineA']) {
      expect(
        await codeOf(
          issueReviewOpinion(deps, org.users[who]!, id, {
            opinion: '维持',
            result: 'reject',
            deliveryMethod: 'in_person',
          }),
        ),
        who,
      ).toBe('FORBIDDEN');
    }
    await issueReviewOpinion(deps, officer, id, {
      opinion: '维持原处理意见',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    await requestReconsideration(deps, officer, id, { reason: '仍不服' });
    // The group is the top of the tree: its 复核 is decided by a leader who did not decide the 复查.
    expect(
      await codeOf(
        issueReconsiderationOpinion(deps, officer, id, {
          opinion: '复核',
          result: 'reject',
          deliveryMethod: 'in_person',
        }),
      ),
    ).toBe('FORBIDDEN');
    const final = await issueReconsiderationOpinion(deps, org.users['chief@root']!, id, {
      opinion: '复核维持，终结',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    expect(final.state).toBe('final');
    // Nothing moves a final case; only its 被反映人 can still be named or resolved (回避 outlives the case).
    expect(final.actions).toEqual(['nameAccused', 'resolveNamedPerson']);
    expect(final.events.map((e) => e.kind)).toEqual([
      'register',
      'triage',
      'assign',
      'signFor',
      'accept',
      'confirmOwnership',
      'startInvestigation',
      'addNote',
      'startHearing',
      'endHearing',
      'extend',
      'draftReply',
      // 签发 makes the reply a numbered document in the same step (its id on the event).
      'issueReply',
      'startExecution',
      'evaluate',
      'conclude',
      'requestReview',
      // Each opinion makes its 意见书 in the same step (第35–36条: 书面答复).
      'issueReviewOpinion',
      'generateDocument',
      'requestReconsideration',
      'issueReconsiderationOpinion',
      'generateDocument',
    ]);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });
});

describe('illegal steps are refused and change nothing', () => {
  it('refuses a transition the state does not allow', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    expect(await codeOf(concludePetition(deps, officer, petition.id, {}))).toBe('PETITION_TRANSITION_ILLEGAL');
    expect(await codeOf(issueReply(deps, org.users['chief@root']!, petition.id, { deliveryMethod: 'post' }))).toBe(
      'PETITION_TRANSITION_ILLEGAL',
    );
    // A verb the role may never use is refused as such, whatever the state.
    expect(await codeOf(issueReply(deps, officer, petition.id, { deliveryMethod: 'post' }))).toBe('FORBIDDEN');
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select(['state', 'version'])
      .where('id', '=', petition.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'registered', version: 1 });
    const events = await ctx.deps.db
      .selectFrom('petition_event')
      .select('kind')
      .where('petition_id', '=', petition.id)
      .execute();
    expect(events).toHaveLength(1);
  });

  it('refuses a stale version', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await triagePetition(deps, officer, petition.id, {});
    expect(
      await codeOf(
        assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id }, { expectedVersion: 1 }),
      ),
    ).toBe('PETITION_VERSION_CONFLICT');
  });

  it('caps extensions at 30 days in total (第34条)', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await triagePetition(deps, officer, petition.id, {});
    await acceptPetition(deps, officer, petition.id, {});
    await startInvestigation(deps, officer, petition.id);
    const leader = org.users['chief@root']!;
    // 负责人批准: an officer cannot grant an extension.
    expect(await codeOf(extendPetition(deps, officer, petition.id, { days: 5, reason: '调查取证' }))).toBe('FORBIDDEN');
    await extendPetition(deps, leader, petition.id, { days: 20, reason: '调查取证' });
    expect(await codeOf(extendPetition(deps, leader, petition.id, { days: 11, reason: '再次延期' }))).toBe(
      'EXTENSION_LIMIT_EXCEEDED',
    );
    expect(await codeOf(extendPetition(deps, leader, petition.id, { days: 10, reason: '再次延期' }))).toBe('OK');
  });

  it('refuses an objection after 5 working days (第23条第3款)', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await triagePetition(deps, officer, petition.id, {});
    await assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id }); // Mon 03-02 → due 03-09
    ctx.clock.advance(8 * DAY); // 03-10
    expect(
      await codeOf(objectToPetition(deps, org.users['handler@teamA1']!, petition.id, { reason: '不属本队职权' })),
    ).toBe('OBJECTION_WINDOW_CLOSED');
  });

  it('executes only a supported request', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await triagePetition(deps, officer, petition.id, {});
    await acceptPetition(deps, officer, petition.id, {});
    await startInvestigation(deps, officer, petition.id);
    await draftReply(deps, officer, petition.id, {
      request: '补发',
      factsAndReasons: '无依据',
      opinion: '不予支持',
      legalBasis: '无',
      result: 'reject',
      outcomes: [{ kind: 'explained', measures: '已当面解释政策依据' }],
    });
    await issueReply(deps, org.users['chief@root']!, petition.id, { deliveryMethod: 'post' });
    expect(await codeOf(startExecution(deps, officer, petition.id))).toBe('PETITION_TRANSITION_ILLEGAL');
  });
});

describe('protection: scope, recusal and whistle-blower identity', () => {
  async function accusationNaming(userKey: string) {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(
      deps,
      officer,
      visit({
        type: 'accusation',
        purpose: 'report',
        title: '举报区队长克扣工资',
        namedPersons: [{ name: '被举报人', userId: org.users[userKey]!.id }],
      }),
    );
    await triagePetition(deps, officer, petition.id, {});
    await assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamA1.id });
    return petition.id;
  }

  it.each([
    ['officer@root', true, true],
    ['chief@root', true, true],
    ['officer@mineA', true, true],
    ['chief@mineA', true, true],
    ['unit_head@teamA1', false, false], // named: never sees it
    ['handler@teamA1', true, false], // handles it, but not who reported
    ['unit_head@crewA1', false, false],
    ['handler@deptHr', false, false],
    ['partner@deptHr', false, false],
    ['auditor@root', true, false],
    ['admin@root', false, false],
  ])('%s: reads %s, sees the reporter %s', async (who, reads, seesIdentity) => {
    const id = await accusationNaming('unit_head@teamA1');
    const actor = org.users[who]!;
    const view = await getPetition(deps, actor, id).catch(() => null);
    expect(view !== null).toBe(reads);
    if (view !== null) expect(view.petitioners !== null).toBe(seesIdentity);
    const list = await listPetitions(deps, actor, {});
    expect(list.items.some((p) => p.id === id)).toBe(reads);
    expect(list.total).toBe(reads ? 1 : 0);
  });

  it('cannot make a named person the handler or owner (回避)', async () => {
    // Naming the mine's chief sends the case around his mine to the group, whose office accepts it.
    const id = await accusationNaming('chief@mineA');
    expect(
      await codeOf(acceptPetition(deps, org.users['officer@root']!, id, { ownerId: org.users['chief@mineA']!.id })),
    ).toBe('ASSIGNEE_RECUSED');
  });

  it('hides the petition from a user who declares a conflict', async () => {
    const id = await accusationNaming('unit_head@teamA1');
    const handler = org.users['handler@teamA1']!;
    await declareConflict(deps, handler, id, { reason: '与举报人系亲属' });
    expect(await codeOf(getPetition(deps, handler, id))).toBe('NOT_FOUND');
    expect((await listPetitions(deps, handler, {})).total).toBe(0);
  });

  it('keeps another mine out', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await triagePetition(deps, officer, petition.id, {});
    await assignPetition(deps, officer, petition.id, { handlingUnitId: org.units.teamB1.id });
    expect(await codeOf(getPetition(deps, org.users['officer@mineA']!, petition.id))).toBe('NOT_FOUND');
    expect(await codeOf(signForPetition(deps, org.users['handler@teamA1']!, petition.id))).toBe('NOT_FOUND');
  });
});

describe('listPetitions', () => {
  it('filters and pages on the server, overdue included', async () => {
    const officer = org.users['officer@root']!;
    for (let i = 0; i < 5; i++) {
      await registerPetition(deps, officer, visit({ title: `事项${i}`, channel: i % 2 === 0 ? 'visit' : 'letter' }));
      ctx.clock.advance(DAY);
    }
    const page = await listPetitions(deps, officer, { pageSize: 2, page: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((p) => p.title)).toEqual(['事项2', '事项1']);
    expect((await listPetitions(deps, officer, { channel: 'letter' })).total).toBe(2);
    ctx.clock.advance(20 * DAY);
    // Every acceptance notice (15 days) is now late.
    expect((await listPetitions(deps, officer, { overdue: 'true' })).total).toBe(5);
    expect((await listPetitions(deps, officer, { receivedFrom: '2026-03-03', receivedTo: '2026-03-04' })).total).toBe(
      2,
    );
  });
});
