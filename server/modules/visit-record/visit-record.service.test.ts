/**
 * 来访登记 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a group visit as a new
 * case with its transcript signed on the tablet, a visit on an open case, the transcript amended and
 * confirmed on paper, the ≤ 5 representatives rule (第20条), dates, scope and the identity rule.
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import { VisitRecordInputSchema, type VisitRecordInput } from '../../../common/schemas/visit-record.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { storedFileKeys, type Org, type TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { listAttachments, openAttachment } from '../attachment/attachment.service.ts';
import { registerPetition } from '../intake/index.ts';
import { assignPetition, declinePetition, getPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';
import {
  amendTranscript,
  confirmTranscript,
  getVisit,
  listVisitsOfPetition,
  recordVisit,
} from './visit-record.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
// The office of another mine (乙矿), for the scope tests.
serviceWorld({ people: [['officer', 'mineB']] }, (world) => ({ ctx, org, deps } = world));

/** A 1×1 PNG: what the tablet's canvas sends, in miniature. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ARRIVED = '2026-03-02T00:20:00.000Z'; // 08:20 local, 40 minutes before the test clock

function petition(overrides: Partial<RegisterPetitionInput> = {}): RegisterPetitionInput {
  return {
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title: '综采一队集体反映夜班津贴未发',
    body: '综采一队三十名职工反映，2026年1月起夜班津贴停发，请求补发并说明原因。',
    petitioners: [
      { name: '王大山', phone: '13812345678', identity: 'employee', isRepresentative: true },
      { name: '李铁军', identity: 'employee', isRepresentative: true },
      { name: '赵红梅', identity: 'employee', isRepresentative: true },
    ],
    headcount: 3,
    ...overrides,
  };
}

function visit(overrides: Partial<VisitRecordInput> = {}) {
  return VisitRecordInputSchema.parse({
    petition: petition(),
    arrivedAt: ARRIVED,
    headcount: 30,
    companions: [{ name: '孙工会', relation: '工会小组长' }],
    transcript: '问：反映什么问题？答：一月起夜班津贴停发，队里没有说明原因，请求补发。以上属实。',
    materials: [{ name: '工资条复印件', copies: 3 }],
    ...overrides,
  });
}

describe('recordVisit: a walk-in visit as a new case', () => {
  it('registers a group visit (集体访) as 来访 with its transcript signed on the tablet, in one transaction', async () => {
    const officer = org.users['officer@mineA']!;
    const { visit: recorded, receipt } = await recordVisit(deps, officer, visit({ signaturePng: PNG }));
    expect(receipt).toMatchObject({ caseNumber: 'XF2026-000001', readable: true, receivedAt: ARRIVED });
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    const view = await getPetition(deps, officer, receipt.petitionId);
    // 30 people ≥ the group threshold (5): 集体访; received at the arrival, through the 来访 channel.
    expect(view).toMatchObject({ channel: 'visit', receivedAt: ARRIVED, headcount: 30, flags: { group: true } });
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'recordVisit', 'confirmTranscript']);
    expect(view.events.slice(1).every((e) => e.internal)).toBe(true);

    expect(recorded).toMatchObject({
      headcount: 30,
      petitioners: [
        { name: '王大山', isRepresentative: true },
        { name: '李铁军', isRepresentative: true },
        { name: '赵红梅', isRepresentative: true },
      ],
      companions: [{ name: '孙工会', relation: '工会小组长', isRepresentative: false }],
      materials: [{ name: '工资条复印件', copies: 3, original: false }],
      receivedByName: 'officer.minea',
      canConfirm: false,
      confirmation: { method: 'signature' },
    });
    // The signature is a PNG attachment of the case, an identity document; the transcript's hash is kept.
    const attachments = await listAttachments(deps, officer, receipt.petitionId);
    expect(attachments.items).toEqual([
      expect.objectContaining({
        contentType: 'image/png',
        identityDocument: true,
        fileName: '来访笔录签名-XF2026-000001.png',
      }),
    ]);
    expect(recorded.confirmation?.signatureAttachmentId).toBe(attachments.items[0]?.id);
    const opened = await openAttachment(deps, officer, receipt.petitionId, attachments.items[0]?.id ?? '');
    expect(opened.data.equals(Buffer.from(PNG, 'base64'))).toBe(true);
    expect(recorded.confirmation?.transcriptSha256).toMatch(/^[0-9a-f]{64}$/);

    const actions = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_id', '=', receipt.petitionId)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'petition.register',
      'petition.recordVisit',
      'petition.confirmTranscript',
    ]);
    // The audit rows name the visit, never what was said or who came.
    expect(actions.map((a) => a.after_json).join()).not.toMatch(/孙工会|夜班津贴/);
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true });
  });

  it('refuses more than five representatives over the petitioners and the companions together (第20条)', () => {
    const parsed = VisitRecordInputSchema.safeParse({
      petition: petition(),
      arrivedAt: ARRIVED,
      headcount: 40,
      companions: [
        { name: '甲', isRepresentative: true },
        { name: '乙', isRepresentative: true },
        { name: '丙', isRepresentative: true },
      ],
      transcript: '问：反映什么？答：夜班津贴。',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(
      expect.objectContaining({ path: ['companions'], message: expect.stringContaining('第20条') as unknown }),
    );
    // The same rule, the one of registration, for the petitioners alone.
    const six = Array.from({ length: 6 }, (_, i) => ({
      name: `代表${i}`,
      identity: 'employee',
      isRepresentative: true,
    }));
    const alone = VisitRecordInputSchema.safeParse({
      petition: petition({ petitioners: six as RegisterPetitionInput['petitioners'], headcount: 6 }),
      arrivedAt: ARRIVED,
      headcount: 40,
      transcript: '问：反映什么？答：夜班津贴。',
    });
    expect(alone.error?.issues.map((i) => i.path)).toContainEqual(['petition', 'petitioners']);
    // Five are allowed.
    const five = VisitRecordInputSchema.safeParse({
      petition: petition(),
      arrivedAt: ARRIVED,
      headcount: 40,
      companions: [
        { name: '甲', isRepresentative: true },
        { name: '乙', isRepresentative: true },
      ],
      transcript: '问：反映什么？答：夜班津贴。',
    });
    expect(five.success).toBe(true);
  });

  it('refuses an arrival in the future and a departure before the arrival, naming the field, writing nothing', async () => {
    const officer = org.users['officer@mineA']!;
    const future = await recordVisit(deps, officer, visit({ arrivedAt: '2026-03-02T03:00:00.000Z' })).catch(
      (e: unknown) => e,
    );
    expect(future).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['arrivedAt'] }] } });
    const backwards = await recordVisit(
      deps,
      officer,
      visit({ leftAt: '2026-03-02T00:10:00.000Z', signaturePng: PNG }),
    ).catch((e: unknown) => e);
    expect(backwards).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['leftAt'] }] } });
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(0);
    expect(await ctx.deps.db.selectFrom('visit_record').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a signature that is not a PNG, naming the field, and leaves no file behind', async () => {
    const officer = org.users['officer@mineA']!;
    const notPng = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    const refused = await recordVisit(deps, officer, visit({ signaturePng: notPng })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['signaturePng'] }] } });
    // A later failure (an unknown receiving person) removes the stored signature again.
    const unknown = await codeOf(recordVisit(deps, officer, visit({ signaturePng: PNG, receivedById: 'nobody' })));
    expect(unknown).toBe('VALIDATION_FAILED');
    expect(await storedFileKeys(ctx)).toEqual([]);
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(0);
  });

  it('names the leader who received the visitors (接待人) when another person of the unit did', async () => {
    const { visit: recorded } = await recordVisit(
      deps,
      org.users['officer@mineA']!,
      visit({ receivedById: org.users['chief@mineA']!.id }),
    );
    expect(recorded).toMatchObject({ receivedByName: 'chief.minea', recordedByName: 'officer.minea' });
    // A person of another mine cannot be named.
    expect(
      await codeOf(
        recordVisit(deps, org.users['officer@mineA']!, visit({ receivedById: org.users['officer@root']!.id })),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});

describe('recordVisit: the same person’s open case', () => {
  it('records the visit on the case through the engine; the receipt carries no new tracking code', async () => {
    const officer = org.users['officer@mineA']!;
    const { petition: first } = await registerPetition(deps, officer, RegisterPetitionInputSchema.parse(petition()));
    ctx.clock.advance(3_600_000);
    const { visit: recorded, receipt } = await recordVisit(
      deps,
      officer,
      visit({ petition: undefined, petitionId: first.id, arrivedAt: '2026-03-02T01:30:00.000Z', headcount: 2 }),
    );
    expect(receipt).toMatchObject({ petitionId: first.id, caseNumber: first.caseNumber, trackingCode: null });
    expect(recorded.confirmation).toBeNull();
    const view = await getPetition(deps, officer, first.id);
    expect(view.version).toBe(2);
    expect(view.events.map((e) => e.kind)).toEqual(['register', 'recordVisit']);
    expect(await ctx.deps.db.selectFrom('petition').selectAll().execute()).toHaveLength(1);
    expect((await listVisitsOfPetition(deps, officer, first.id)).items).toHaveLength(1);
  });

  it('refuses a closed case, naming the field, and a visit before the case was received', async () => {
    const officer = org.users['officer@mineA']!;
    const { petition: first } = await registerPetition(deps, officer, RegisterPetitionInputSchema.parse(petition()));
    const early = await recordVisit(
      deps,
      officer,
      visit({ petition: undefined, petitionId: first.id, arrivedAt: '2026-03-01T01:00:00.000Z' }),
    ).catch((e: unknown) => e);
    expect(early).toMatchObject({
      details: { issues: [{ path: ['arrivedAt'], message: 'must not be before the step it follows' }] },
    });
    await triagePetition(deps, officer, first.id, {});
    await declinePetition(deps, officer, first.id, { reason: '不属于本单位职责范围' });
    const closed = await recordVisit(deps, officer, visit({ petition: undefined, petitionId: first.id })).catch(
      (e: unknown) => e,
    );
    expect(closed).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['petitionId'] }] } });
  });

  it('does not let an office of another mine record a visit on a case it cannot see', async () => {
    const { petition: first } = await registerPetition(
      deps,
      org.users['officer@mineA']!,
      RegisterPetitionInputSchema.parse(petition()),
    );
    expect(
      await codeOf(
        recordVisit(deps, org.users['officer@mineB']!, visit({ petition: undefined, petitionId: first.id })),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('the transcript (笔录)', () => {
  it('is amended while pending, confirmed on paper (签字确认), and never changes afterwards', async () => {
    const officer = org.users['officer@mineA']!;
    const { visit: recorded } = await recordVisit(deps, officer, visit());
    expect(recorded.canConfirm).toBe(true);
    const amended = await amendTranscript(deps, officer, recorded.id, {
      transcript: '问：反映什么问题？答：一月起夜班津贴停发（每月约六百元），请求补发。以上属实。',
    });
    expect(amended.transcript).toContain('六百元');
    const confirmed = await confirmTranscript(deps, officer, recorded.id, { method: 'printed' });
    expect(confirmed).toMatchObject({
      canConfirm: false,
      confirmation: { method: 'printed', signatureAttachmentId: null },
    });
    expect(await codeOf(amendTranscript(deps, officer, recorded.id, { transcript: '改动后的笔录内容' }))).toBe(
      'TRANSCRIPT_ALREADY_CONFIRMED',
    );
    expect(
      await codeOf(confirmTranscript(deps, officer, recorded.id, { method: 'signature', signaturePng: PNG })),
    ).toBe('TRANSCRIPT_ALREADY_CONFIRMED');
    const events = (await getPetition(deps, officer, recorded.petitionId)).events.map((e) => e.kind);
    expect(events).toEqual(['register', 'recordVisit', 'amendTranscript', 'confirmTranscript']);
    // No file was left by the refused signature.
    expect((await listAttachments(deps, officer, recorded.petitionId)).items).toEqual([]);
  });
});

describe('who sees a visit', () => {
  it('an officer of another mine cannot read it, list it or confirm it', async () => {
    const { visit: recorded } = await recordVisit(deps, org.users['officer@mineA']!, visit());
    const other = org.users['officer@mineB']!;
    expect(await codeOf(getVisit(deps, other, recorded.id))).toBe('NOT_FOUND');
    expect(await codeOf(listVisitsOfPetition(deps, other, recorded.petitionId))).toBe('NOT_FOUND');
    expect(await codeOf(confirmTranscript(deps, other, recorded.id, { method: 'printed' }))).toBe('NOT_FOUND');
    // The group's office above reads it.
    expect((await getVisit(deps, org.users['officer@root']!, recorded.id)).transcript).toContain('夜班津贴');
  });

  it('hides who came and what they said from the handler of an accusation (第30条)', async () => {
    const officer = org.users['officer@mineA']!;
    const { visit: recorded } = await recordVisit(
      deps,
      officer,
      visit({ petition: petition({ type: 'accusation', purpose: 'report' }), signaturePng: PNG }),
    );
    await triagePetition(deps, officer, recorded.petitionId, {});
    await assignPetition(deps, officer, recorded.petitionId, { handlingUnitId: org.units.teamA1.id });
    const handler = org.users['handler@teamA1']!;
    const seen = await getVisit(deps, handler, recorded.id);
    expect(seen).toMatchObject({
      transcript: null,
      petitioners: null,
      companions: null,
      confirmation: { signatureAttachmentId: null },
    });
    expect(seen.headcount).toBe(30);
    expect(seen.canConfirm).toBe(false);
  });

  it('a 班组长 records a worker’s visit at his crew: a receipt, the office told, his own record readable', async () => {
    const head = org.users['unit_head@crewA1']!;
    const { visit: recorded, receipt } = await recordVisit(
      deps,
      head,
      visit({
        headcount: 1,
        companions: [],
        petition: petition({ petitioners: [{ name: '周小平', identity: 'employee' }], headcount: 1 }),
      }),
    );
    // The case is the office's to route: the head gets the receipt, not the case.
    expect(receipt).toMatchObject({ readable: false, caseNumber: 'XF2026-000001' });
    expect(await codeOf(getPetition(deps, head, receipt.petitionId))).toBe('NOT_FOUND');
    expect((await getVisit(deps, head, recorded.id)).transcript).toContain('夜班津贴');
    // His district team's head does not read it; the mine's office does, and was told.
    expect(await codeOf(getVisit(deps, org.users['unit_head@teamA1']!, recorded.id))).toBe('NOT_FOUND');
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'case_registered_below')
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual(
      [org.users['chief@mineA']!.id, org.users['deputy@mineA']!.id, org.users['officer@mineA']!.id].sort(),
    );
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('registered_unit_id')
      .where('id', '=', receipt.petitionId)
      .executeTakeFirstOrThrow();
    expect(row.registered_unit_id).toBe(org.units.crewA1.id);
  });

  it('a person named in the case does not see its visits (回避, 第28条)', async () => {
    const officer = org.users['officer@mineA']!;
    // The mine's deputy reads the mine's cases — except one that names him. (An office confirms only
    // accounts in its own subtree, so the mine names one of its own.)
    const named = org.users['deputy@mineA']!;
    const { visit: recorded } = await recordVisit(
      deps,
      officer,
      visit({ petition: petition({ namedPersons: [{ name: 'deputy.minea', userId: named.id }] }) }),
    );
    expect(await codeOf(getVisit(deps, named, recorded.id))).toBe('NOT_FOUND');
    expect(await codeOf(listVisitsOfPetition(deps, named, recorded.petitionId))).toBe('NOT_FOUND');
  });
});
