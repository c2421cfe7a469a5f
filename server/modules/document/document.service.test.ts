import JSZip from 'jszip';
import { registerPetition } from '../intake/index.ts';
import { describe, expect, it } from 'vitest';
import type { DocumentKind } from '../../../common/domain/documents.ts';
import type { PetitionDocumentView } from '../../../common/schemas/document.ts';
import type { Actor } from '../../../common/domain/access.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { codeOf } from '../../test/outcome.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld, overtimeVisit as visit } from '../../test/factories.ts';
import { renderDocumentDocx, renderDocumentHtml } from './index.ts';
import { saveTemplate } from './template.service.ts';
import { generateDocument, getDocument, listDocuments, recordDelivery } from './document.service.ts';
import * as svc from '../petition/index.ts';

let ctx: TestContext;
let org: Org;
let deps: svc.PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;

const REPLY = {
  request: '补发2026年1—2月加班工资',
  factsAndReasons: '经核实，加班记录属实，工资未按规定计发。',
  opinion: '责成综采一队于30日内补发。',
  legalBasis: '《工资支付暂行规定》第十三条',
  result: 'support' as const,
  outcomes: [
    { kind: 'resolved' as const, measures: '综采一队已补发加班工资6400元' },
    { kind: 'assisted' as const, measures: '工会送去困难补助2000元' },
  ],
};

/** A visit assigned to team A1 by the group office, accepted by mine A (its body), owned by mine A's chief, replied. */
async function repliedCase(
  delivery: { deliveryMethod: 'in_person' | 'post'; trackingNumber?: string } = { deliveryMethod: 'in_person' },
) {
  const officer = org.users['officer@root']!;
  const handler = org.users['handler@teamA1']!;
  const owner = org.users['chief@mineA']!;
  const { petition } = await registerPetition(deps, officer, visit());
  const id = petition.id;
  await svc.triagePetition(deps, officer, id, {});
  await svc.assignPetition(deps, officer, id, {
    handlingUnitId: org.units.teamA1.id,
    reportDueDate: '2026-04-30',
    note: '请认真核查',
  });
  await svc.signForPetition(deps, handler, id);
  await svc.acceptPetition(deps, org.users['officer@mineA']!, id, { ownerId: owner.id, handlerId: handler.id });
  await svc.confirmOwnership(deps, owner, id);
  await svc.startInvestigation(deps, handler, id);
  await svc.extendPetition(deps, owner, id, { days: 10, reason: '需核对劳务派遣单位账目' });
  await svc.recordMediation(deps, handler, id, {
    kind: 'mediation',
    agreement: '综采一队于2026年4月30日前补发加班工资6400元。',
  });
  await svc.draftReply(deps, handler, id, REPLY);
  ctx.clock.advance(DAY); // 03-03
  await svc.issueReply(deps, owner, id, delivery);
  return { id, officer, handler, owner };
}

async function docxText(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function allText(doc: PetitionDocumentView): string {
  return [
    doc.content.title,
    doc.content.number,
    doc.content.addressee,
    ...doc.content.paragraphs,
    doc.content.issuingUnit,
    doc.content.issueDate,
  ].join('\n');
}

describe('generating documents from the case', () => {
  it('renders every kind of a constructed case with its required content, and the .docx holds the same text', async () => {
    const { id, officer, owner } = await repliedCase();
    const handler = org.users['handler@teamA1']!;
    // The reply was issued as a numbered document with its delivery recorded.
    const afterReply = await listDocuments(deps, owner, id);
    expect(afterReply.items.map((d) => d.kind)).toEqual(['reply']);
    expect(afterReply.items[0]?.delivery).toMatchObject({
      method: 'in_person',
      deliveredAt: '2026-03-03T01:00:00.000Z',
    });

    await svc.startExecution(deps, handler, id);
    await svc.evaluatePetition(deps, officer, id, { satisfaction: 4 });
    await svc.concludePetition(deps, officer, id, {});
    await svc.requestReview(deps, officer, id, { reason: '对补发金额不服' });
    // The group, the level above mine A, gives the 复查意见; its 意见书 is made and delivered in the step.
    await svc.issueReviewOpinion(deps, org.users['officer@root']!, id, {
      opinion: '维持原处理意见',
      result: 'reject',
      deliveryMethod: 'in_person',
    });
    await svc.requestReconsideration(deps, officer, id, { reason: '仍不服，要求按双倍计发' });
    // At the top of the tree the group reconsiders itself, by a leader who did not decide the 复查.
    await svc.issueReconsiderationOpinion(deps, org.users['chief@root']!, id, {
      opinion: '复核维持，不予支持',
      result: 'reject',
      deliveryMethod: 'post',
      trackingNumber: 'EMS1234567890',
    });

    const kinds: DocumentKind[] = [
      'acceptance_notice',
      'transfer_notice',
      'extension_notice',
      'mediation_agreement',
      'completion_report',
    ];
    const listed = await listDocuments(deps, officer, id);
    expect(listed.generatable).toEqual(expect.arrayContaining(['reply', ...kinds]));
    expect(listed.generatable).not.toContain('non_acceptance_notice');
    const opinions = listed.items.filter((d) => d.kind === 'review_opinion' || d.kind === 'reconsideration_opinion');
    // Handed over in person: delivered now; posted: sent, awaiting the receipt.
    expect(
      opinions.map((d) => [d.kind, d.number, d.delivery?.method, d.delivery?.trackingNumber, d.delivery?.deliveredAt]),
    ).toEqual([
      ['review_opinion', '信查〔2026〕1号', 'in_person', null, '2026-03-03T01:00:00.000Z'],
      ['reconsideration_opinion', '信核〔2026〕1号', 'post', 'EMS1234567890', null],
    ]);

    const docs = new Map<DocumentKind, PetitionDocumentView>();
    for (const kind of kinds) docs.set(kind, await generateDocument(deps, officer, id, kind));
    for (const opinion of opinions) docs.set(opinion.kind, opinion);
    const text = (kind: DocumentKind) => allText(docs.get(kind)!);

    // Common: case number, petitioner, dates in Chinese, number with 〔year〕.
    expect(docs.get('acceptance_notice')!.content).toMatchObject({
      title: '信访事项受理告知书',
      addressee: '王大山',
      number: '信受〔2026〕1号',
      issueDate: '2026年3月3日',
    });
    expect(text('acceptance_notice')).toContain('XF2026-000001');
    expect(text('acceptance_notice')).toContain('2026年3月2日'); // received
    expect(text('acceptance_notice')).toContain('综采一队'); // handling unit
    expect(text('acceptance_notice')).toMatch(/办理期限至2026年5月\d+日/);
    // Transfer notice: to the handling unit, with the report date and the objection right.
    expect(docs.get('transfer_notice')!.content.addressee).toBe('综采一队');
    expect(text('transfer_notice')).toContain('交办');
    expect(text('transfer_notice')).toContain('请于2026年4月30日前报送办结报告');
    expect(text('transfer_notice')).toContain('5个工作日');
    expect(text('transfer_notice')).toContain('请认真核查');
    expect(docs.get('transfer_notice')!.addressedToPetitioner).toBe(false);
    // Extension: the reason and the days, and the new limit (第34条).
    expect(text('extension_notice')).toContain('需核对劳务派遣单位账目');
    expect(text('extension_notice')).toContain('延长10日');
    expect(text('extension_notice')).toContain('第三十四条');
    // Mediation agreement.
    expect(docs.get('mediation_agreement')!.content.title).toBe('调解协议书');
    expect(text('mediation_agreement')).toContain('补发加班工资6400元');
    // Review opinion names applicant, respondent and the 复核 route; reconsideration is final.
    expect(text('review_opinion')).toContain('复查申请人：王大山');
    // 被申请人: mine A, the body that answered (综采一队 works under it); issued by the group, the level above.
    expect(text('review_opinion')).toContain('被申请人：甲矿');
    expect(docs.get('review_opinion')!.content.issuingUnit).toBe('测试能源集团');
    // The 复核 lies with the level above the group: at the top of the tree, the group itself.
    expect(text('review_opinion')).toContain('向测试能源集团（由未参与复查的负责人复核）请求复核');
    expect(text('review_opinion')).toContain('对补发金额不服');
    expect(text('review_opinion')).toContain('30日内');
    expect(text('review_opinion')).toContain('不予支持');
    expect(text('reconsideration_opinion')).toContain('终结意见');
    expect(text('reconsideration_opinion')).toContain('仍不服，要求按双倍计发');
    expect(text('reconsideration_opinion')).toContain('第三十六条第三款');
    expect(text('reconsideration_opinion')).toContain('被申请人：测试能源集团');
    // Completion report to the assigning office, with outcome and evaluation.
    expect(docs.get('completion_report')!.content.addressee).toBe('测试能源集团');
    expect(text('completion_report')).toContain('合理诉求解决到位、生活困难帮扶到位');
    expect(text('completion_report')).toContain('满意');
    expect(text('completion_report')).toContain('责成综采一队于30日内补发');

    // The reply (信访处理意见书): request, facts and reasons, opinion, legal basis, result, review route.
    const reply = afterReply.items[0]!;
    expect(reply.content).toMatchObject({
      title: '信访处理意见书',
      number: '信复〔2026〕1号',
      issuingUnit: '综采一队',
    });
    const replyText = allText(reply);
    for (const part of [
      REPLY.request,
      REPLY.factsAndReasons,
      REPLY.opinion,
      REPLY.legalBasis,
      '予以支持',
      '30日内',
      '复查',
      // 四个到位: each that applies, with what was done (第27条).
      '六、“四个到位”落实情况：',
      '（一）合理诉求解决到位：综采一队已补发加班工资6400元',
      '（二）生活困难帮扶到位：工会送去困难补助2000元',
    ]) {
      expect(replyText).toContain(part);
    }
    // 复查 by the level above the body that answered (mine A): the group — never the mine itself (第35条).
    expect(replyText).toContain('向测试能源集团书面请求复查');
    expect(replyText).not.toContain('向甲矿');

    // The .docx opens and holds the same text, paragraph for paragraph.
    for (const doc of [reply, ...docs.values()]) {
      const text = await docxText(await renderDocumentDocx(doc.content));
      for (const paragraph of [
        doc.content.title,
        doc.content.number,
        ...doc.content.paragraphs,
        doc.content.issuingUnit,
        doc.content.issueDate,
      ]) {
        expect(text).toContain(paragraph);
      }
    }
    // Each document is on the timeline (the issued reply on its 签发 step), and the audit chain holds.
    const detail = await svc.getPetition(deps, officer, id);
    expect(detail.events.filter((e) => e.kind === 'generateDocument')).toHaveLength(kinds.length + opinions.length);
    expect(detail.events.find((e) => e.kind === 'issueReply')?.data.documentId).toEqual(expect.any(String));
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('refuses a document whose step has not been recorded, naming the kind', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    expect(await codeOf(generateDocument(deps, officer, petition.id, 'reply'))).toBe('DOCUMENT_SOURCE_MISSING');
    expect((await listDocuments(deps, officer, petition.id)).generatable).toEqual([]);
    // A 办结报告 is owed only for an assigned item.
    await svc.triagePetition(deps, officer, petition.id, {});
    await svc.acceptPetition(deps, officer, petition.id, {});
    expect(await codeOf(generateDocument(deps, officer, petition.id, 'completion_report'))).toBe(
      'DOCUMENT_SOURCE_MISSING',
    );
    expect(await ctx.deps.db.selectFrom('petition_document').selectAll().execute()).toEqual([]);
  });

  it('writes a non-acceptance notice with the decision and reason', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    await svc.redirectPetition(deps, officer, petition.id, {
      reason: '属于地方政府职权范围',
      authority: '某县人民政府信访局',
    });
    const doc = await generateDocument(deps, officer, petition.id, 'non_acceptance_notice');
    expect(doc.content.title).toBe('信访事项告知另行提出告知书');
    expect(allText(doc)).toContain('理由：属于地方政府职权范围');
    expect(allText(doc)).toContain('本事项请依法向某县人民政府信访局提出。');
    // No empty line is left by the absent route.
    expect(doc.content.paragraphs.every((p) => p.trim() !== '')).toBe(true);
  });

  it('numbers documents per prefix and year without gaps or repeats', async () => {
    const { id, officer } = await repliedCase();
    const a = await generateDocument(deps, officer, id, 'acceptance_notice');
    const b = await generateDocument(deps, officer, id, 'acceptance_notice');
    const c = await generateDocument(deps, officer, id, 'extension_notice');
    expect([a.number, b.number, c.number]).toEqual(['信受〔2026〕1号', '信受〔2026〕2号', '信延〔2026〕1号']);
  });

  it('escapes petition text in the print page', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit({ title: '<script>alert(1)</script>欠薪' }));
    await svc.triagePetition(deps, officer, petition.id, {});
    await svc.acceptPetition(deps, officer, petition.id, {});
    const doc = await generateDocument(deps, officer, petition.id, 'acceptance_notice');
    const html = renderDocumentHtml(doc.content, { printHint: '', seal: '（印章）', lang: 'zh-CN' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;欠薪');
  });
});

describe('delivery', () => {
  it('a posted reply counts from its sending until its receipt is recorded, then from the receipt (第35条)', async () => {
    const { id, owner } = await repliedCase({ deliveryMethod: 'post', trackingNumber: 'EMS1234567890' });
    const [reply] = (await listDocuments(deps, owner, id)).items;
    expect(reply?.delivery).toMatchObject({ method: 'post', trackingNumber: 'EMS1234567890', deliveredAt: null });
    // Sent 03-03: the window counts from the sending for now (03-03 + 30 = 04-02).
    expect((await svc.getPetition(deps, owner, id)).deadlines.find((d) => d.kind === 'review_request')?.dueDate).toBe(
      '2026-04-02',
    );
    ctx.clock.advance(4 * DAY); // 03-07
    const received = await recordDelivery(deps, owner, reply!.id, {
      method: 'post',
      deliveredAt: '2026-03-06T02:00:00.000Z',
      trackingNumber: 'EMS1234567890',
    });
    expect(received.delivery?.deliveredAt).toBe('2026-03-06T02:00:00.000Z');
    // Received 03-06 + 30 = 04-05, a Sunday → Monday 04-06 (民法典第203条).
    const detail = await svc.getPetition(deps, owner, id);
    expect(detail.deadlines.find((d) => d.kind === 'review_request')?.dueDate).toBe('2026-04-06');
    expect(detail.events.at(-1)?.kind).toBe('deliverDocument');
    expect(await codeOf(recordDelivery(deps, owner, reply!.id, { method: 'in_person' }))).toBe(
      'DOCUMENT_ALREADY_DELIVERED',
    );
  });

  it('refuses a delivery date in the future or before the document existed, naming the field', async () => {
    const { id, officer } = await repliedCase({ deliveryMethod: 'post', trackingNumber: 'EMS1' });
    const doc = await generateDocument(deps, officer, id, 'acceptance_notice');
    for (const deliveredAt of ['2026-03-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']) {
      const error = await recordDelivery(deps, officer, doc.id, { method: 'in_person', deliveredAt }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['deliveredAt'] }] } });
    }
    expect((await getDocument(deps, officer, doc.id)).delivery).toBeNull();
  });
});

describe('templates', () => {
  it('an edited template becomes a new version; documents keep the version they were made from', async () => {
    const { id, officer } = await repliedCase();
    const first = await generateDocument(deps, officer, id, 'acceptance_notice');
    expect(first.templateVersion).toBe(1);
    const saved = await saveTemplate(ctx.deps, org.admin, 'acceptance_notice', {
      title: '受理告知书',
      addressee: '{{petitionerName}}同志',
      body: '你于{{receivedDate}}反映的“{{petitionTitle}}”，我矿已受理。\n{{conclusionDueDate}}',
      numberPrefix: '甲信受',
    });
    expect(saved.version).toBe(2);
    const second = await generateDocument(deps, officer, id, 'acceptance_notice');
    expect(second).toMatchObject({
      templateVersion: 2,
      number: '甲信受〔2026〕1号',
      content: { title: '受理告知书', addressee: '王大山同志' },
    });
    // The first document is unchanged.
    expect((await getDocument(deps, officer, first.id)).content).toEqual(first.content);
  });

  it('refuses an unknown field, naming it and the part it is in; only the enterprise administrator edits', async () => {
    const base = { title: '告知书', addressee: '', body: '你的{{idNumber}}已登记', numberPrefix: '信' };
    const error = await saveTemplate(ctx.deps, org.admin, 'acceptance_notice', base).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['body'], message: 'unknown field {{idNumber}} for acceptance_notice' }] },
    });
    const good = { ...base, body: '已受理' };
    expect(await codeOf(saveTemplate(ctx.deps, org.users['admin@mineA']!, 'acceptance_notice', good))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(saveTemplate(ctx.deps, org.users['chief@root']!, 'acceptance_notice', good))).toBe('FORBIDDEN');
    expect(
      await ctx.deps.db.selectFrom('document_template').select('version').where('version', '>', 1).execute(),
    ).toEqual([]);
  });
});

describe('who sees and makes documents', () => {
  it('follows the petition: recused and out-of-scope users see nothing; an accuser is never named to the handling side', async () => {
    const officer = org.users['officer@root']!;
    const handler = org.users['handler@teamA1']!;
    const { petition } = await registerPetition(
      deps,
      officer,
      visit({
        type: 'accusation',
        purpose: 'report',
        title: '反映综采一队队长克扣工资',
        namedPersons: [{ name: '队长', userId: org.users['unit_head@teamA1']!.id }],
      }),
    );
    const id = petition.id;
    await svc.triagePetition(deps, officer, id, {});
    await svc.assignPetition(deps, officer, id, { handlingUnitId: org.units.teamA1.id });
    await svc.signForPetition(deps, handler, id);
    await svc.acceptPetition(deps, org.users['officer@mineA']!, id, { handlerId: handler.id });
    const notice = await generateDocument(deps, officer, id, 'acceptance_notice');
    const transfer = await generateDocument(deps, officer, id, 'transfer_notice');
    // The transfer notice goes to the handling side: the accuser is not named in it (第30条第3款).
    expect(allText(transfer)).not.toContain('王大山');
    expect(transfer.content.paragraphs.join('')).not.toContain('王大山');
    expect(allText(notice)).toContain('王大山');

    const cases: [string, 'all' | 'internal' | 'none'][] = [
      ['officer@root', 'all'],
      ['chief@root', 'all'],
      ['handler@teamA1', 'internal'], // handles it, may not know who accused
      ['auditor@root', 'internal'],
      ['unit_head@teamA1', 'none'], // named: recused
      ['officer@mineA', 'all'], // handled within mine A
      ['handler@deptHr', 'none'], // out of scope
      ['admin@root', 'none'],
    ];
    for (const [key, expected] of cases) {
      const actor = org.users[key]!;
      const listed = await listDocuments(deps, actor, id).catch((e: unknown) => e);
      if (expected === 'none') {
        expect(listed, key).toMatchObject({ code: 'NOT_FOUND' });
        expect(await codeOf(getDocument(deps, actor, transfer.id)), key).toBe('NOT_FOUND');
        continue;
      }
      const ids = (listed as { items: { id: string }[] }).items.map((d) => d.id);
      expect(ids, key).toEqual(expected === 'all' ? [notice.id, transfer.id] : [transfer.id]);
      expect(await codeOf(getDocument(deps, actor, notice.id)), key).toBe(expected === 'all' ? 'OK' : 'NOT_FOUND');
    }
    // Generating a petitioner-addressed document needs sight of the identity.
    expect(await codeOf(generateDocument(deps, handler, id, 'acceptance_notice'))).toBe('FORBIDDEN');
    expect(await codeOf(generateDocument(deps, org.users['auditor@root']!, id, 'transfer_notice'))).toBe('FORBIDDEN');
  });
});

describe('documents made in the step that requires them (issue #13 point 8)', () => {
  /** A case brought to the point where `verb` may be taken, with the actor who takes it. */
  async function readyFor(verb: string): Promise<{ id: string; actor: Actor }> {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, visit());
    const id = petition.id;
    if (['redirect', 'divert', 'notAccept'].includes(verb)) return { id, actor: officer };
    await svc.triagePetition(deps, officer, id, {});
    if (['accept', 'decline', 'assign', 'forward'].includes(verb)) return { id, actor: officer };
    await svc.acceptPetition(deps, officer, id, {});
    await svc.startInvestigation(deps, officer, id);
    return { id, actor: verb === 'extend' ? org.users['chief@root']! : officer };
  }

  const STEPS: [string, DocumentKind, (id: string, actor: Actor, withDocument: boolean) => Promise<unknown>][] = [
    ['accept', 'acceptance_notice', (id, a, w) => svc.acceptPetition(deps, a, id, { withDocument: w })],
    [
      'decline',
      'non_acceptance_notice',
      (id, a, w) => svc.declinePetition(deps, a, id, { reason: '不属信访事项', withDocument: w }),
    ],
    [
      'redirect',
      'non_acceptance_notice',
      (id, a, w) =>
        svc.redirectPetition(deps, a, id, { reason: '属地方政府职权', authority: '某县信访局', withDocument: w }),
    ],
    [
      'divert',
      'non_acceptance_notice',
      (id, a, w) => svc.divertPetition(deps, a, id, { route: 'arbitration', reason: '已申请仲裁', withDocument: w }),
    ],
    [
      'notAccept',
      'non_acceptance_notice',
      (id, a, w) => svc.notAcceptPetition(deps, a, id, { reason: '重复信访', withDocument: w }),
    ],
    [
      'assign',
      'transfer_notice',
      (id, a, w) => svc.assignPetition(deps, a, id, { handlingUnitId: org.units.mineA.id, withDocument: w }),
    ],
    [
      'forward',
      'transfer_notice',
      (id, a, w) => svc.forwardPetition(deps, a, id, { handlingUnitId: org.units.mineA.id, withDocument: w }),
    ],
    [
      'extend',
      'extension_notice',
      (id, a, w) => svc.extendPetition(deps, a, id, { days: 10, reason: '需调取记录', withDocument: w }),
    ],
    ['draftReply', 'reply', (id, a, w) => svc.draftReply(deps, a, id, { ...REPLY, withDocument: w })],
  ];

  it.each(STEPS)('%s makes its %s in the same step when asked, and only then', async (verb, kind, take) => {
    const asked = await readyFor(verb);
    await take(asked.id, asked.actor, true);
    const docs = await listDocuments(deps, org.users['officer@root']!, asked.id);
    expect(docs.items.map((d) => d.kind)).toEqual([kind]);
    const events = (await svc.getPetition(deps, org.users['officer@root']!, asked.id)).events;
    // The step, then its document on the timeline, in one transaction.
    expect(events.slice(-2).map((e) => e.kind)).toEqual([verb, 'generateDocument']);
    expect(events.at(-1)?.data).toMatchObject({ kind, number: docs.items[0]?.number });

    const plain = await readyFor(verb);
    await take(plain.id, plain.actor, false);
    expect((await listDocuments(deps, org.users['officer@root']!, plain.id)).items).toEqual([]);
  });

  it('a step refused writes no document', async () => {
    const { id, actor } = await readyFor('extend');
    await svc.extendPetition(deps, actor, id, { days: 25, reason: '需调取记录' });
    expect(
      await codeOf(svc.extendPetition(deps, actor, id, { days: 10, reason: '再次延期', withDocument: true })),
    ).toBe('EXTENSION_LIMIT_EXCEEDED');
    expect(await ctx.deps.db.selectFrom('petition_document').selectAll().execute()).toEqual([]);
  });

  it('the reply drafted with its proof is the document 签发 issues', async () => {
    const { id, actor } = await readyFor('draftReply');
    await svc.draftReply(deps, actor, id, { ...REPLY, withDocument: true });
    await svc.issueReply(deps, org.users['chief@root']!, id, { deliveryMethod: 'in_person' });
    const docs = (await listDocuments(deps, actor, id)).items;
    expect(docs.map((d) => [d.kind, d.delivery?.method])).toEqual([['reply', 'in_person']]);
  });

  it('a reply of the group itself names its own leaders for the 复查 (the top of the tree)', async () => {
    const { id, actor } = await readyFor('draftReply');
    await svc.draftReply(deps, actor, id, { ...REPLY, withDocument: true });
    const reply = (await listDocuments(deps, actor, id)).items[0]!;
    expect(reply.content.issuingUnit).toBe('测试能源集团');
    expect(allText(reply)).toContain('向测试能源集团（由未参与原处理的负责人复查）书面请求复查');
  });
});
