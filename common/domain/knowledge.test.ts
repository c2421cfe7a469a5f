import { describe, expect, it } from 'vitest';
import { inForceOn, newVersionProblem, quoteArticle, tagMatch, versionInForce } from './knowledge.ts';

const V1 = { id: 'v1', effectiveFrom: '2024-01-01', effectiveTo: '2025-12-31' };
const V2 = { id: 'v2', effectiveFrom: '2026-01-01', effectiveTo: null };

describe('inForceOn / versionInForce', () => {
  it.each([
    ['2023-12-31', undefined],
    ['2024-01-01', 'v1'],
    ['2025-12-31', 'v1'],
    ['2026-01-01', 'v2'],
    ['2099-01-01', 'v2'],
  ])('on %s the version in force is %s', (date, id) => {
    expect(versionInForce([V1, V2], date)?.id).toBe(id);
  });

  it('a repealed version ends on its last day, inclusive', () => {
    const repealed = { effectiveFrom: '2024-01-01', effectiveTo: '2026-02-28' };
    expect([inForceOn(repealed, '2026-02-28'), inForceOn(repealed, '2026-03-01')]).toEqual([true, false]);
  });
});

describe('newVersionProblem', () => {
  it.each([
    [[], '2020-01-01', null],
    [[V2], '2026-01-02', null],
    [[V2], '2026-01-01', 'not_after_latest'],
    [[V2], '2025-06-01', 'not_after_latest'],
    // Repealed on 2026-02-28: a version from 2026-03-01 follows without a gap; a later one would leave one.
    [[{ effectiveFrom: '2026-01-01', effectiveTo: '2026-02-28' }], '2026-03-01', null],
    [[{ effectiveFrom: '2026-01-01', effectiveTo: '2026-02-28' }], '2026-06-01', 'ended'],
  ] as const)('after %j a version from %s: %s', (versions, from, problem) => {
    expect(newVersionProblem(versions, from)).toBe(problem);
  });
});

describe('tagMatch', () => {
  it.each([
    [['0103'], '0103', 2],
    [['01'], '0103', 1],
    [['0104'], '0103', 0],
    [['0103'], '01', 1],
    [['01'], '01', 2],
    [['07'], '0103', 0],
    [['01'], null, 0],
  ] as const)('tags %j for a case of %s → %i', (tags, code, match) => {
    expect(tagMatch(tags, code)).toBe(match);
  });
});

describe('quoteArticle', () => {
  it('quotes title in 书名号, number and text', () => {
    expect(quoteArticle({ documentTitle: '信访工作条例', number: '第三十二条', text: '信访处理意见书……' })).toBe(
      '《信访工作条例》第三十二条：信访处理意见书……',
    );
    expect(quoteArticle({ documentTitle: '《劳动法》', number: '第五十条', text: '工资应当…' })).toBe(
      '《劳动法》第五十条：工资应当…',
    );
  });
});
