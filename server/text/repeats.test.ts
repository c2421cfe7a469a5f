import { describe, expect, it } from 'vitest';
import { POSTINGS_CAP } from './repeat-engine.ts';
import { identityKeys, RepeatIndex } from './repeats.ts';

const ORIGINAL =
  '我叫王某某，是矿业集团二号井的井下采煤工人。2023年5月在工作面被落煤砸伤左腿，已经做了工伤认定，鉴定为九级伤残。' +
  '但是到现在单位既不支付一次性伤残补助金，也不报销后续的医疗费。我多次找矿上劳资科，他们一直推说等集团批复。' +
  '另外受伤以后这半年的工资也没有发，家里老人孩子生活很困难。请求有关部门督促单位依法落实工伤待遇，补发拖欠的工资。';

const SUBSIDENCE =
  '我们是采煤塌陷区李家村的村民，村里房屋出现大面积裂缝，去年雨季有两户的院墙倒塌。镇里说要整体搬迁安置，' +
  '但是安置房选址和补偿标准到现在都没有公布，村民多次去问也没有答复。请求尽快公布搬迁安置方案，保障村民的居住安全。';

const OTHER_INJURY =
  '我是洗煤厂的职工，去年冬天在检修皮带时手被卷伤，厂里说是我自己违章操作，不给申报工伤。我想问问这种情况应该找哪个部门申请工伤认定，需要准备哪些材料。';

const SOCIAL_INSURANCE =
  '我在矿上干了十二年，今年办理退休时才发现单位有三年没有给我缴纳养老保险，社保局说断缴影响养老金计算。请领导帮忙协调单位补缴社保。';

function sentences(text: string): string[] {
  return text.match(/[^。]+。/gu) ?? [text];
}

const [s1 = '', s2 = '', s3 = '', s4 = '', s5 = '', s6 = ''] = sentences(ORIGINAL);

describe('RepeatIndex.query', () => {
  const index = RepeatIndex.build([
    {
      id: 'p-original',
      text: ORIGINAL,
      identity: { idNumber: '110105194912310021', phone: '13800138000', name: '王某某', unit: '二号井', user: 'U1' },
    },
    { id: 'p-subsidence', text: SUBSIDENCE, identity: { user: 'U2' } },
    { id: 'p-other-injury', text: OTHER_INJURY, identity: { user: 'U3' } },
    { id: 'p-social-insurance', text: SOCIAL_INSURANCE, identity: { user: 'U1' } },
  ]);

  it.each([
    ['the very same text', ORIGINAL],
    ['other punctuation and spacing', ORIGINAL.replace(/，/g, ' ').replace(/。/g, '！\n')],
    ['reordered sentences', [s3, s1, s2, s5, s4, s6].join('')],
    [
      'a paragraph added',
      `${ORIGINAL}\n此事我在三月份已经反映过一次，矿上至今没有给任何答复，所以再次反映，希望领导重视。`,
    ],
    ['a paragraph cut', [s1, s2, s3, s4].join('')],
    [
      'typos',
      ORIGINAL.replace('落煤', '洛煤')
        .replace('劳资科', '劳资课')
        .replace('伤残补助金', '伤残补助经')
        .replace('孩子', '孩字'),
    ],
    [
      'full-width digits and traditional characters',
      ORIGINAL.replace('2023', '２０２３').replace('工伤认定', '工傷認定').replace('医疗费', '醫療費'),
    ],
  ])('finds the original after %s', (_case, text) => {
    const [best] = index.query(text);
    expect(best?.id).toBe('p-original');
    expect(best?.score).toBeGreaterThan(0.5);
    expect(best?.reasons[0]).toMatch(/^正文(相似|包含) \d\.\d\d$/);
  });

  it.each([
    [
      'another petition about a work injury',
      '我是机电队的工人，在井下检修时摔伤了腰，单位不给认定工伤，也不报销医疗费，请问该怎么办？',
    ],
    ['a subsidence petition of another village', '我们是塌陷区张庄的村民，房子裂了，要求搬迁安置，补偿标准不清楚。'],
    ['a short text contained in the original', '工伤认定'],
    ['an empty text', '。，'],
  ])('offers nothing for %s', (_case, text) => {
    expect(index.query(text)).toEqual([]);
  });

  it('names the identity facts that agree as further reasons', () => {
    const [best] = index.query([s2, s1, s3, s4, s5, s6].join(''), {
      idNumber: '110105194912310021',
      phone: '138-0013-8000',
      name: '王某某',
      unit: '二号井',
    });
    expect(best?.id).toBe('p-original');
    expect(best?.reasons.slice(1)).toEqual(['同一证件号', '同一电话', '同名同单位']);
  });

  it('never offers a petition for identity alone: another matter of the same person is not a repeat', () => {
    expect(
      index.query(SOCIAL_INSURANCE.replace('十二年', '十三年'), { user: 'U1' }).map((m) => [m.id, m.reasons]),
    ).toEqual([['p-social-insurance', [expect.stringMatching(/^正文相似/), '同一用户']]]);
  });

  it('finds a new letter that keeps a third of the old sentences in a new frame (containment)', () => {
    const letter = `各位领导：上次反映的事情还没有解决。${s3}${s4}恳请尽快解决。`;
    const [best] = index.query(letter);
    expect(best?.id).toBe('p-original');
    expect(best?.reasons[0]).toMatch(/^正文包含/);
  });

  it('accepts a weaker text match when the identity agrees', () => {
    const little =
      s1 +
      '现在腿伤复发了，又花了不少医药费，单位还是不管。家里的房子也漏雨，孩子上学的学费还没有着落，' +
      '村里的低保也没有评上，去乡里问了几次都说不归他们管，我实在没有办法了，只好写信给各位领导。' +
      '老母亲今年八十多岁，常年卧床需要人照顾，妻子没有工作，全家就靠我一个人，希望领导体谅我们的难处。';
    expect(index.query(little).map((m) => m.id)).not.toContain('p-original');
    expect(index.query(little, { user: 'U1' }).map((m) => m.id)).toContain('p-original');
  });

  it('leaves out the record itself and honours the limit', () => {
    expect(index.query(ORIGINAL, undefined, { excludeId: 'p-original' })).toEqual([]);
    const crowded = RepeatIndex.build(['a', 'b', 'c'].map((id) => ({ id, text: ORIGINAL })));
    expect(crowded.query(ORIGINAL, undefined, { limit: 2 }).map((m) => m.id)).toEqual(['a', 'b']);
  });
});

describe('RepeatIndex maintenance', () => {
  it('forgets a removed petition and replaces one added again under the same id', () => {
    const index = RepeatIndex.build([
      { id: 'x', text: ORIGINAL },
      { id: 'y', text: SUBSIDENCE },
    ]);
    expect(index.remove('x')).toBe(true);
    expect(index.remove('x')).toBe(false);
    expect(index.query(ORIGINAL)).toEqual([]);
    index.add({ id: 'y', text: ORIGINAL });
    expect(index.size).toBe(1);
    expect(index.query(SUBSIDENCE)).toEqual([]);
    expect(index.query(ORIGINAL).map((m) => m.id)).toEqual(['y']);
  });

  it('reads the newest POSTINGS_CAP of a long list (the greatest ids, whatever order they came in), as the database does', () => {
    // More copies of one letter than the cap, added out of id order: the candidates are the newest.
    const ids = Array.from({ length: POSTINGS_CAP + 10 }, (_, i) => `p${String(i).padStart(3, '0')}`);
    const shuffled = [...ids].sort((a, b) => (a.slice(-1) < b.slice(-1) ? -1 : a.slice(-1) > b.slice(-1) ? 1 : 0));
    const index = RepeatIndex.build(shuffled.map((id) => ({ id, text: ORIGINAL })));
    const newest = new Set(ids.slice(-POSTINGS_CAP));
    const found = index.query(ORIGINAL).map((m) => m.id);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((id) => newest.has(id))).toBe(true);
    // Removing the newest brings an older copy into the lists read.
    for (const id of ids.slice(-POSTINGS_CAP)) index.remove(id);
    expect(index.query(ORIGINAL).map((m) => m.id)).toEqual(ids.slice(0, 10));
  });

  it('survives a JSON round trip with the same answers and no texts inside', () => {
    const index = RepeatIndex.build([
      { id: 'x', text: ORIGINAL, identity: { user: 'U1' } },
      { id: 'y', text: SUBSIDENCE },
    ]);
    const json = JSON.stringify(index.toJSON());
    expect(json).not.toContain('井下');
    const restored = RepeatIndex.fromJSON(JSON.parse(json) as ReturnType<RepeatIndex['toJSON']>);
    const query = [s2, s1, s3, s4].join('');
    expect(restored.query(query, { user: 'U1' })).toEqual(index.query(query, { user: 'U1' }));
    expect(restored.size).toBe(2);
  });
});

describe('identityKeys', () => {
  it.each([
    ['nothing', undefined, []],
    ['an ID number in lower case', { idNumber: '11010519491231002x' }, ['id:11010519491231002X']],
    ['a phone with separators', { phone: '138 0013 8000' }, ['phone:13800138000']],
    ['a name without a unit', { name: '王某某' }, []],
    ['name and unit', { name: '王 某某', unit: '二号井' }, ['nameunit:王某某|二号井']],
    ['a user code', { user: ' A00074011 ' }, ['user:A00074011']],
    ['blank values', { idNumber: '', phone: null, user: '' }, []],
  ])('%s', (_case, identity, keys) => {
    expect(identityKeys(identity)).toEqual(keys);
  });
});
