import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  bigramTokens,
  indexableBigrams,
  matchesSearchQuery,
  parseSearchQuery,
  segmentWords,
  toFts5Query,
  toTsQuery,
} from './segment.ts';

describe('segmentWords', () => {
  it('finds the two-character words of a coal-mine petition and drops stop words', () => {
    const words = segmentWords('我是煤矿井下工人，因工伤欠薪多次反映，采煤塌陷区的安置房至今没有落实，社保也没交。');
    for (const word of ['井下', '工伤', '欠薪', '塌陷', '安置', '社保']) expect(words).toContain(word);
    for (const stop of ['我', '的', '，', '也']) expect(words).not.toContain(stop);
  });

  it('keeps stop words on request and filters short words by length', () => {
    expect(segmentWords('我的工伤', { keepStopWords: true })).toContain('我');
    expect(segmentWords('井下工伤认定', { minLength: 2 }).every((w) => Array.from(w).length >= 2)).toBe(true);
  });

  it('segments normalised text (full width, traditional)', () => {
    expect(segmentWords('煤礦工傷')).toEqual(segmentWords('煤矿工伤'));
  });
});

describe('bigramTokens', () => {
  it.each([
    ['a two-character term is one token', '工伤', ['工伤']],
    ['a longer run becomes overlapping bigrams', '塌陷区', ['塌陷', '陷区']],
    ['punctuation separates runs', '欠薪，塌陷', ['欠薪', '塌陷']],
    ['a lone Han character stays a token', '矿 工伤', ['矿', '工伤']],
    ['letters and digits are one token each', 'A5区3号井', ['a5', '区', '3', '号井']],
    ['empty text', '，。 ', []],
  ])('%s', (_case, text, expected) => {
    expect(bigramTokens(text)).toEqual(expected);
  });

  it('joins tokens with spaces for the index column', () => {
    expect(indexableBigrams('井下工伤')).toBe('井下 下工 工伤');
  });
});

describe('search queries over bigrams', () => {
  it.each([
    ['工伤', [{ tokens: ['工伤'], prefix: false }], '"工伤"', "'工伤'"],
    [
      '塌陷区 欠薪',
      [
        { tokens: ['塌陷', '陷区'], prefix: false },
        { tokens: ['欠薪'], prefix: false },
      ],
      '"塌陷 陷区" AND "欠薪"',
      "('塌陷' <-> '陷区') & '欠薪'",
    ],
    ['矿', [{ tokens: ['矿'], prefix: true }], '"矿"*', "'矿':*"],
    [
      '工傷，社保',
      [
        { tokens: ['工伤'], prefix: false },
        { tokens: ['社保'], prefix: false },
      ],
      '"工伤" AND "社保"',
      "'工伤' & '社保'",
    ],
  ])('%s', (query, phrases, fts5, tsquery) => {
    expect(parseSearchQuery(query)).toEqual(phrases);
    expect(toFts5Query(query)).toBe(fts5);
    expect(toTsQuery(query)).toBe(tsquery);
  });

  it('gives null for a query without terms', () => {
    expect(toFts5Query(' ，。')).toBeNull();
    expect(toTsQuery('')).toBeNull();
  });

  it('finds two-character terms in an SQLite FTS5 table of bigrams, where a trigram index would not', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize = 'unicode61')");
    const texts = [
      '井下作业受伤，工伤认定一直没有结果',
      '采煤塌陷区的村民要求搬迁安置',
      '公司拖欠工资三个月，要求补发欠薪',
      '社保断缴，退休待遇受影响',
    ];
    const insert = db.prepare('INSERT INTO doc (rowid, body) VALUES (?, ?)');
    texts.forEach((t, i) => insert.run(i + 1, indexableBigrams(t)));
    const search = (query: string) =>
      (
        db.prepare('SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid').all(toFts5Query(query)) as {
          rowid: number;
        }[]
      ).map((r) => r.rowid);
    expect(search('工伤')).toEqual([1]);
    expect(search('塌陷区')).toEqual([2]);
    expect(search('欠薪')).toEqual([3]);
    expect(search('社保 退休')).toEqual([4]);
    expect(search('工伤认定')).toEqual([1]);
    expect(search('认定工伤')).toEqual([]);
    expect(search('塌')).toEqual([2]);
    db.close();
  });
});

describe('matchesSearchQuery', () => {
  it.each([
    ['夜班津贴应按实际下井时间计算', '夜班津贴', true],
    ['夜班津贴应按实际下井时间计算', '津贴 下井', true],
    ['夜班津贴应按实际下井时间计算', '津贴 工伤', false],
    ['夜班津贴应按实际下井时间计算', '班津', true],
    ['夜班津贴应按实际下井时间计算', '夜', true],
    ['夜班 津贴', '夜班津贴', false],
    ['A5区综采工作面', 'a5', true],
    ['任何文字', '  ', true],
  ] as const)('%s ? %s → %s', (text, query, expected) => {
    expect(matchesSearchQuery(text, query)).toBe(expected);
  });
});
