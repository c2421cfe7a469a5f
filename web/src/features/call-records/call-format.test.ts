import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../../common/i18n/zh-CN.ts';
import { durationSeconds, durationText } from './call-format.ts';

describe('call durations', () => {
  it('reads minutes and seconds', () => {
    expect(durationText(zhCN, 245)).toBe('4 分 5 秒');
  });

  it.each([
    [3, 0, 0, 180],
    [1.5, 0, 0, 90],
    [undefined, 0, 125_400, 125],
    [null, 1000, 1000, 0],
    [300, 0, 0, 4 * 3600],
  ])('minutes %s, open from %s to %s → %s s', (minutes, openedAt, now, expected) => {
    expect(durationSeconds(minutes, openedAt, now)).toBe(expected);
  });
});
