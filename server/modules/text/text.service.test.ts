import { sql } from 'kysely';
import { registerPetition } from '../intake/index.ts';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld, employeeLetter as letter } from '../../test/factories.ts';
import { candidateTexts, findTextMatches, fingerprintOf, writeFingerprint } from './fingerprint-index.ts';
import { StatementCounter } from '../../test/statement-counter.ts';
import { querySamples, repeatShingles, VERIFY_LIMIT } from '../../text/repeat-engine.ts';
import * as petitions from '../petition/index.ts';
import type { LookupStats } from './index.ts';
import * as text from './text.service.ts';
import { scanWarnings } from '../warning/index.ts';

let ctx: TestContext;
let org: Org;
let deps: text.TextDeps;
serviceWorld({ taxonomy: true }, (world) => {
  ({ ctx, org } = world);
  deps = { ...world.deps, models: text.createTextModelCache() };
});

const WAGES =
  '我是甲矿综采一队的职工，二〇二五年十月至十二月的绩效工资一直没有发放，队里说要等考核结果出来再定。' +
  '我们每天按时下井，出勤天数都有记录，考核办法却从来没有公开过。请求矿上尽快核实并补发拖欠的绩效工资，公开考核扣款的依据。';
// The same matter sent again: sentences reordered, a typo, other punctuation, a line added.
const WAGES_AGAIN =
  '我们每天按时下井, 出勤天数都有记录, 考核办法却从来没有公开过! 我是甲矿综采一队的职工, 二〇二五年十月至十二月的绩效工资一直没有发放, 队里说要等考核结果出来再定. ' +
  '请求矿上尽快核实并补发拖欠的绩效工资, 公开考核扣款的依据. 上次反映后至今没有答复.';
const CANTEEN =
  '职工食堂的饭菜价格上涨了三成，分量却越来越少，夜班职工下班后常常买不到热饭。希望后勤部门调整价格并延长夜班的供餐时间。';

const officerRoot = () => org.users['officer@root']!;
const officerA = () => org.users['officer@mineA']!;

describe('findRepeats', () => {
  it('offers an edited re-submission with its similarity, and nothing for an unrelated petition', async () => {
    const { petition: first } = await registerPetition(deps, officerRoot(), letter('绩效工资未发放', WAGES));
    await registerPetition(deps, officerRoot(), letter('食堂饭菜贵', CANTEEN));

    const found = await text.findRepeats(deps, officerRoot(), { title: '绩效工资拖欠', body: WAGES_AGAIN });
    expect(found.items.map((i) => i.petition.id)).toEqual([first.id]);
    expect(found.items[0]!.score).toBeGreaterThan(0.5);
    expect(found.items[0]!.reasons[0]!.code).toMatch(/^text_/);
    expect(found.notAcceptAgain).toBe(false);

    const unrelated = await text.findRepeats(deps, officerRoot(), {
      title: '班车',
      body: '矿区到县城的通勤班车每天只有一趟，早班职工赶不上，请求增加班次并调整发车时间。',
    });
    expect(unrelated.items).toEqual([]);
    // The case itself is never its own repeat.
    expect(
      (await text.findRepeats(deps, officerRoot(), { title: '绩效工资未发放', body: WAGES, excludeId: first.id }))
        .items,
    ).toEqual([]);
  });

  it('adds identity reasons, but identity alone is not a repeat', async () => {
    const idNumber = '110101199003074514';
    const { petition: first } = await registerPetition(
      deps,
      officerRoot(),
      letter('绩效工资未发放', WAGES, {
        petitioners: [
          { name: '王师傅', identity: 'employee', idNumber, phone: '13800138000', unitId: org.units.teamA1.id },
        ],
      }),
    );
    const same = await text.findRepeats(deps, officerRoot(), {
      title: '绩效工资拖欠',
      body: WAGES_AGAIN,
      identity: { idNumber, phone: '138 0013 8000', name: '王师傅', unitId: org.units.teamA1.id },
    });
    expect(same.items.map((i) => i.petition.id)).toEqual([first.id]);
    expect(
      same.items[0]!.reasons.map((r) => r.code)
        .slice(1)
        .sort(),
    ).toEqual(['same_id_number', 'same_name_unit', 'same_phone']);

    const otherMatter = await text.findRepeats(deps, officerRoot(), {
      title: '食堂',
      body: CANTEEN,
      identity: { idNumber },
    });
    expect(otherMatter.items).toEqual([]);
  });

  it('never suggests a case the officer may not see (scope, recusal)', async () => {
    // Registered at the root: mine A's office does not see it.
    await registerPetition(deps, officerRoot(), letter('绩效工资未发放', WAGES));
    expect((await text.findRepeats(deps, officerA(), { title: '', body: WAGES_AGAIN })).items).toEqual([]);
    expect((await text.findRepeats(deps, officerRoot(), { title: '', body: WAGES_AGAIN })).items).toHaveLength(1);

    // Registered at mine A naming mine A's chief: the chief is recused, mine A's officer sees it.
    await registerPetition(
      deps,
      officerA(),
      letter('食堂饭菜贵', CANTEEN, {
        type: 'accusation',
        purpose: 'report',
        namedPersons: [{ name: '矿长', userId: org.users['chief@mineA']!.id }],
      }),
    );
    expect((await text.findRepeats(deps, org.users['chief@mineA']!, { title: '', body: CANTEEN })).items).toEqual([]);
    expect((await text.findRepeats(deps, officerA(), { title: '', body: CANTEEN })).items).toHaveLength(1);
  });

  it('is for petition offices only', async () => {
    await expect(
      text.findRepeats(deps, org.users['handler@teamA1']!, { title: 'x', body: WAGES }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads the sample index, not the history: one statement and only the real candidates', async () => {
    // 40 unrelated petitions from a fixed pseudo-random draw of characters.
    const pool = Array.from(
      '矿井班组队职工资金补贴住房安全通风设备运输道路医疗保险养老退休食堂宿舍班车环境噪声粉尘绿化供暖用水电费维修合同培训考核岗位调动',
    );
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 40; i += 1) {
      const body = Array.from({ length: 60 }, () => pool[Math.floor(next() * pool.length)]).join('');
      await registerPetition(deps, officerRoot(), letter(`事项${i}`, body));
    }
    const { petition: target } = await registerPetition(deps, officerRoot(), letter('绩效工资未发放', WAGES));
    const stats: LookupStats = { candidates: 0 };
    const counter = new StatementCounter();
    const counted = { ...deps, db: deps.db.withPlugin(counter) };
    const found = await text.findRepeats(counted, officerRoot(), { title: '', body: WAGES_AGAIN }, stats);
    expect(found.items.map((i) => i.petition.id)).toEqual([target.id]);
    // One statement finds and reads the candidates; the rest is the viewer's summaries of what was found.
    const lookup = new StatementCounter();
    await findTextMatches(deps.db.withPlugin(lookup), '', WAGES_AGAIN);
    expect(lookup.count).toBe(1);
    expect(counter.count).toBeLessThanOrEqual(4);
    expect(stats.candidates).toBeLessThanOrEqual(3);
    const indexed = await ctx.deps.db
      .selectFrom('petition_fingerprint')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(String(indexed.n)).toBe('41');
    if (ctx.deps.dialect === 'sqlite') {
      // The look-up statement itself: a search of the primary key per sample (the newest entries
      // of its list, a range from the cap-th newest up), never a scan of the table.
      const samples = querySamples(repeatShingles(WAGES_AGAIN));
      const plan = await sql<{ detail: string }>`explain query plan ${candidateTexts(samples)}`.execute(ctx.deps.db);
      const details = plan.rows.map((r) => r.detail).join(' | ');
      expect(details).toMatch(/SEARCH t USING PRIMARY KEY \(shingle=\? AND petition_id>\?\)/);
      expect(details).toMatch(/SEARCH u USING PRIMARY KEY \(shingle=\?\)/);
      expect(details).not.toMatch(/SCAN (petition_text_sample|t|u)\b/);
    }
  });
});

describe('registering a likely repeat (issues #12, #19)', () => {
  // Issue #12 asks for at most half of the 35 it ran at cd59c03: 17 in bench:petition's demo, where the
  // same registration counts one more than here (a look-up of the petitioner by phone). The dashboard's
  // rollup (issue #20) added an UPSERT; the working-day calendar, kept per instance (CALENDAR_KEPT_MS),
  // took one away: 16 here, 17 in the bench.
  it('runs at most 16 statements here (17 in bench:petition; 35 at cd59c03): one look-up, one sample insert, no calendar read', async () => {
    const counter = new StatementCounter();
    const counted = { ...deps, db: deps.db.withPlugin(counter) };
    // The first registration through this handle reads the calendar it then keeps.
    const { petition: first } = await registerPetition(counted, officerRoot(), letter('绩效工资未发放', WAGES));
    counter.count = 0;
    const { petition: again } = await registerPetition(counted, officerRoot(), letter('绩效工资拖欠', WAGES_AGAIN));
    const row = await ctx.deps.db
      .selectFrom('petition')
      .select('repeat_of_id')
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow();
    expect(row.repeat_of_id).toBe(first.id);
    expect(counter.count).toBeLessThanOrEqual(16);
    // Its samples are filed, so the next letter finds it too.
    expect((await findTextMatches(deps.db, '', WAGES_AGAIN, { excludeId: first.id })).map((m) => m.petitionId)).toEqual(
      [again.id],
    );
  });
});

describe('the sample index under a mass complaint (issue #19)', () => {
  // The mechanism at a cap of VERIFY_LIMIT (the engine's POSTINGS_CAP is measured by bench:text-scale;
  // filing more than 256 letters here would only make the test slow).
  const cap = VERIFY_LIMIT;
  it('files every copy but reads only the newest `cap` of a list, so the look-up reads a bounded number of rows and offers the recent repeats', async () => {
    // The same wage letter filed by more workers than the cap, each with his own first line and the
    // sentences in his own order, through registration as an officer does it.
    const sentences = WAGES.split('。').filter((s) => s !== '');
    const copies = cap + 6;
    const filed: string[] = [];
    for (let k = 0; k < copies; k += 1) {
      const order = k % 2 === 0 ? sentences : [...sentences].reverse();
      const { petition } = await registerPetition(
        deps,
        officerRoot(),
        letter('绩效工资未发放', `我是第${k + 1}位联名职工。${order.join('。')}。`),
      );
      filed.push(petition.id);
    }
    const lists = await ctx.deps.db
      .selectFrom('petition_text_sample')
      .select(['shingle', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('shingle')
      .execute();
    const longest = Math.max(...lists.map((l) => Number(l.n)));
    expect(longest).toBe(copies);

    // The next copy: it verifies at most VERIFY_LIMIT candidates in one statement, all among the
    // newest `cap` filed (the first six are in no list it reads), and is offered them as repeats.
    const again = `我是后来的职工。${[...sentences].reverse().join('，')}。`;
    const stats: LookupStats = { candidates: 0 };
    const counter = new StatementCounter();
    const matches = await findTextMatches(deps.db.withPlugin(counter), '绩效工资拖欠', again, {
      stats,
      postingsCap: cap,
    });
    expect(counter.count).toBe(1);
    expect(stats.candidates).toBe(VERIFY_LIMIT);
    expect(matches).toHaveLength(VERIFY_LIMIT);
    expect(matches.every((m) => m.score >= 0.5)).toBe(true);
    const newest = new Set(filed.slice(-cap));
    expect(matches.every((m) => newest.has(m.petitionId))).toBe(true);

    // Full lists rank nothing into an unrelated letter's verdict.
    expect(await findTextMatches(deps.db, '', CANTEEN)).toEqual([]);
  }, 120_000);
});

describe('findRepeats: the same person with a case of the same category (issue #19)', () => {
  const phone = '13900139000';
  const person = () => ({ name: '李师傅', identity: 'employee' as const, phone, unitId: org.units.teamA1.id });
  // New words about the same matter: no text of the first letter survives.
  const NEW_WORDS = { title: '安置房的事', body: '我家安置房的事情到现在还是没有个说法，请领导帮忙过问一下，谢谢。' };
  const FIRST = '回迁时测量的面积比合同少了八平方米，找了几次都说以测量为准，要求重新测量并按合同面积安置。';

  it('offers the open case in new words with its reason; not for another category or another person', async () => {
    const { petition: first } = await registerPetition(
      deps,
      officerA(),
      letter('棚改回迁面积算错了', FIRST, { categoryCode: '0702', petitioners: [person()] }),
    );
    const identity = { phone: '139 0013 9000' };
    // The text alone finds nothing, and neither does the person without the category.
    expect((await text.findRepeats(deps, officerA(), { ...NEW_WORDS, categoryCode: '0702' })).items).toEqual([]);
    expect((await text.findRepeats(deps, officerA(), { ...NEW_WORDS, identity })).items).toEqual([]);
    const found = await text.findRepeats(deps, officerA(), { ...NEW_WORDS, categoryCode: '0702', identity });
    expect(found.items.map((i) => [i.petition.id, i.score, i.reasons.map((r) => r.code)])).toEqual([
      [first.id, 0.6, ['same_person_category', 'same_phone']],
    ]);
    const otherCategory = Object.keys(TRAINING).find((code) => code !== '0702')!;
    expect(
      (await text.findRepeats(deps, officerA(), { ...NEW_WORDS, categoryCode: otherCategory, identity })).items,
    ).toEqual([]);
    expect(
      (
        await text.findRepeats(deps, officerA(), {
          ...NEW_WORDS,
          categoryCode: '0702',
          identity: { phone: '13700137000' },
        })
      ).items,
    ).toEqual([]);
    // The case page asking about the case itself does not find it.
    expect(
      (
        await text.findRepeats(deps, officerA(), {
          ...NEW_WORDS,
          categoryCode: '0702',
          identity,
          excludeId: first.id,
        })
      ).items,
    ).toEqual([]);
  });

  it('offers a closed case while it is recent, not after RECENT_DAYS', async () => {
    const { petition: first } = await registerPetition(
      deps,
      officerA(),
      letter('棚改回迁面积算错了', FIRST, { categoryCode: '0702', petitioners: [person()] }),
    );
    await petitions.notAcceptPetition(deps, officerA(), first.id, { reason: '已由法院受理' });
    const query = { ...NEW_WORDS, categoryCode: '0702', identity: { phone } };
    expect((await text.findRepeats(deps, officerA(), query)).items.map((i) => i.petition.id)).toEqual([first.id]);
    ctx.clock.advance((text.RECENT_DAYS + 2) * 24 * 3600 * 1000);
    expect((await text.findRepeats(deps, officerA(), query)).items).toEqual([]);
  });

  it('never offers it to an officer who may not see it (scope, recusal)', async () => {
    await registerPetition(
      deps,
      officerA(),
      letter('棚改回迁面积算错了', FIRST, {
        categoryCode: '0702',
        petitioners: [person()],
        type: 'accusation',
        purpose: 'report',
        namedPersons: [{ name: '矿长', userId: org.users['chief@mineA']!.id }],
      }),
    );
    const query = { ...NEW_WORDS, categoryCode: '0702', identity: { phone } };
    // Recused: the accused never learns who accused him (第30条), not even as a likely repeat.
    expect((await text.findRepeats(deps, org.users['chief@mineA']!, query)).items).toEqual([]);
    expect((await text.findRepeats(deps, officerA(), query)).items).toHaveLength(1);
    // Registered at the root: mine A's office is out of scope.
    await registerPetition(
      deps,
      officerRoot(),
      letter('棚改房屋迟迟不交房', '安置房说好去年交房，到现在还没有交，过渡费也停了。', {
        categoryCode: '0702',
        petitioners: [{ ...person(), phone: '13600136000' }],
      }),
    );
    const rootOnly = { ...NEW_WORDS, categoryCode: '0702', identity: { phone: '13600136000' } };
    expect((await text.findRepeats(deps, officerA(), rootOnly)).items).toEqual([]);
    expect((await text.findRepeats(deps, officerRoot(), rootOnly)).items).toHaveLength(1);
  });
});

describe('writeFingerprint', () => {
  it('replaces the sample rows when the text changes, and writes nothing when it does not', async () => {
    const { petition } = await registerPetition(deps, officerRoot(), letter('绩效工资未发放', WAGES));
    const samplesOf = async () =>
      (
        await ctx.deps.db
          .selectFrom('petition_text_sample')
          .select('shingle')
          .where('petition_id', '=', petition.id)
          .execute()
      )
        .map((b) => b.shingle)
        .sort((a, b) => a - b);
    expect(await samplesOf()).toEqual([...fingerprintOf('绩效工资未发放', WAGES).samples].sort((a, b) => a - b));
    await ctx.deps.db.transaction().execute((trx) => writeFingerprint(trx, petition.id, '食堂饭菜贵', CANTEEN));
    expect(await samplesOf()).toEqual([...fingerprintOf('食堂饭菜贵', CANTEEN).samples].sort((a, b) => a - b));
    expect((await text.findRepeats(deps, officerRoot(), { title: '', body: WAGES_AGAIN })).items).toEqual([]);
  });
});

describe('registration and the 重复访 verbs', () => {
  it('flags a text match as a repeat at registration (no shared identity), and a new matter as first', async () => {
    const { petition: first } = await registerPetition(deps, officerRoot(), letter('绩效工资未发放', WAGES));
    expect(first.flags).toMatchObject({ first: true, repeat: false });
    const { petition: again } = await registerPetition(deps, officerRoot(), letter('绩效工资拖欠', WAGES_AGAIN));
    expect(again.flags).toMatchObject({ first: false, repeat: true });
    expect(again.events[0]!.data).toMatchObject({ repeatOf: first.id, repeatOfFinal: false });
    const { petition: other } = await registerPetition(deps, officerRoot(), letter('食堂饭菜贵', CANTEEN));
    expect(other.flags).toMatchObject({ first: true, repeat: false });
  });

  it('links a repeat (重复访) with an event and merges a duplicate (并单) as not accepted', async () => {
    const officer = officerRoot();
    const { petition: main } = await registerPetition(deps, officer, letter('食堂饭菜贵', CANTEEN));
    const { petition: dup } = await registerPetition(
      deps,
      officer,
      letter('反映食堂', `${CANTEEN}另外食堂卫生也差。`, { channel: 'phone' }),
    );
    const { petition: later } = await registerPetition(deps, officer, letter('绩效工资未发放', WAGES));

    const linked = await petitions.linkRepeat(deps, officer, later.id, {
      repeatOfId: main.id,
      note: '同一事项再次反映',
    });
    expect(linked.flags).toMatchObject({ repeat: true, first: false });
    expect(linked.events.at(-1)).toMatchObject({
      kind: 'linkRepeat',
      data: { repeatOf: main.id, repeatOfFinal: false },
    });
    await expect(petitions.linkRepeat(deps, officer, later.id, { repeatOfId: later.id })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      petitions.linkRepeat(deps, org.users['handler@teamA1']!, later.id, { repeatOfId: main.id }),
    ).rejects.toBeInstanceOf(DomainError);

    const merged = await petitions.notAcceptPetition(deps, officer, dup.id, {
      reason: '并单：与主案为同一事项',
      relatedPetitionId: main.id,
    });
    expect(merged.state).toBe('not_accepted');
    expect(merged.events.at(-1)!.data).toMatchObject({ relatedPetitionId: main.id });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', later.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('petition.linkRepeat');
  });
});

const TRAINING: Record<string, string[]> = {
  // 0103 拖欠工资
  '0103': [
    '工资拖欠三个月没有发放',
    '欠发工资至今未付',
    '工资迟迟不发生活困难',
    '拖欠的工资什么时候补发',
    '外包队伍工资被拖欠',
    '年底工资没有按时发放',
  ],
  // 0301 工伤认定
  '0301': [
    '井下受伤申请工伤认定',
    '工伤认定材料交了没有结果',
    '摔伤后单位不给报工伤',
    '工伤认定被拒请求复核',
    '受伤住院工伤手续不办',
    '要求认定为工伤并赔偿',
  ],
  // 0702 棚户区改造
  '0702': [
    '棚户区改造拆迁补偿太低',
    '棚改房屋迟迟不交房',
    '棚户区改造安置房质量差',
    '棚改回迁面积算错了',
    '棚户区拆迁后过渡费停发',
    '棚改新房漏水没人修',
  ],
};

function rows(category: string, unit: string, n: number) {
  return Array.from({ length: n }, () => ({ category_code: category, handling_unit_id: unit }));
}

async function registerTrainingSet(): Promise<void> {
  for (const [code, titles] of Object.entries(TRAINING)) {
    for (const [i, title] of titles.entries()) {
      await registerPetition(
        deps,
        officerRoot(),
        letter(title, `${title}，请领导重视。第${i + 1}次反映。`, { categoryCode: code }),
      );
    }
  }
}

describe('category suggestion', () => {
  it('says there is not enough data, then trains on the categorised petitions and suggests the right category and unit', async () => {
    const admin = org.users['admin@root']!;
    expect((await text.suggestCategory(deps, officerRoot(), { title: '工资', body: '工资拖欠' })).status).toBe(
      'no_model',
    );
    expect(await text.trainClassifier(deps, admin)).toMatchObject({
      trained: false,
      available: 0,
      minimum: text.MIN_TRAINING_SIZE,
    });

    await registerTrainingSet();
    await registerTrainingSet();
    // Little history (12 petitions per category): the model trains but says "no suggestion" rather than guess.
    expect(await text.trainClassifier(deps, admin)).toMatchObject({ trained: true, sampleSize: 36, classCount: 3 });
    expect(
      await text.suggestCategory(deps, officerRoot(), { title: '工资被拖欠', body: '我的工资已经拖欠两个月没有发放' }),
    ).toEqual({ status: 'uncertain', categories: [], handlingUnit: null });
    for (let round = 0; round < 5; round += 1) await registerTrainingSet();
    // The wage petitions were handled by the HR department, the others by mine A.
    await ctx.deps.db.updateTable('petition').set({ handling_unit_id: org.units.mineA.id }).execute();
    await ctx.deps.db
      .updateTable('petition')
      .set({ handling_unit_id: org.units.deptHr.id })
      .where('category_code', '=', '0103')
      .execute();
    const status = await text.trainClassifier(deps, admin);
    expect(status).toMatchObject({ trained: true, sampleSize: 126, classCount: 3 });
    const row = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'text.classifier.train')
      .executeTakeFirst();
    expect(row).toBeDefined();

    const wages = await text.suggestCategory(deps, officerRoot(), {
      title: '工资被拖欠',
      body: '我的工资已经拖欠两个月没有发放',
    });
    expect(wages.status).toBe('ready');
    expect(wages.categories[0]).toMatchObject({ code: '0103' });
    expect(wages.categories[0]!.label).toContain('拖欠工资');
    expect(wages.handlingUnit).toMatchObject({ id: org.units.deptHr.id, share: 1 });
    // Mine A's office cannot hand a case to the HR department: no unit offered.
    expect(
      (await text.suggestCategory(deps, officerA(), { title: '工资被拖欠', body: '工资拖欠' })).handlingUnit,
    ).toBeNull();
    const injury = await text.suggestCategory(deps, officerRoot(), { title: '', body: '下井摔伤了申请工伤认定' });
    expect(injury.categories[0]!.code).toBe('0301');
    // A fresh instance reads the stored model.
    const other = { ...deps, models: text.createTextModelCache() };
    expect(
      (await text.suggestCategory(other, officerRoot(), { title: '', body: '棚改安置房漏水' })).categories[0]!.code,
    ).toBe('0702');
  });

  it('is retrained by an enterprise administrator only', async () => {
    for (const key of ['officer@root', 'chief@root', 'admin@mineA', 'auditor@root']) {
      await expect(text.trainClassifier(deps, org.users[key]!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(
      text.suggestCategory(deps, org.users['handler@deptHr']!, { title: '', body: '工资' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('says "no suggestion" for a text it is not sure of', async () => {
    for (let round = 0; round < 7; round += 1) await registerTrainingSet();
    await text.trainClassifier(deps, org.users['admin@root']!);
    const vague = await text.suggestCategory(deps, officerRoot(), { title: '', body: '请领导重视' });
    expect(vague).toEqual({ status: 'uncertain', categories: [], handlingUnit: null });
  });

  it.each([
    [
      'one busy unit handles most of every category: never suggested for all of them',
      [...rows('A', 'busy', 8), ...rows('A', 'other', 2), ...rows('B', 'busy', 8), ...rows('B', 'other', 2)],
      {},
    ],
    [
      'each category its own unit: the one that handles it far more than the rest',
      [...rows('A', 'hr', 9), ...rows('A', 'mine', 1), ...rows('B', 'mine', 10), ...rows('C', 'mine', 10)],
      { A: { unitId: 'hr', share: 0.9 }, B: { unitId: 'mine', share: 1 }, C: { unitId: 'mine', share: 1 } },
    ],
    ['too few cases of a category to say', [...rows('A', 'hr', 4), ...rows('B', 'mine', 20)], {}],
    ['no unit handles half of a category', [...rows('A', 'u1', 4), ...rows('A', 'u2', 3), ...rows('A', 'u3', 3)], {}],
  ])('handling units: %s', (_case, data, expected) => {
    expect(text.handlingUnitsOf(data)).toEqual(expected);
  });

  it('trains once at start when there is no model and enough data', async () => {
    await registerTrainingSet();
    expect(await text.ensureClassifier(deps)).toBe(false); // 18 < 30
    await registerTrainingSet();
    expect(await text.ensureClassifier(deps)).toBe(true);
    expect(await text.ensureClassifier(deps)).toBe(false);
  });
});

describe('listHotspots', () => {
  const SMOKE = [
    '小区门口烧烤店油烟太大',
    '烧烤店油烟扰民晚上睡不着',
    '楼下烧烤店油烟和噪音扰民',
    '烧烤店深夜营业油烟噪音严重',
  ];
  const BUS = ['职工通勤班车太少', '通勤班车班次不够早班赶不上', '增加通勤班车班次', '通勤班车发车时间不合理'];

  it('groups petitions of the same matter in the viewer’s scope, with size, people and the cases', async () => {
    for (const title of SMOKE)
      await registerPetition(
        deps,
        officerA(),
        letter(title, `${title}，附近居民多次反映，请求有关部门处理烧烤店油烟问题。`),
      );
    for (const title of BUS)
      await registerPetition(deps, officerRoot(), letter(title, `${title}，请求后勤调整通勤班车。`));
    await registerPetition(deps, officerRoot(), letter('食堂饭菜贵', CANTEEN));

    const all = await text.listHotspots(deps, officerRoot(), {});
    expect(all.analysed).toBe(9);
    expect(all.capped).toBe(false);
    expect(all.items.map((h) => h.size).sort()).toEqual([4, 4]);
    const smoke = all.items.find((h) => h.title.includes('烧烤'))!;
    expect(smoke).toMatchObject({ size: 4, people: 4 });
    expect(smoke.petitionIds).toHaveLength(4);

    // Mine A's office sees only its own hotspot.
    const mine = await text.listHotspots(deps, officerA(), {});
    expect(mine.items.map((h) => h.title.includes('烧烤'))).toEqual([true]);
    // A period before the petitions holds nothing.
    expect((await text.listHotspots(deps, officerRoot(), { from: '2025-01-01', to: '2025-02-01' })).items).toEqual([]);
    await expect(
      text.listHotspots(deps, officerRoot(), { from: '2026-02-01', to: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('raises a hotspot warning for a matter that grew, once', async () => {
    const more = [...SMOKE, '烧烤店油烟熏得没法开窗', '烧烤店油烟投诉多次无果'];
    for (const title of more)
      await registerPetition(
        deps,
        officerA(),
        letter(title, `${title}，附近居民多次反映，请求有关部门处理烧烤店油烟问题。`),
      );
    await scanWarnings(deps);
    const raised = await ctx.deps.db.selectFrom('warning').selectAll().where('kind', '=', 'hotspot').execute();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ unit_id: org.units.mineA.id, level: 'yellow' });
    const ids = JSON.parse(raised[0]!.petition_ids_json) as string[];
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(JSON.parse(raised[0]!.reasons_json)).toMatchObject([
      { code: 'hotspot', detail: { size: ids.length, people: ids.length, days: 28 } },
    ]);
    await scanWarnings(deps);
    expect(await ctx.deps.db.selectFrom('warning').select('id').where('kind', '=', 'hotspot').execute()).toHaveLength(
      1,
    );
  });
});
