import { describe, expect, it } from 'vitest';
import { outcomesText, parseOutcomes, replyDraftOf } from './reply.ts';

describe('the 四个到位 of a reply, stored', () => {
  it.each([
    [['resolved'], 'resolved'],
    [['assisted', 'resolved'], 'resolved,assisted'], // table order, whatever the order given
    [['enforced', 'explained', 'assisted', 'resolved'], 'resolved,explained,assisted,enforced'],
    [['resolved', 'resolved'], 'resolved'],
    [[], null],
  ] as const)('%j → %s', (kinds, text) => {
    expect(outcomesText(kinds)).toBe(text);
  });

  it.each([
    ['resolved,assisted', ['resolved', 'assisted']],
    ['assisted,resolved', ['resolved', 'assisted']],
    ['explained', ['explained']], // a case concluded with one outcome before the reply carried them
    ['resolved,unknown', ['resolved']],
    ['', []],
    [null, []],
  ] as const)('%s → %j', (text, kinds) => {
    expect(parseOutcomes(text)).toEqual(kinds);
  });
});

describe('replyDraftOf', () => {
  it('cuts a long petition to what a reply holds', () => {
    expect(Array.from(replyDraftOf({ title: '事项', body: '字'.repeat(12_000) }).factsAndReasons)).toHaveLength(10_000);
  });

  it('starts from the petitioner’s request and the facts and reasons they gave', () => {
    expect(replyDraftOf({ title: ' 补发加班工资 ', body: '一月至二月加班工资未发放。\n' })).toEqual({
      request: '补发加班工资',
      factsAndReasons: '一月至二月加班工资未发放。',
    });
  });
});
