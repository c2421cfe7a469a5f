/**
 * The five rules of issue #14 that were computed but not enforced, each driven through the verbs an
 * office uses, on the database (SQLite here, PostgreSQL with TEST_DATABASE_URL):
 *  1. the 复核 goes to the level above the body that issued the 复查 (第36条);
 *  2. the 15-day notice and the extension notice count only once the document went out (第23条, 第34条);
 *  3. dates the law counts from lie between the step they follow and now;
 *  4. accepting straight from "assigned" closes the objection window (第23条第3款);
 *  5. hearing days pause only the 复核 opinion's 30 days (第36条).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema, type PetitionDetailView } from '../../../common/schemas/petition.ts';
import { PortalFilingInputSchema, PortalReviewInputSchema } from '../../../common/schemas/portal.ts';
import { sendNotice } from '../../test/notices.ts';
import { codeOf } from '../../test/outcome.ts';
import { TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { createUser } from '../user/user.service.ts';
import { generateDocument, recordDelivery } from '../document/document.service.ts';
import { registerPetition } from '../intake/index.ts';
import * as svc from './index.ts';
import { listPetitions } from '../ledger/index.ts';

let ctx: TestContext;
let org: Org;
let deps: svc.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const user = (key: string): Actor => org.users[key] as Actor;
const dueOf = (view: PetitionDetailView, kind: string) => view.deadlines.find((d) => d.kind === kind);

const REPLY = {
  request: '补发加班工资',
  factsAndReasons: '经核实，加班记录属实。',
  opinion: '责成承办单位补发。',
  legalBasis: '《工资支付暂行规定》第十三条',
  result: 'reject' as const,
  outcomes: [{ kind: 'explained' as const, measures: '已向信访人解释' }],
};

async function registered(): Promise<string> {
  const { petition } = await registerPetition(
    deps,
    user('officer@root'),
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      title: '综采一队拖欠加班工资',
      body: '2026年1月至2月加班工资未发放，请求尽快补发。',
      petitioners: [{ name: '王大山', identity: 'employee' }],
    }),
  );
  return petition.id;
}

/** A deputy of the group: a leader who took no part in the case. */
async function aGroupDeputy(): Promise<Actor> {
  const view = await createUser(ctx.deps, org.admin, {
    username: 'deputy.root',
    displayName: '集团副总',
    role: 'deputy',
    unitId: org.units.root.id,
    password: TEST_PASSWORD,
  });
  return { id: view.id, role: 'deputy', unitId: org.units.root.id, unitPath: org.units.root.path };
}

/**
 * Registered by the group, assigned to `unit`, accepted by the body it was handed to (mine A for
 * its team, the group for its department, 第23条), replied and concluded.
 */
async function concluded(unit: 'teamA1' | 'mineA' | 'deptHr'): Promise<string> {
  const id = await registered();
  const office = user('officer@root');
  await svc.triagePetition(deps, office, id, {});
  await svc.assignPetition(deps, office, id, { handlingUnitId: org.units[unit].id });
  await svc.acceptPetition(deps, unit === 'deptHr' ? office : user('officer@mineA'), id, {});
  await svc.startInvestigation(deps, office, id);
  await svc.draftReply(deps, office, id, REPLY);
  await svc.issueReply(deps, user('chief@root'), id, { deliveryMethod: 'in_person' });
  await svc.concludePetition(deps, office, id, {});
  return id;
}

describe('rule 1: the 复核 goes to the level above the body that issued the 复查 (第36条)', () => {
  it('never lets one person decide both, and at the top only leaders decide', async () => {
    // A department of the group handled it: the group is the handling body, so it reviews itself.
    const id = await concluded('deptHr');
    const deputy = await createUser(ctx.deps, org.admin, {
      username: 'deputy.root',
      displayName: '集团副总',
      role: 'deputy',
      unitId: org.units.root.id,
      password: TEST_PASSWORD,
    });
    const groupDeputy: Actor = {
      id: deputy.id,
      role: 'deputy',
      unitId: org.units.root.id,
      unitPath: org.units.root.path,
    };
    const opinion = { opinion: '维持', result: 'reject', deliveryMethod: 'in_person' } as const;
    await svc.requestReview(deps, user('officer@root'), id, { reason: '对处理意见不服' });
    // The officers worked the case: only a leader reviews it at the top — and not the one who signed.
    expect(await codeOf(svc.issueReviewOpinion(deps, user('officer@root'), id, opinion))).toBe('FORBIDDEN');
    expect(await codeOf(svc.issueReviewOpinion(deps, user('chief@root'), id, opinion))).toBe('FORBIDDEN');
    await svc.issueReviewOpinion(deps, groupDeputy, id, opinion);
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select(['state', 'review_unit_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'reviewed', review_unit_id: org.units.root.id });
    await svc.requestReconsideration(deps, user('officer@root'), id, { reason: '仍不服' });
    // The deputy decided the 复查 and the chief signed the reply: nobody is left in the tree who took
    // no part — the 复核 is not offered to either, and waits for a leader who did not.
    for (const who of [groupDeputy, user('chief@root'), user('officer@root')]) {
      expect((await svc.getPetition(deps, who, id)).actions).not.toContain('issueReconsiderationOpinion');
      expect(await codeOf(svc.issueReconsiderationOpinion(deps, who, id, opinion))).toBe('FORBIDDEN');
    }
  });

  it('lets only a leader of the top of the tree reconsider what the top reviewed, never the officer', async () => {
    const id = await concluded('mineA');
    await svc.requestReview(deps, user('officer@root'), id, { reason: '对处理意见不服' });
    await svc.issueReviewOpinion(deps, user('officer@root'), id, {
      opinion: '维持',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    await svc.requestReconsideration(deps, user('officer@root'), id, { reason: '仍不服' });
    // The officer decided the 复查, the chief signed the reply: a leader who took no part decides.
    for (const key of ['officer@root', 'chief@root', 'officer@mineA', 'chief@mineA']) {
      expect(
        await codeOf(
          svc.issueReconsiderationOpinion(deps, user(key), id, {
            opinion: '维持',
            result: 'reject',
            deliveryMethod: 'in_person',
          }),
        ),
      ).toBe('FORBIDDEN');
    }
    const final = await svc.issueReconsiderationOpinion(deps, await aGroupDeputy(), id, {
      opinion: '维持',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    expect(final.state).toBe('final');
  });
});

describe('rule 2: a written notice counts once it exists and went out (第23条, 第34条)', () => {
  it('keeps the 15-day notice open after 受理 until the notice is delivered, saying what is missing', async () => {
    const id = await registered();
    const office = user('officer@root');
    await svc.triagePetition(deps, office, id, {});
    const accepted = await svc.acceptPetition(deps, office, id, {});
    expect(dueOf(accepted, 'acceptance_notice')).toMatchObject({ status: 'open', metAt: null });
    expect(accepted.owedNotices).toEqual([
      expect.objectContaining({ kind: 'acceptance_notice', step: 'accept', missing: 'document' }),
    ]);

    ctx.clock.advance(2 * DAY);
    const document = await generateDocument(deps, office, id, 'acceptance_notice');
    const generated = await svc.getPetition(deps, office, id);
    expect(generated.owedNotices).toEqual([expect.objectContaining({ missing: 'delivery' })]);
    expect(dueOf(generated, 'acceptance_notice')?.status).toBe('open');

    // Posted with a tracking number: sent counts as told (the receipt may follow).
    await recordDelivery(deps, office, document.id, { method: 'post', trackingNumber: 'EMS1234567890' });
    const told = await svc.getPetition(deps, office, id);
    expect(told.owedNotices).toEqual([]);
    expect(dueOf(told, 'acceptance_notice')).toMatchObject({ status: 'met', metAt: '2026-03-04T01:00:00.000Z' });
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('acceptance_status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.acceptance_status).toBe('met');
  });

  it('reads the 15-day notice as overdue when only the decision was recorded', async () => {
    const id = await registered();
    await svc.triagePetition(deps, user('officer@root'), id, {});
    await svc.declinePetition(deps, user('officer@root'), id, { reason: '不属于信访事项' });
    ctx.clock.advance(20 * DAY);
    const late = await listPetitions(deps, user('officer@root'), { acceptance: 'overdue' });
    expect(late.items.map((p) => p.id)).toEqual([id]);
  });

  it('tracks the extension notice: the petitioner is told the reason before the limit it extends runs out', async () => {
    const id = await registered();
    const office = user('officer@root');
    await svc.triagePetition(deps, office, id, {});
    await svc.acceptPetition(deps, office, id, {});
    await sendNotice(deps, office, id, 'acceptance_notice');
    await svc.startInvestigation(deps, office, id);
    const extended = await svc.extendPetition(deps, user('chief@root'), id, { days: 10, reason: '需调取外单位账目' });
    // Accepted Mon 03-02: 60 days → Fri 05-01 (劳动节 not loaded: a working day); the extension to 05-11.
    expect(dueOf(extended, 'conclusion')?.dueDate).toBe('2026-05-11');
    expect(dueOf(extended, 'extension_notice')).toMatchObject({ dueDate: '2026-05-01', status: 'open' });
    expect(extended.owedNotices).toEqual([expect.objectContaining({ kind: 'extension_notice', missing: 'document' })]);

    await sendNotice(deps, office, id, 'extension_notice');
    const told = await svc.getPetition(deps, office, id);
    expect(told.owedNotices).toEqual([]);
    expect(dueOf(told, 'extension_notice')?.status).toBe('met');
  });

  it('owes no notice to an anonymous petitioner, who has no address (第23条)', async () => {
    const { petition } = await registerPetition(
      deps,
      user('officer@root'),
      RegisterPetitionInputSchema.parse({
        channel: 'mailbox',
        type: 'appeal',
        purpose: 'request',
        title: '食堂饭菜涨价',
        body: '矿食堂饭菜涨价，班中餐补贴没有提高。',
        anonymous: true,
      }),
    );
    await svc.triagePetition(deps, user('officer@root'), petition.id, {});
    const accepted = await svc.acceptPetition(deps, user('officer@root'), petition.id, {});
    expect(accepted.owedNotices).toEqual([]);
    expect(dueOf(accepted, 'acceptance_notice')?.status).toBe('met');
  });
});

describe('rule 3: dates the law counts from lie between the step they follow and now', () => {
  it('refuses future, ancient and out-of-order dates on every path, naming the field', async () => {
    const office = user('officer@root');
    const field = async (promise: Promise<unknown>) =>
      promise.then(
        () => 'OK',
        (e: unknown) => {
          const issues = (e as { details?: { issues?: { path: unknown[] }[] } }).details?.issues ?? [];
          return `${(e as { code?: string }).code ?? 'unexpected'}:${issues.map((i) => i.path.join('.')).join(',')}`;
        },
      );
    const letter = (receivedAt: string) =>
      RegisterPetitionInputSchema.parse({
        channel: 'letter',
        type: 'appeal',
        purpose: 'request',
        title: '日期测试',
        body: '检查法定起算日期。',
        petitioners: [{ name: '王大山', identity: 'employee' }],
        receivedAt,
      });
    expect(await field(registerPetition(deps, office, letter('2027-02-01T00:00:00+08:00')))).toBe(
      'VALIDATION_FAILED:receivedAt',
    );
    expect(await field(registerPetition(deps, office, letter('0001-01-01T00:00:00Z')))).toBe(
      'VALIDATION_FAILED:receivedAt',
    );

    const id = await registered();
    await svc.triagePetition(deps, office, id, {});
    await svc.acceptPetition(deps, office, id, {});
    await svc.startInvestigation(deps, office, id);
    await svc.draftReply(deps, office, id, REPLY);
    const chief = user('chief@root');
    expect(
      await field(
        svc.issueReply(deps, chief, id, { deliveryMethod: 'in_person', deliveredAt: '2027-02-01T00:00:00Z' }),
      ),
    ).toBe('VALIDATION_FAILED:deliveredAt');
    expect(
      await field(
        svc.issueReply(deps, chief, id, { deliveryMethod: 'in_person', deliveredAt: '0001-01-01T00:00:00Z' }),
      ),
    ).toBe('VALIDATION_FAILED:deliveredAt');
    ctx.clock.advance(DAY);
    await svc.issueReply(deps, chief, id, { deliveryMethod: 'in_person' });
    // A request before the reply it contests, or in the future.
    expect(
      await field(svc.requestReview(deps, office, id, { reason: '不服', requestedAt: '2026-03-01T00:00:00Z' })),
    ).toBe('VALIDATION_FAILED:requestedAt');
    expect(
      await field(svc.requestReview(deps, office, id, { reason: '不服', requestedAt: '2026-12-01T00:00:00Z' })),
    ).toBe('VALIDATION_FAILED:requestedAt');
    // A document's delivery: not before it existed, not in the future.
    const notice = await generateDocument(deps, office, id, 'acceptance_notice');
    for (const deliveredAt of ['0001-01-01T00:00:00Z', '2026-03-01T00:00:00Z', '2027-02-01T00:00:00Z']) {
      expect(await field(recordDelivery(deps, office, notice.id, { method: 'in_person', deliveredAt }))).toBe(
        'VALIDATION_FAILED:deliveredAt',
      );
    }
    // A browser clock a minute fast is not a future date.
    const skewed = new Date(ctx.clock.now().getTime() + 60_000).toISOString();
    expect(await field(recordDelivery(deps, office, notice.id, { method: 'in_person', deliveredAt: skewed }))).toBe(
      'OK',
    );
  });

  it('takes no date from the portal: a filing and a review request carry the server’s time', () => {
    // The petitioner cannot back-date or post-date what starts a clock; the strict schemas refuse the field.
    const filing = {
      anonymous: true,
      matter: 'appeal',
      body: '请求尽快补发拖欠的加班工资。',
      challenge: 'c',
      nonce: 'n',
    };
    expect(PortalFilingInputSchema.safeParse(filing).success).toBe(true);
    expect(PortalFilingInputSchema.safeParse({ ...filing, receivedAt: '0001-01-01T00:00:00Z' }).success).toBe(false);
    const review = { caseNumber: 'XF2026-000001', code: 'ABCD-EFGH-JKMN-PQRS', reason: '对处理意见不服' };
    expect(PortalReviewInputSchema.safeParse(review).success).toBe(true);
    expect(PortalReviewInputSchema.safeParse({ ...review, requestedAt: '2027-02-01T00:00:00Z' }).success).toBe(false);
  });
});

describe('rule 4: accepting straight from "assigned" closes the objection window (第23条第3款)', () => {
  it('reads the objection as met, not overdue, and leaves it off the overdue list', async () => {
    const id = await registered();
    const office = user('officer@root');
    await svc.triagePetition(deps, office, id, {});
    await svc.assignPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id });
    const accepted = await svc.acceptPetition(deps, user('officer@mineA'), id, {});
    expect(dueOf(accepted, 'objection')).toMatchObject({ status: 'met' });
    await sendNotice(deps, office, id, 'acceptance_notice');
    ctx.clock.advance(14 * DAY);
    const later = await svc.getPetition(deps, office, id);
    expect(dueOf(later, 'objection')?.status).toBe('met');
    expect(later.dueKind).not.toBe('objection');
    const overdue = await listPetitions(deps, office, { overdue: 'true' });
    expect(overdue.items.map((p) => p.id)).not.toContain(id);
    // Nobody can object any more.
    expect(await codeOf(svc.objectToPetition(deps, user('handler@teamA1'), id, { reason: '不属本队职权' }))).toBe(
      'PETITION_TRANSITION_ILLEGAL',
    );
  });
});

describe('rule 5: hearing days pause only the 复核 opinion (第36条)', () => {
  it('leaves the 60 days of 第34条 running through a hearing, and stops the 复核 opinion’s 30', async () => {
    const id = await registered();
    const office = user('officer@root');
    await svc.triagePetition(deps, office, id, {});
    await svc.assignPetition(deps, office, id, { handlingUnitId: org.units.teamA1.id });
    await svc.acceptPetition(deps, user('officer@mineA'), id, {});
    await svc.startInvestigation(deps, office, id);
    ctx.clock.advance(DAY);
    await svc.startHearing(deps, office, id);
    ctx.clock.advance(2 * DAY);
    const heard = await svc.endHearing(deps, office, id);
    // Accepted Mon 03-02: 60 days → Fri 05-01, with no day added for the hearing.
    expect(dueOf(heard, 'conclusion')).toMatchObject({ dueDate: '2026-05-01', pausedDays: 0 });

    await svc.draftReply(deps, office, id, REPLY);
    await svc.issueReply(deps, user('chief@root'), id, { deliveryMethod: 'in_person' });
    await svc.requestReview(deps, office, id, { reason: '不服' });
    await svc.issueReviewOpinion(deps, office, id, {
      opinion: '维持',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    await svc.requestReconsideration(deps, office, id, { reason: '仍不服' });
    const requested = await svc.getPetition(deps, office, id);
    const before = dueOf(requested, 'reconsideration_opinion');
    expect(before?.pausedDays).toBe(0);
    ctx.clock.advance(DAY);
    await svc.startHearing(deps, office, id);
    ctx.clock.advance(DAY);
    const after = await svc.endHearing(deps, office, id);
    // Two local days touched by the 复核 hearing do not count.
    expect(dueOf(after, 'reconsideration_opinion')?.pausedDays).toBe(2);
    expect(dueOf(after, 'conclusion')?.pausedDays).toBe(0);
  });
});
