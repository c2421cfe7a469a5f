import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../../common/i18n/index.ts';
import { statisticsMonthExample } from './statistics-month.ts';

describe('statisticsMonthExample', () => {
  const zh = catalogs['zh-CN'];
  it.each([
    [1, '1 → 自然月（本月1日至月末）'],
    [21, '21 → 上月21日至本月20日'],
    [2, '2 → 上月2日至本月1日'],
  ])('explains start day %i', (day, text) => {
    expect(statisticsMonthExample(zh, day)).toBe(text);
  });
});
