/**
 * 企地联调 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): twenty petitions about
 * subsidence in one village gathered into a matter (picked and by search), a meeting with minutes,
 * the agreement with two obligations as a document, fulfilment with evidence, and the matter closing
 * only when every obligation is met; the figures counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { registerPetition } from '../intake/index.ts';
import { getPetition } from '../petition/index.ts';
import { figureSources } from './mediation-figures.ts';
import {
  addPetitions,
  agreementDocument,
  closeMatterVerb,
  createMatter,
  fulfil,
  getMatter,
  listMatters,
  recordAgreement,
  recordMeeting,
} from './mediation.service.ts';

const world = serviceWorld();

async function subsidencePetitions(n: number, office = world.user('officer@mineA')) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const input = RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: `李家村采煤塌陷房屋开裂 第${i + 1}户`,
      body: `李家村第${i + 1}户房屋因采煤塌陷出现裂缝，请求鉴定补偿。`,
      petitioners: [{ name: `村民${i + 1}`, identity: 'villager' }],
    });
    ids.push((await registerPetition(world.deps, office, input)).petition.id);
  }
  return ids;
}

const agreement = {
  text: '甲方对李家村塌陷受损房屋进行鉴定并按标准补偿；乙方组织村民配合鉴定。',
  signedOn: '2026-03-02',
  obligations: [
    { party: 'enterprise' as const, description: '完成受损房屋鉴定并支付补偿款', dueOn: '2026-04-30' },
    { party: 'locality' as const, description: '组织村民配合鉴定并签收补偿', dueOn: '2026-05-15' },
  ],
};

describe('a joint mediation matter', () => {
  it('gathers twenty petitions, records a meeting and the agreement, and closes only when both obligations are met', async () => {
    const office = world.user('officer@mineA');
    const ids = await subsidencePetitions(20);
    const matter = await createMatter(world.deps, office, {
      title: '李家村采煤塌陷',
      topic: 'subsidence',
      locality: '东山镇李家村',
      petitionIds: ids.slice(0, 5),
    });
    expect(matter.petitions).toHaveLength(5);
    // The rest by the list's own search; the five already linked are not linked twice.
    const linked = await addPetitions(world.deps, office, matter.id, { search: '李家村' });
    expect(linked.petitions.map((p) => p.petitionId).sort()).toEqual([...ids].sort());
    expect(
      (await getPetition(world.deps, office, ids[0]!)).events.filter((e) => e.kind === 'joinMediation'),
    ).toHaveLength(1);
    await recordMeeting(world.deps, office, matter.id, {
      heldAt: '2026-03-01T02:00:00.000Z',
      place: '东山镇政府会议室',
      parties: '甲矿、东山镇政府、李家村村委会、村民代表',
      minutes: '各方同意先鉴定后补偿。',
    });
    await recordAgreement(world.deps, office, matter.id, agreement);
    const content = await agreementDocument(world.deps, office, matter.id);
    expect(content.title).toBe('调解协议书');
    expect(content.paragraphs.join('\n')).toContain('1. 企业：完成受损房屋鉴定并支付补偿款（履行期限：2026年4月30日）');
    expect(content.paragraphs.join('\n')).toContain('涉及信访事项 20 件');

    const open = await closeMatterVerb(world.deps, office, matter.id).catch((e: unknown) => e);
    expect(open).toMatchObject({
      code: 'MEDIATION_OBLIGATIONS_OPEN',
      details: { issues: [{ path: ['obligations'] }] },
    });
    const [first, second] = (await getMatter(world.deps, office, matter.id)).obligations;
    await fulfil(world.deps, office, matter.id, first!.id, { fulfilledOn: '2026-03-02', evidence: '补偿款转账凭证' });
    expect(
      await codeOf(fulfil(world.deps, office, matter.id, first!.id, { fulfilledOn: '2026-03-02', evidence: '再次' })),
    ).toBe('OBLIGATION_ALREADY_FULFILLED');
    expect(await codeOf(closeMatterVerb(world.deps, office, matter.id))).toBe('MEDIATION_OBLIGATIONS_OPEN');
    expect((await getMatter(world.deps, office, matter.id)).state).toBe('open');
    await fulfil(world.deps, office, matter.id, second!.id, { fulfilledOn: '2026-03-02', evidence: '村民签收单' });
    expect((await closeMatterVerb(world.deps, office, matter.id)).state).toBe('closed');
    expect(await codeOf(recordMeeting(world.deps, office, matter.id, { ...meeting }))).toBe('MEDIATION_CLOSED');
    const audit = await world.ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', matter.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'mediation.create',
      'mediation.link',
      'mediation.meeting',
      'mediation.agreement',
      'mediation.fulfil',
      'mediation.fulfil',
      'mediation.close',
    ]);
  });

  it('refuses closing without an agreement (agreement), a deadline before signing, a future meeting; nothing written', async () => {
    const office = world.user('officer@mineA');
    const matter = await createMatter(world.deps, office, {
      title: '道路损坏',
      topic: 'road',
      locality: '东山镇',
      petitionIds: [],
    });
    expect(await closeMatterVerb(world.deps, office, matter.id).catch((e: unknown) => e)).toMatchObject({
      code: 'MEDIATION_OBLIGATIONS_OPEN',
      details: { issues: [{ path: ['agreement'] }] },
    });
    const early = { ...agreement, obligations: [{ ...agreement.obligations[0]!, dueOn: '2026-03-01' }] };
    expect(await recordAgreement(world.deps, office, matter.id, early).catch((e: unknown) => e)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['obligations', 0, 'dueOn'] }] },
    });
    expect(
      await recordMeeting(world.deps, office, matter.id, { ...meeting, heldAt: '2026-03-09T00:00:00.000Z' }).catch(
        (e: unknown) => e,
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['heldAt'] }] } });
    expect(await world.ctx.deps.db.selectFrom('mediation_obligation').selectAll().execute()).toEqual([]);
    expect(await world.ctx.deps.db.selectFrom('mediation_meeting').selectAll().execute()).toEqual([]);
  });

  it('keeps the matter to the office of its units: another mine, a partner and a handler get NOT_FOUND or FORBIDDEN', async () => {
    const matter = await createMatter(world.deps, world.user('officer@mineA'), {
      title: '污染',
      topic: 'pollution',
      locality: '西河村',
      petitionIds: [],
    });
    expect(await codeOf(getMatter(world.deps, world.user('partner@deptHr'), matter.id))).toBe('NOT_FOUND');
    expect(await codeOf(listMatters(world.deps, world.user('handler@teamA1')))).toBe('FORBIDDEN');
    // A petition the actor cannot read is refused naming it, as if it did not exist.
    const ids = await subsidencePetitions(1, world.user('officer@root'));
    const other = await createMatter(world.deps, world.user('officer@root'), {
      title: '集团事项',
      topic: 'land',
      locality: '北村',
      petitionIds: [],
    });
    expect(await codeOf(getMatter(world.deps, world.user('officer@mineA'), other.id))).toBe('NOT_FOUND');
    expect(
      await addPetitions(world.deps, world.user('officer@mineA'), matter.id, { petitionIds: ids }).catch(
        (e: unknown) => e,
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['petitionIds', 0] }] } });
  });
});

const meeting = {
  heldAt: '2026-03-01T02:00:00.000Z',
  place: '会议室',
  parties: '各方代表',
  minutes: '纪要内容',
};

describe('mediation figures', () => {
  it('counts agreements signed and obligations met on time in the period, per subtree', async () => {
    const office = world.user('officer@mineA');
    const make = async (title: string) =>
      (await createMatter(world.deps, office, { title, topic: 'subsidence', locality: '李家村', petitionIds: [] })).id;
    const a = await make('甲');
    const b = await make('乙');
    await recordAgreement(world.deps, office, a, {
      ...agreement,
      signedOn: '2026-03-01',
      obligations: [
        { party: 'enterprise', description: '按期', dueOn: '2026-03-01' },
        { party: 'locality', description: '逾期', dueOn: '2026-03-01' },
      ],
    });
    await recordAgreement(world.deps, office, b, {
      ...agreement,
      signedOn: '2026-02-27',
      obligations: [
        { party: 'enterprise', description: '未到期未履行', dueOn: '2026-03-20' },
        { party: 'locality', description: '提前履行', dueOn: '2026-03-25' },
      ],
    });
    const [onTime, late] = (await getMatter(world.deps, office, a)).obligations;
    await fulfil(world.deps, office, a, onTime!.id, { fulfilledOn: '2026-03-01', evidence: '凭证' });
    await fulfil(world.deps, office, a, late!.id, { fulfilledOn: '2026-03-02', evidence: '凭证' });
    const early = (await getMatter(world.deps, office, b)).obligations[1]!;
    await fulfil(world.deps, office, b, early.id, { fulfilledOn: '2026-03-02', evidence: '凭证' });
    const units = [world.org.units.root, world.org.units.mineA, world.org.units.mineB];
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const mediated = await figureSources
      .find((s) => s.key === 'partner.mattersMediated')!
      .compute(world.deps, units, period);
    // Signed in March: only matter 甲 (乙 was signed in February).
    expect(mediated.get(world.org.units.mineA.id)).toEqual({ value: 1, of: null });
    expect(mediated.get(world.org.units.mineB.id)).toEqual({ value: 0, of: null });
    const rate = await figureSources
      .find((s) => s.key === 'partner.agreementsOnTime')!
      .compute(world.deps, units, period);
    // Due by today (03-02) or met: 按期 (met on time), 逾期 (late), 提前履行 (met early); 未到期 not counted.
    expect(rate.get(world.org.units.root.id)).toEqual({ value: 2, of: 3 });
    expect(rate.get(world.org.units.mineB.id)).toEqual({ value: 0, of: 0 });
  });
});
