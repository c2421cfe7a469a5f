import { describe, expect, it } from 'vitest';
import { containmentFromJaccard, estimateJaccard, exactSimilarity, MinHasher, shingleSet } from './minhash.ts';

const BASE =
  '我是三号井的井下工人，去年在采煤工作面受伤，工伤认定已经做了，但是单位一直拖着不给工伤待遇，医疗费也没有报销。';

describe('shingleSet', () => {
  it.each([
    [
      'punctuation and spaces',
      '我是三号井的井下工人 去年在采煤工作面受伤。工伤认定已经做了！但是单位一直拖着不给工伤待遇 医疗费也没有报销',
    ],
    [
      'full-width digits and traditional characters',
      '我是３号井的井下工人，去年在採煤工作面受傷，工傷認定已經做了，但是單位一直拖着不給工傷待遇，醫療費也沒有報銷。'.replace(
        '３',
        '三',
      ),
    ],
  ])('ignores %s', (_case, variant) => {
    expect(exactSimilarity(shingleSet(BASE), shingleSet(variant)).jaccard).toBeGreaterThan(0.9);
  });

  it.each([
    ['empty text', '，。', 0],
    ['shorter than a shingle', '工伤', 1],
    ['three characters', '塌陷区', 1],
    ['four characters', '塌陷区域', 2],
    ['repeated shingles once', '欠薪欠薪欠薪', 2],
  ])('counts the distinct shingles of %s', (_case, text, size) => {
    expect(shingleSet(text).length).toBe(size);
  });

  it('is sorted, so sets intersect in one merge', () => {
    const set = shingleSet(BASE);
    expect([...set]).toEqual([...set].sort((a, b) => a - b));
  });
});

describe('MinHash estimates', () => {
  const hasher = new MinHasher(256);
  const texts = [
    BASE,
    `${BASE}另外，我们矿上还有十几个工友的情况和我一样。`,
    '采煤塌陷区的房屋出现裂缝，村里要求整体搬迁安置，但是补偿标准一直没有公布。',
    BASE.slice(0, 30),
  ];
  it.each(texts.flatMap((a, i) => texts.slice(i + 1).map((b) => [a.slice(0, 8), b.slice(0, 8), a, b])))(
    'Jaccard of "%s…" and "%s…" is within 0.1 of the exact value',
    (_a, _b, a, b) => {
      const sa = shingleSet(a);
      const sb = shingleSet(b);
      const exact = exactSimilarity(sa, sb).jaccard;
      expect(Math.abs(estimateJaccard(hasher.signature(sa), hasher.signature(sb)) - exact)).toBeLessThan(0.1);
    },
  );

  it('gives identical signatures for the same set and in every process (fixed seeds)', () => {
    const set = shingleSet(BASE);
    expect(new MinHasher(256).signature(set)).toEqual(hasher.signature(set));
    expect(estimateJaccard(hasher.signature(set), hasher.signature(set))).toBe(1);
  });

  it('never matches an empty text', () => {
    const empty = hasher.signature(shingleSet(''));
    expect(estimateJaccard(empty, empty)).toBe(0);
  });
});

describe('containmentFromJaccard', () => {
  it.each([
    // J, |A|, |B|, containment
    [1, 100, 100, 1],
    [0.5, 100, 200, 1], // A inside B: |A∩B| = 100, |A∪B| = 200
    [0.25, 100, 100, 0.4], // |A∩B| = 40, union 160
    [0, 100, 100, 0],
    [0.5, 0, 10, 0],
  ])('J %f with sizes %i and %i gives %f', (jaccard, a, b, containment) => {
    expect(containmentFromJaccard(jaccard, a, b)).toBeCloseTo(containment, 6);
  });

  it('agrees with the exact containment of a text that gained a paragraph', () => {
    const a = shingleSet(BASE);
    const b = shingleSet(`${BASE}我们要求尽快落实工伤待遇，补发停工留薪期的工资。`);
    const exact = exactSimilarity(a, b);
    expect(containmentFromJaccard(exact.jaccard, a.length, b.length)).toBeCloseTo(exact.containment, 6);
  });
});
