/**
 * The 法规政策库 on a real database (SQLite here, PostgreSQL with TEST_DATABASE_URL): the built-in
 * regulation, versions in force by date, repeal, search in Chinese through the text engine's index,
 * suggestions for a case by its category and its words, who may keep the library.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { registerPetition } from '../intake/index.ts';
import { snapshotTables } from '../../test/db-snapshot.ts';
import { employeeLetter, serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { REGULATION_ARTICLES, REGULATION_TITLE, ensureBuiltInKnowledge } from './built-in.ts';
import * as svc from './knowledge.service.ts';

const world = serviceWorld({ knowledge: true });
const officer = (): Actor => world.user('officer@root');

/** The group's wage policy: 第十二条 (overtime, tagged 工资薪酬 01) and 第二十条 (housing, 07). */
async function wagePolicy() {
  const doc = await svc.createDocument(world.deps, officer(), {
    kind: 'policy',
    title: '集团公司职工薪酬管理办法',
    issuer: '集团公司人力资源部',
    documentNumber: '集团人〔2024〕3号',
  });
  await svc.addArticle(world.deps, officer(), doc.id, {
    number: '第十二条',
    text: '职工加班的，所在单位应当按规定足额支付加班工资，不得以调休、补助代替。加班工资随当月工资一并发放。',
    effectiveFrom: '2024-01-01',
    categoryCodes: ['01'],
  });
  const withHousing = await svc.addArticle(world.deps, officer(), doc.id, {
    number: '第二十条',
    text: '职工住房补贴按工龄和岗位分档发放，由各矿按月随工资支付。',
    effectiveFrom: '2024-01-01',
    categoryCodes: ['07'],
  });
  const [overtime, housing] = withHousing.articles;
  if (overtime === undefined || housing === undefined) throw new Error('two articles expected');
  return { doc: withHousing, overtime, housing };
}

describe('ensureBuiltInKnowledge', () => {
  it('loads the 《信访工作条例》 once, every article in force from 2022-05-01 and citable today', async () => {
    expect(await ensureBuiltInKnowledge(world.ctx.deps)).toBe(0);
    const list = await svc.listDocuments(world.deps, officer());
    const regulation = list.items.find((d) => d.title === REGULATION_TITLE);
    expect(regulation).toMatchObject({ builtIn: true, kind: 'regulation', articleCount: REGULATION_ARTICLES.length });
    const detail = await svc.getDocument(world.deps, officer(), regulation?.id ?? '');
    const art32 = detail.articles.find((a) => a.number === '第三十二条');
    expect(art32?.versions).toEqual([expect.objectContaining({ effectiveFrom: '2022-05-01', effectiveTo: null })]);
    expect(art32?.currentVersionId).toBe(art32?.versions[0]?.id);
  });
});

describe('versions in force', () => {
  it('a new version ends the one before on the day before; each is found for its own dates', async () => {
    const { overtime } = await wagePolicy();
    const after = await svc.addVersion(world.deps, officer(), overtime.id, {
      text: '职工加班的，所在单位应当按规定足额支付加班工资，并在次月工资发放日前支付完毕。',
      effectiveFrom: '2026-01-01',
    });
    const versions = after.articles.find((a) => a.id === overtime.id)?.versions ?? [];
    expect(versions.map((v) => [v.effectiveFrom, v.effectiveTo])).toEqual([
      ['2024-01-01', '2025-12-31'],
      ['2026-01-01', null],
    ]);
    const [old, current] = versions;
    const on = async (date: string) =>
      (await svc.searchArticles(world.deps, officer(), { q: '加班工资', on: date })).items.map((h) => h.versionId);
    expect(await on('2025-12-31')).toEqual([old?.id]);
    expect(await on('2026-01-01')).toEqual([current?.id]);
    expect(await on('2023-12-31')).toEqual([]);
  });

  it('refuses a version that does not take effect after the latest began, naming effectiveFrom, writing nothing', async () => {
    const { overtime } = await wagePolicy();
    const before = await snapshotTables(world.ctx.database);
    const error = await svc
      .addVersion(world.deps, officer(), overtime.id, { text: '新的文本内容', effectiveFrom: '2024-01-01' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['effectiveFrom'] }] },
    });
    expect(await snapshotTables(world.ctx.database)).toEqual(before);
  });

  it('a repealed article is not in force after its last day, stays found for the days before, and takes no new text', async () => {
    const { overtime } = await wagePolicy();
    await svc.repealArticle(world.deps, officer(), overtime.id, { effectiveTo: '2026-02-28' });
    const found = async (on: string) =>
      (await svc.searchArticles(world.deps, officer(), { q: '加班', on })).items.map((h) => h.articleId);
    expect(await found('2026-02-28')).toEqual([overtime.id]);
    expect(await found('2026-03-01')).toEqual([]);
    const error = await svc
      .addVersion(world.deps, officer(), overtime.id, { text: '重新施行的文本', effectiveFrom: '2026-06-01' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['effectiveFrom'] }] } });
  });
});

describe('searchArticles', () => {
  it('finds by Chinese words of two characters or more (all terms), by kind and by category', async () => {
    const { overtime, housing } = await wagePolicy();
    const ids = async (query: Parameters<typeof svc.searchArticles>[2]) =>
      (await svc.searchArticles(world.deps, officer(), query)).items.map((h) => h.articleId);
    expect(await ids({ q: '加班工资', kind: 'policy' })).toEqual([overtime.id]);
    expect(await ids({ q: '住房 补贴' })).toEqual([housing.id]);
    expect(await ids({ q: '住房 加班' })).toEqual([]);
    expect(await ids({ q: '工资', kind: 'policy' })).toEqual([overtime.id, housing.id]);
    // A second-level category finds the articles tagged with its first level.
    expect(await ids({ categoryCode: '0104', kind: 'policy' })).toEqual([overtime.id]);
    expect(await ids({ categoryCode: '07' })).toEqual([housing.id]);
    // The regulation: 复查 is in 第三十五条 and 第三十六条 ("复查意见" in both).
    const review = await svc.searchArticles(world.deps, officer(), { q: '复查意见' });
    expect(review.items.map((h) => h.number)).toEqual(['第三十五条', '第三十六条']);
    // The document's title is searched too.
    expect((await ids({ q: '薪酬管理' })).sort()).toEqual([overtime.id, housing.id].sort());
  });
});

describe('suggestArticles', () => {
  it("ranks a case's own category first, then words of its text; only the case's readers ask", async () => {
    const { overtime, housing } = await wagePolicy();
    const { petition } = await registerPetition(
      world.deps,
      officer(),
      employeeLetter('综采一队拖欠加班工资', '本人2026年1月至2月加班工资未发放，单位以调休代替，请求补发。', {
        categoryCode: '0104',
      }),
    );
    const view = await svc.suggestArticles(world.deps, officer(), petition.id);
    const first = view.items[0];
    expect(first).toMatchObject({ articleId: overtime.id, reasons: ['category', 'text'] });
    expect(first?.matchedWords).toEqual(expect.arrayContaining(['加班', '工资', '调休']));
    // The housing article holds 工资 too, but neither its tag nor as many words.
    const housingRank = view.items.findIndex((h) => h.articleId === housing.id);
    expect(housingRank === -1 || housingRank > 0).toBe(true);
    // Someone who may not read the case learns nothing of it.
    expect(await codeOf(svc.suggestArticles(world.deps, world.user('officer@mineA'), petition.id))).toBe('NOT_FOUND');
  });

  it('without a category, suggests by the words alone', async () => {
    const { overtime } = await wagePolicy();
    const { petition } = await registerPetition(
      world.deps,
      officer(),
      employeeLetter('加班工资用调休代替', '连续三个月加班，单位只给调休不发加班工资。'),
    );
    const view = await svc.suggestArticles(world.deps, officer(), petition.id);
    expect(view.items[0]).toMatchObject({ articleId: overtime.id, reasons: ['text'] });
  });
});

describe('who keeps the library', () => {
  it('the office at the group and the admin manage; a mine office, a handler and the auditor read only', async () => {
    const input = { kind: 'policy' as const, title: '矿区住房管理规定' };
    for (const key of ['officer@mineA', 'handler@teamA1', 'auditor@root', 'admin@mineA']) {
      expect(await codeOf(svc.createDocument(world.deps, world.user(key), input)), key).toBe('FORBIDDEN');
    }
    expect(await codeOf(svc.listDocuments(world.deps, world.user('partner@deptHr')))).toBe('FORBIDDEN');
    for (const key of ['handler@teamA1', 'auditor@root', 'unit_head@crewA1']) {
      expect((await svc.listDocuments(world.deps, world.user(key))).canManage, key).toBe(false);
    }
    const made = await svc.createDocument(world.deps, world.user('admin@root'), input);
    expect(made.canManage).toBe(true);
  });

  it('refuses a tag outside the taxonomy, naming it', async () => {
    const doc = await svc.createDocument(world.deps, officer(), {
      kind: 'model_reply',
      title: '关于井下津贴的答复口径',
    });
    const error = await svc
      .addArticle(world.deps, officer(), doc.id, {
        number: '口径一',
        text: '井下津贴按实际下井天数计发。',
        effectiveFrom: '2025-01-01',
        categoryCodes: ['01', '77'],
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['categoryCodes', 1] }] } });
    expect((await svc.getDocument(world.deps, officer(), doc.id)).articles).toEqual([]);
  });
});
