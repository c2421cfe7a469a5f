/**
 * Citations by reference (issue #17): a reply (draftReply, then 签发) and the 复查/复核 opinions cite
 * article versions of the 法规政策库; one not in force on the document's date is refused naming the
 * field with nothing written; the printed 意见书 quotes each cited article (title, number, text).
 * On a real database, both dialects.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import type { PetitionDocumentView } from '../../../common/schemas/document.ts';
import { listDocuments } from '../document/index.ts';
import { registerPetition } from '../intake/index.ts';
import * as petitions from '../petition/index.ts';
import { snapshotTables } from '../../test/db-snapshot.ts';
import { overtimeVisit, serviceWorld } from '../../test/factories.ts';
import * as svc from './knowledge.service.ts';

const world = serviceWorld({ knowledge: true });
const DAY = 86_400_000;

const REPLY = {
  request: '补发2026年1—2月加班工资',
  factsAndReasons: '经核实，加班记录属实，工资未按规定计发。',
  opinion: '责成综采一队于30日内补发。',
  legalBasis: '《集团公司职工薪酬管理办法》第十二条；《信访工作条例》第三十二条',
  result: 'support' as const,
  outcomes: [{ kind: 'resolved' as const, measures: '综采一队已补发加班工资6400元' }],
};

/** The wage policy with 第十二条 in two versions (the second from 2026-03-10) and the regulation's 第三十二条. */
async function library() {
  const officer = world.user('officer@root');
  const doc = await svc.createDocument(world.deps, officer, { kind: 'policy', title: '集团公司职工薪酬管理办法' });
  const added = await svc.addArticle(world.deps, officer, doc.id, {
    number: '第十二条',
    text: '职工加班的，所在单位应当按规定足额支付加班工资，不得以调休代替。',
    effectiveFrom: '2024-01-01',
    categoryCodes: ['01'],
  });
  const articleId = added.articles[0]?.id ?? '';
  const revised = await svc.addVersion(world.deps, officer, articleId, {
    text: '职工加班的，所在单位应当在次月工资发放日前足额支付加班工资。',
    effectiveFrom: '2026-03-10',
  });
  const [v2024, v2026] = revised.articles[0]?.versions ?? [];
  const art32 = (await svc.searchArticles(world.deps, officer, { q: '信访处理意见书 法律法规依据' })).items.find(
    (h) => h.number === '第三十二条',
  );
  if (v2024 === undefined || v2026 === undefined || art32 === undefined) throw new Error('library incomplete');
  return { articleId, v2024: v2024.id, v2026: v2026.id, art32: art32.versionId };
}

/** 王大山's overtime case at team A1, accepted by mine A, investigated (the clock at 2026-03-02). */
async function investigatedCase() {
  const officer = world.user('officer@root');
  const handler = world.user('handler@teamA1');
  const owner = world.user('chief@mineA');
  const { deps } = world;
  const { petition } = await registerPetition(deps, officer, overtimeVisit({ categoryCode: '0104' }));
  const id = petition.id;
  await petitions.triagePetition(deps, officer, id, {});
  await petitions.assignPetition(deps, officer, id, {
    handlingUnitId: world.org.units.teamA1.id,
    reportDueDate: '2026-04-30',
  });
  await petitions.signForPetition(deps, handler, id);
  await petitions.acceptPetition(deps, world.user('officer@mineA'), id, { ownerId: owner.id, handlerId: handler.id });
  await petitions.confirmOwnership(deps, owner, id);
  await petitions.startInvestigation(deps, handler, id);
  return { id, officer, handler, owner };
}

function textOf(doc: PetitionDocumentView | undefined): string {
  return doc === undefined ? '' : [doc.content.title, ...doc.content.paragraphs].join('\n');
}

async function documentOf(actor: Actor, id: string, kind: string) {
  return (await listDocuments(world.deps, actor, id)).items.find((d) => d.kind === kind);
}

describe('a reply cites articles by reference', () => {
  it('the 意见书 quotes both cited articles with title, number and the text of the version cited', async () => {
    const lib = await library();
    const { id, handler, owner } = await investigatedCase();
    await petitions.draftReply(world.deps, handler, id, { ...REPLY, citations: [lib.v2024, lib.art32] });
    const drafted = (await petitions.getPetition(world.deps, handler, id)).events.find((e) => e.kind === 'draftReply');
    expect(drafted?.data).toMatchObject({ citations: [lib.v2024, lib.art32] });
    world.ctx.clock.advance(DAY); // 03-03: still before the new version of 第十二条
    await petitions.issueReply(world.deps, owner, id, { deliveryMethod: 'in_person' });
    const text = textOf(await documentOf(owner, id, 'reply'));
    expect(text).toContain(
      '《集团公司职工薪酬管理办法》第十二条：职工加班的，所在单位应当按规定足额支付加班工资，不得以调休代替。',
    );
    expect(text).toContain('《信访工作条例》第三十二条：信访处理意见书应当载明信访人投诉请求、事实和理由');
    // The quotes follow the 依据 line, in the order cited.
    const lines = text.split('\n');
    const basis = lines.findIndex((l) => l.startsWith('四、依据'));
    expect(lines[basis + 1]).toMatch(/^《集团公司职工薪酬管理办法》第十二条/);
    expect(lines[basis + 2]).toMatch(/^《信访工作条例》第三十二条/);
  });

  it('refuses a version not in force on the reply date, naming citations.<i>, and writes nothing', async () => {
    const lib = await library();
    const { id, handler } = await investigatedCase();
    const before = await snapshotTables(world.ctx.database);
    // 2026-03-02: the 2026 version of 第十二条 takes effect only on 03-10.
    const error = await petitions
      .draftReply(world.deps, handler, id, { ...REPLY, citations: [lib.art32, lib.v2026] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['citations', 1] }] } });
    const unknown = await petitions
      .draftReply(world.deps, handler, id, { ...REPLY, citations: ['NO-SUCH-VERSION'] })
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['citations', 0] }] } });
    expect(await snapshotTables(world.ctx.database)).toEqual(before);
  });

  it('签发 after a cited version was superseded is refused (citations named); the new version is cited instead', async () => {
    const lib = await library();
    const { id, handler, owner } = await investigatedCase();
    await petitions.draftReply(world.deps, handler, id, { ...REPLY, citations: [lib.v2024] });
    world.ctx.clock.advance(10 * DAY); // 03-12: 第十二条 now reads as its 2026 version
    const error = await petitions
      .issueReply(world.deps, owner, id, { deliveryMethod: 'in_person' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['citations', 0] }] } });
    await petitions.returnDraft(world.deps, owner, id, { reason: '第十二条已修订，请引用新版本' });
    await petitions.draftReply(world.deps, handler, id, { ...REPLY, citations: [lib.v2026] });
    await petitions.issueReply(world.deps, owner, id, { deliveryMethod: 'in_person' });
    expect(textOf(await documentOf(owner, id, 'reply'))).toContain('应当在次月工资发放日前足额支付加班工资');
  });
});

describe('a 复查意见 cites articles', () => {
  it('quotes them in the 复查意见书, and refuses a version superseded before its date', async () => {
    const lib = await library();
    const { id, handler, owner, officer } = await investigatedCase();
    await petitions.draftReply(world.deps, handler, id, REPLY);
    world.ctx.clock.advance(DAY);
    await petitions.issueReply(world.deps, owner, id, { deliveryMethod: 'in_person' });
    await petitions.startExecution(world.deps, handler, id);
    await petitions.concludePetition(world.deps, officer, id, {});
    await petitions.requestReview(world.deps, officer, id, { reason: '对补发金额不服' });
    const reviewer = world.user('officer@root');
    world.ctx.clock.advance(10 * DAY); // 03-13: the 2024 text of 第十二条 ended on 03-09
    const opinion = { opinion: '维持原处理意见', result: 'reject' as const, deliveryMethod: 'in_person' as const };
    const refused = await petitions
      .issueReviewOpinion(world.deps, reviewer, id, { ...opinion, citations: [lib.art32, lib.v2024] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['citations', 1] }] } });
    await petitions.issueReviewOpinion(world.deps, reviewer, id, { ...opinion, citations: [lib.art32] });
    expect(textOf(await documentOf(reviewer, id, 'review_opinion'))).toContain(
      '《信访工作条例》第三十二条：信访处理意见书应当载明',
    );
  });
});
