/** The remembered shingles (issue #20): the same shingles as computing them, whatever was remembered before. */
import { describe, expect, it } from 'vitest';
import { repeatShingles, repeatText } from '../../text/repeat-engine.ts';
import { SHINGLE_MEMO_TEXTS, shinglesOf } from './fingerprint-index.ts';

const TEXTS: [string | null, string][] = [
  ['综采一队加班工资未发放', '本人系综采一队职工，2026年1月至2月加班工资未按时发放，请求核实补发。'],
  // The same title with another body, and the same characters split differently between title and body.
  ['综采一队加班工资未发放', '本人系综采一队职工，加班工资未按时发放。'],
  ['综采一队', '加班工资未发放\n本人系综采一队职工，加班工资未按时发放。'],
  [null, '宿舍供暖不足，夜间室温低于十度。'],
  ['', ''],
  ['短', '文'],
];

describe('shinglesOf', () => {
  it('gives what repeatShingles computes, on first sight and when remembered', () => {
    for (const [title, body] of TEXTS) {
      const expected = repeatShingles(repeatText(title, body));
      expect(shinglesOf(title, body)).toEqual(expected);
      expect(shinglesOf(title, body)).toEqual(expected);
    }
  });

  it('is right again after more texts than it keeps pushed the first ones out', () => {
    for (let i = 0; i < SHINGLE_MEMO_TEXTS + 10; i += 1) shinglesOf(`第${i}号`, `职工反映第${i}件事项，请求处理。`);
    const [title, body] = TEXTS[0]!;
    expect(shinglesOf(title, body)).toEqual(repeatShingles(repeatText(title, body)));
    const long = '井下作业环境差，'.repeat(20_000);
    expect(shinglesOf('长文', long)).toEqual(repeatShingles(repeatText('长文', long)));
  });
});
