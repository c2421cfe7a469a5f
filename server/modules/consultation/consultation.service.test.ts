/**
 * 征求意见 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): a draft on shift
 * allowances published to mine A; workers comment from the portal with the portal's real proof of
 * work; late, twice, from a unit not asked and without a reason are refused naming the field with
 * nothing written; an anonymous comment stays anonymous to the office; the decision publishes the
 * anonymised adoption summary; comments are searched and clustered; the figures counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { solvePow } from '../../../common/domain/pow.ts';
import { DomainError } from '../../../common/errors.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { issueChallenge, spendChallenge, type PortalDeps } from '../portal/index.ts';
import { findUnitById } from '../unit/index.ts';
import { figureSources } from './consultation-figures.ts';
import {
  answerComment,
  commentFromPortal,
  decideConsultation,
  getConsultation,
  listConsultations,
  portalConsultation,
  portalConsultations,
  publishConsultation,
  searchComments,
} from './consultation.service.ts';

const world = serviceWorld();

const portalDeps = (): PortalDeps => ({ ...world.deps, powBits: 4 });

/** The portal's own proof of work, issued and solved as the phone does, spent in the comment's transaction. */
function solved() {
  const deps = portalDeps();
  const challenge = issueChallenge(deps).challenge;
  const nonce = solvePow(challenge, deps.powBits).nonce ?? '';
  return {
    fields: { challenge, nonce },
    spend: (trx: Parameters<typeof spendChallenge>[1]) => spendChallenge(deps, trx, challenge, nonce),
  };
}

async function unitCode(key: 'mineA' | 'teamA1' | 'crewA1' | 'mineB' | 'teamB1') {
  return (await findUnitById(world.deps.db, world.org.units[key].id))?.code ?? '';
}

async function allowanceDraft(deadline = '2026-03-10') {
  return publishConsultation(world.deps, world.user('officer@mineA'), {
    title: '关于调整井下夜班津贴标准的决定（征求意见稿）',
    body: '拟将井下夜班津贴由每班30元调整为每班45元，自下月起执行。请各区队职工提出意见。',
    unitIds: [world.org.units.teamA1.id],
    deadline,
  });
}

async function comment(id: string, input: Record<string, unknown>) {
  const pow = solved();
  return commentFromPortal(
    world.deps,
    id,
    {
      phone: '13800000001',
      anonymous: true,
      unitCode: await unitCode('teamA1'),
      body: '建议夜班津贴按实际下井时间计算',
      ...pow.fields,
      ...input,
    },
    pow.spend,
  );
}

async function commentCount(id: string): Promise<number> {
  return (await getConsultation(world.deps, world.user('officer@mineA'), id)).comments.length;
}

function fieldOf(error: unknown): unknown {
  return error instanceof DomainError ? (error.details as { issues?: { path: unknown[] }[] }).issues?.[0]?.path : error;
}

describe('publishConsultation', () => {
  it('publishes to units of the office only, with a deadline not in the past', async () => {
    const officer = world.user('officer@mineA');
    const base = { title: '夜班津贴调整', body: '拟调整井下夜班津贴标准，请提出意见。', deadline: '2026-03-10' };
    await expect(
      publishConsultation(world.deps, officer, { ...base, unitIds: [world.org.units.teamB1.id] }).catch(fieldOf),
    ).resolves.toEqual(['unitIds']);
    await expect(
      publishConsultation(world.deps, officer, {
        ...base,
        unitIds: [world.org.units.teamA1.id],
        deadline: '2026-03-01',
      }).catch(fieldOf),
    ).resolves.toEqual(['deadline']);
    expect(
      await codeOf(
        publishConsultation(world.deps, world.user('handler@teamA1'), {
          ...base,
          unitIds: [world.org.units.teamA1.id],
        }),
      ),
    ).toBe('FORBIDDEN');
    const view = await allowanceDraft();
    expect(view.stage).toBe('open');
    expect(view.units.map((u) => u.name)).toEqual(['综采一队']);
    expect((await listConsultations(world.deps, world.user('chief@root'))).items).toHaveLength(1);
    expect((await listConsultations(world.deps, world.user('auditor@root'))).items).toHaveLength(1);
    // Another mine's office does not see it.
    expect(
      await codeOf(
        getConsultation(
          world.deps,
          { ...officer, unitId: world.org.units.mineB.id, unitPath: world.org.units.mineB.path },
          view.id,
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('commentFromPortal', () => {
  it('takes one comment per person and refuses a second one with the same phone, naming the field, nothing written', async () => {
    const draft = await allowanceDraft();
    await comment(draft.id, { phone: '138 0000 0001' });
    const again = await comment(draft.id, { phone: '+86 13800000001', body: '换个说法再提一次意见' }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(DomainError);
    expect((again as DomainError).code).toBe('CONSULTATION_ALREADY_COMMENTED');
    expect(fieldOf(again)).toEqual(['phone']);
    expect(await commentCount(draft.id)).toBe(1);
    // Another person, and the same person on another draft, may comment.
    await comment(draft.id, { phone: '13800000002' });
    const other = await allowanceDraft();
    await comment(other.id, { phone: '13800000001' });
    expect(await commentCount(draft.id)).toBe(2);
    expect(await commentCount(other.id)).toBe(1);
  });

  it('refuses a comment after the deadline day, naming the field, nothing written', async () => {
    const draft = await allowanceDraft('2026-03-10');
    // 23:59 on the deadline day in China is still in time.
    world.ctx.clock.set('2026-03-10T15:59:00.000Z');
    await comment(draft.id, { phone: '13800000003' });
    world.ctx.clock.set('2026-03-10T16:00:00.000Z');
    const late = await comment(draft.id, { phone: '13800000004' }).catch((e: unknown) => e);
    expect((late as DomainError).code).toBe('CONSULTATION_CLOSED');
    expect(fieldOf(late)).toEqual(['deadline']);
    expect(await commentCount(draft.id)).toBe(1);
  });

  it('takes comments from the units asked and those under them only', async () => {
    const draft = await allowanceDraft();
    await comment(draft.id, { unitCode: await unitCode('crewA1'), phone: '13800000005' });
    const outside = await comment(draft.id, { unitCode: await unitCode('teamB1'), phone: '13800000006' }).catch(
      (e: unknown) => e,
    );
    expect((outside as DomainError).code).toBe('VALIDATION_FAILED');
    expect(fieldOf(outside)).toEqual(['unitCode']);
    expect(await commentCount(draft.id)).toBe(1);
  });

  it('needs the solved proof of work, spent once', async () => {
    const draft = await allowanceDraft();
    const pow = solved();
    const input = {
      phone: '13800000007',
      anonymous: true,
      unitCode: await unitCode('teamA1'),
      body: '建议按实际下井时间计算',
      ...pow.fields,
    };
    await commentFromPortal(world.deps, draft.id, input, pow.spend);
    const reused = await commentFromPortal(world.deps, draft.id, { ...input, phone: '13800000008' }, pow.spend).catch(
      (e: unknown) => e,
    );
    expect((reused as DomainError).code).toBe('CHALLENGE_FAILED');
    expect(await commentCount(draft.id)).toBe(1);
  });

  it('keeps an anonymous comment anonymous to the office: no name, no phone, only the unit', async () => {
    const draft = await allowanceDraft();
    await comment(draft.id, { phone: '13912345678', anonymous: true });
    await comment(draft.id, { phone: '13912345679', anonymous: false, name: '张三' });
    const view = await getConsultation(world.deps, world.user('officer@mineA'), draft.id);
    const [anonymous, named] = view.comments;
    expect(anonymous).toMatchObject({ anonymous: true, name: null, unitName: '综采一队' });
    expect(named).toMatchObject({ anonymous: false, name: '张三' });
    expect(JSON.stringify(view)).not.toContain('13912345678');
    // Nothing of the number is stored: only a keyed hash that differs from the petitioner index of the number.
    const rows = await world.deps.db.selectFrom('consultation_comment').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('13912345678');
    expect(rows.map((r) => r.person_key)).not.toContain(world.deps.cipher.blindIndex('13912345678'));
    // An anonymous comment with a name is refused, naming the field.
    const named2 = await comment(draft.id, { phone: '13912345670', anonymous: true, name: '李四' }).catch(
      (e: unknown) => e,
    );
    expect((named2 as { issues?: { path: unknown[] }[] }).issues?.[0]?.path).toEqual(['name']);
  });
});

describe('answerComment and decideConsultation', () => {
  it('answers each suggestion with a reason, decides after the deadline and publishes the anonymised summary', async () => {
    const office = world.user('officer@mineA');
    const draft = await allowanceDraft('2026-03-10');
    await comment(draft.id, {
      phone: '13800000011',
      anonymous: false,
      name: '王五',
      body: '夜班津贴建议按实际下井时间计算，不按排班计算',
    });
    await comment(draft.id, { phone: '13800000012', body: '建议津贴标准提高到每班50元' });
    await comment(draft.id, { phone: '13800000013', body: '建议取消夜班津贴改发年终奖' });
    const [a, b, c] = (await getConsultation(world.deps, office, draft.id)).comments;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three comments');

    // No reason → refused naming the field, nothing written.
    const noReason = await answerComment(world.deps, office, draft.id, a.id, { answer: 'adopted', reason: ' ' }).catch(
      (e: unknown) => e,
    );
    expect((noReason as { issues?: { path: unknown[] }[] }).issues?.[0]?.path).toEqual(['reason']);
    expect((await getConsultation(world.deps, office, draft.id)).comments[0]?.answer).toBeNull();

    await answerComment(world.deps, office, draft.id, a.id, {
      answer: 'adopted',
      reason: '以人员定位系统记录的下井时间为准',
    });
    await answerComment(world.deps, office, draft.id, b.id, { answer: 'partly', reason: '调整为每班45元，明年再评估' });
    // Not every suggestion answered, and before the deadline: both refused naming the field.
    world.ctx.clock.set('2026-03-11T02:00:00.000Z');
    const early = await decideConsultation(world.deps, office, draft.id, {
      decision: '夜班津贴自4月起调整为每班45元。',
    }).catch(fieldOf);
    expect(early).toEqual(['comments']);
    world.ctx.clock.set('2026-03-05T02:00:00.000Z');
    await answerComment(world.deps, office, draft.id, c.id, {
      answer: 'not_adopted',
      reason: '夜班津贴是对夜间作业的补偿，不宜取消',
    });
    expect(
      await decideConsultation(world.deps, office, draft.id, { decision: '夜班津贴自4月起调整为每班45元。' }).catch(
        fieldOf,
      ),
    ).toEqual(['deadline']);

    // Before the decision the portal shows no summary.
    expect((await portalConsultation(world.deps, draft.id)).summary).toBeNull();
    world.ctx.clock.set('2026-03-11T02:00:00.000Z');
    const decided = await decideConsultation(world.deps, office, draft.id, {
      decision: '夜班津贴自4月起调整为每班45元，按实际下井时间计算。',
    });
    expect(decided.stage).toBe('decided');
    expect(decided.counts).toEqual({ total: 3, adopted: 1, partly: 1, notAdopted: 1, unanswered: 0 });

    const portal = await portalConsultation(world.deps, draft.id);
    expect(portal.summary?.counts).toEqual({ total: 3, adopted: 1, partly: 1, notAdopted: 1, unanswered: 0 });
    expect(portal.summary?.suggestions.map((s) => s.answer)).toEqual(['adopted', 'partly', 'not_adopted']);
    expect(JSON.stringify(portal)).not.toContain('王五');
    expect((await portalConsultations(world.deps)).items[0]?.stage).toBe('decided');

    // After the decision: no more answers, no second decision, no comment.
    expect(
      await codeOf(answerComment(world.deps, office, draft.id, a.id, { answer: 'partly', reason: '改变主意了' })),
    ).toBe('CONSULTATION_STAGE_ILLEGAL');
    expect(await codeOf(decideConsultation(world.deps, office, draft.id, { decision: '再决定一次，内容不同。' }))).toBe(
      'CONSULTATION_STAGE_ILLEGAL',
    );
    expect(await codeOf(comment(draft.id, { phone: '13800000019' }))).toBe('CONSULTATION_CLOSED');

    // Audited: publish, three answers, the decision.
    const actions = await world.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', draft.id)
      .execute();
    expect(actions.map((r) => r.action).sort()).toEqual(
      [
        'consultation.answer',
        'consultation.answer',
        'consultation.answer',
        'consultation.decide',
        'consultation.publish',
      ].sort(),
    );

    // The figures, by hand: one consultation held in March; 2 of 3 answered adopted or partly.
    const units = [world.org.units.root, world.org.units.mineA, world.org.units.mineB];
    const period = { from: '2026-03-01', to: '2026-03-31' };
    const [held, rate] = await Promise.all(figureSources.map((s) => s.compute(world.deps, units, period)));
    expect(held?.get(world.org.units.root.id)).toEqual({ value: 1, of: null });
    expect(held?.get(world.org.units.mineB.id)).toEqual({ value: 0, of: null });
    expect(rate?.get(world.org.units.mineA.id)).toEqual({ value: 2, of: 3 });
    const april = await Promise.all(
      figureSources.map((s) => s.compute(world.deps, units, { from: '2026-04-01', to: '2026-04-30' })),
    );
    expect(april[0]?.get(world.org.units.root.id)).toEqual({ value: 0, of: null });
  });

  it('is kept by the office: a handler may not answer', async () => {
    const draft = await allowanceDraft();
    await comment(draft.id, {});
    const id = (await getConsultation(world.deps, world.user('officer@mineA'), draft.id)).comments[0]?.id ?? '';
    expect(
      await codeOf(
        answerComment(world.deps, world.user('auditor@root'), draft.id, id, { answer: 'adopted', reason: '理由充分' }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('searchComments', () => {
  it('finds comments by the text engine’s search and clusters those on the same point', async () => {
    const draft = await allowanceDraft();
    const bodies = [
      '夜班津贴应当按照实际下井时间计算，不能按排班表计算',
      '建议夜班津贴按实际下井时间计算，排班表经常变动',
      '夜班津贴按照下井时间计算更公平，排班不准',
      '食堂夜班饭菜质量差，希望改善班中餐',
    ];
    for (const [i, body] of bodies.entries()) await comment(draft.id, { phone: `1380000010${i}`, body });
    const office = world.user('officer@mineA');
    const found = await searchComments(world.deps, office, draft.id, '下井时间');
    expect(found.items).toHaveLength(3);
    expect((await searchComments(world.deps, office, draft.id, '班中餐')).items).toHaveLength(1);
    expect((await searchComments(world.deps, office, draft.id, undefined)).items).toHaveLength(4);
    const cluster = found.clusters.find((c) => c.size >= 2);
    expect(cluster).toBeDefined();
    const meal = (await getConsultation(world.deps, office, draft.id)).comments.find((c) => c.body.includes('班中餐'));
    expect(cluster?.commentIds).not.toContain(meal?.id);
  });
});
