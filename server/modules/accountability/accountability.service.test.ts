/**
 * 奖惩与问责 (第39条, 第42–46条) as the group and the mines meet it: a measure on a round's indicator
 * with its numbered decision, refused without a basis or a deadline (nothing written), decided only from
 * above, a person's own record and the case behind it kept from him (第30条), the 整改 followed up and
 * chased once past its deadline.
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DomainError } from '../../../common/errors.ts';
import type { Actor } from '../../../common/domain/access.ts';
import { codeOf } from '../../test/outcome.ts';
import { overtimeVisit, serviceWorld } from '../../test/factories.ts';
import { addPerson, type Org, type TestContext } from '../../test/test-context.ts';
import { createScheme, openRound } from '../appraisal/index.ts';
import { registerPetition } from '../intake/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import {
  chaseRectifications,
  getMeasure,
  listMeasures,
  measuresForReport,
  recordMeasure,
  reportRectified,
} from './index.ts';
import { measureDocument } from './accountability.service.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const user = (key: string) => org.users[key] as Actor;

async function round2025() {
  const scheme = await createScheme(deps, org.admin, {
    name: '年度信访考核',
    periodKind: 'year',
    level: 'mine',
    definition: { indicators: [{ key: 'petition.concludedOnTime', weight: 100, target: 100, threshold: 60 }] },
  });
  return openRound(deps, org.admin, { schemeId: scheme.id, period: '2025' });
}

const rows = (table: 'accountability_record' | 'document_sequence' | 'notification') =>
  ctx.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n);

describe('recordMeasure', () => {
  it('records a 约谈 of mine B on a round’s indicator with a numbered decision, tells its leaders, audits', async () => {
    const round = await round2025();
    const mineBChief = await addPerson(ctx.deps, org, 'chief', 'mineB');
    const view = await recordMeasure(deps, user('chief@root'), {
      kind: 'admonition',
      subject: { kind: 'unit', unitId: org.units.mineB.id },
      basis: { roundId: round.id, figureKey: 'petition.concludedOnTime' },
      facts: '2025年度按期办结率排名末位。',
      decision: '约谈乙矿主要负责人，责令制定整改方案。',
      rectifyDueDate: '2026-03-31',
    });
    expect(view).toMatchObject({
      kind: 'admonition',
      subject: { kind: 'unit', unit: { id: org.units.mineB.id }, person: null },
      basis: { round: { id: round.id, period: '2025' }, figureKey: 'petition.concludedOnTime', petition: null },
      documentNumber: '信奖惩〔2026〕1号',
      rectification: { dueDate: '2026-03-31', status: 'open', doneAt: null },
      can: { rectify: false },
    });
    const doc = await measureDocument(deps, user('chief@root'), view.id);
    expect(doc.title).toBe('关于对乙矿予以约谈的决定');
    expect(doc.paragraphs.join('\n')).toContain('“按期办结率”指标');
    expect(doc.paragraphs.join('\n')).toContain('请于2026年3月31日前完成整改');
    const told = await ctx.deps.db
      .selectFrom('notification')
      .select(['user_id', 'petition_id'])
      .where('kind', '=', 'accountability_recorded')
      .execute();
    expect(told).toEqual([{ user_id: mineBChief.id, petition_id: null }]);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'accountability.record')
      .execute();
    expect(audit).toEqual([{ action: 'accountability.record', entity_id: view.id }]);
    // The second decision of the year takes the next number of the same sequence.
    const second = await recordMeasure(deps, user('chief@root'), {
      kind: 'commendation',
      subject: { kind: 'unit', unitId: org.units.mineA.id },
      basis: { roundId: round.id, figureKey: 'petition.concludedOnTime' },
      facts: '2025年度按期办结率排名第一。',
      decision: '予以通报表彰。',
    });
    expect(second.documentNumber).toBe('信奖惩〔2026〕2号');
    expect(second.rectification).toBeNull();
  });

  it.each([
    ['no basis at all', { basis: {} }, 'basis'],
    ['a 限期整改 without its deadline', { kind: 'rectification', rectifyDueDate: undefined }, 'rectifyDueDate'],
    ['a deadline in the past', { rectifyDueDate: '2026-03-01' }, 'rectifyDueDate'],
    ['a commendation with a deadline', { kind: 'commendation' }, 'rectifyDueDate'],
    ['a round that is not one', { basis: { roundId: 'nope', figureKey: 'petition.received' } }, 'basis.roundId'],
    ['a case that does not exist', { basis: { caseNumber: 'XF-0000-000000' } }, 'basis.caseNumber'],
  ] as const)('refuses %s, naming the field, writing nothing', async (_name, patch, field) => {
    const before = await Promise.all([rows('accountability_record'), rows('document_sequence'), rows('notification')]);
    const input = {
      kind: 'admonition',
      subject: { kind: 'unit', unitId: org.units.mineB.id },
      basis: { caseNumber: 'XF-0000-000000' },
      facts: '事实清楚。',
      decision: '约谈。',
      rectifyDueDate: '2026-04-30',
      ...patch,
    };
    const failure = await recordMeasure(deps, user('chief@root'), input as never).then(
      () => null,
      (e: unknown) => e,
    );
    // The schema's refusal (a ZodError, 400 over HTTP) or the service's (VALIDATION_FAILED): either names the field.
    const issues =
      failure instanceof ZodError
        ? failure.issues
        : failure instanceof DomainError && failure.code === 'VALIDATION_FAILED'
          ? (failure.details as { issues: { path: PropertyKey[] }[] }).issues
          : [];
    expect(issues.map((i) => i.path.join('.'))).toContain(field);
    expect(await Promise.all([rows('accountability_record'), rows('document_sequence'), rows('notification')])).toEqual(
      before,
    );
  });

  it('is decided from above: a mine not for itself nor its sibling, nobody for himself, a handler never', async () => {
    const { petition } = await registerPetition(deps, user('officer@mineA'), overtimeVisit());
    const base = { basis: { petitionId: petition.id }, facts: '办理拖延。', decision: '通报批评。' } as const;
    const unit = (key: 'mineA' | 'mineB' | 'teamA1') => ({ kind: 'unit' as const, unitId: org.units[key].id });
    const attempt = (actor: Actor, subject: object) =>
      codeOf(recordMeasure(deps, actor, { ...base, kind: 'censure', subject } as never));
    expect(await attempt(user('chief@mineA'), unit('mineA'))).toBe('FORBIDDEN');
    expect(await attempt(user('chief@mineA'), unit('mineB'))).toBe('FORBIDDEN');
    expect(await attempt(user('chief@mineA'), { kind: 'person', userId: user('chief@mineA').id })).toBe('FORBIDDEN');
    expect(await attempt(user('handler@teamA1'), unit('teamA1'))).toBe('FORBIDDEN');
    // Mine A's chief may censure its team, on a case he can read.
    expect(
      (await recordMeasure(deps, user('chief@mineA'), { ...base, kind: 'censure', subject: unit('teamA1') })).kind,
    ).toBe('censure');
  });
});

describe('a person’s record and its follow-up', () => {
  it('shows the person his own record without the case behind it (第30条), follows the 整改 and chases it once', async () => {
    const { petition } = await registerPetition(deps, user('officer@root'), overtimeVisit());
    const handler = user('handler@teamA1');
    const view = await recordMeasure(deps, user('chief@root'), {
      kind: 'accountability',
      subject: { kind: 'person', userId: handler.id },
      basis: { petitionId: petition.id },
      facts: '推诿拖延，未按期答复。',
      decision: '给予责任追究，限期整改。',
      rectifyDueDate: '2026-03-10',
    });
    expect(view.basis.petition).toEqual({ id: petition.id, caseNumber: expect.any(String) as string });
    // His own page lists it; the case he may not read is only "a case".
    const mine = await listMeasures(deps, handler, { userId: handler.id });
    expect(mine.items.map((i) => i.id)).toEqual([view.id]);
    expect(mine.items[0]?.basis).toMatchObject({ petition: null, hasPetition: true });
    expect(mine.items[0]?.can.rectify).toBe(true);
    // Nobody else's records through his own query, and none at all without the read action.
    expect(await codeOf(listMeasures(deps, handler, { userId: user('chief@mineA').id }))).toBe('FORBIDDEN');
    // Mine A's leaders see it on their subtree; mine B's do not.
    expect((await listMeasures(deps, user('chief@mineA'), {})).items.map((i) => i.id)).toContain(view.id);
    expect(await codeOf(getMeasure(deps, await addPerson(ctx.deps, org, 'chief', 'mineB'), view.id))).toBe('NOT_FOUND');

    // Before the deadline the chase tells nobody.
    expect(await chaseRectifications(deps)).toEqual({ overdue: 0, told: 0 });
    ctx.clock.advance(10 * DAY); // 03-12
    const overdue = await listMeasures(deps, user('chief@root'), { overdue: 'true' });
    expect(overdue.items.map((i) => [i.id, i.rectification?.status])).toEqual([[view.id, 'overdue']]);
    expect(await chaseRectifications(deps)).toEqual({ overdue: 1, told: 2 });
    expect(await chaseRectifications(deps)).toEqual({ overdue: 1, told: 0 });

    const done = await reportRectified(deps, handler, view.id, { note: '已向信访人书面答复并作检讨。' });
    expect(done.rectification).toMatchObject({ status: 'done_late', note: '已向信访人书面答复并作检讨。' });
    expect(await codeOf(reportRectified(deps, handler, view.id, { note: '再次报告。' }))).toBe(
      'ACCOUNTABILITY_STATE_ILLEGAL',
    );
    expect(await chaseRectifications(deps)).toEqual({ overdue: 0, told: 0 });

    // The annual report's rows: the group's year so far.
    const report = await measuresForReport(deps, org.units.root.path, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    expect(report.find((r) => r.documentNumber === view.documentNumber)).toMatchObject({
      kind: 'accountability',
      rectification: { status: 'done_late' },
    });
  });
});
