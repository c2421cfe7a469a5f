/**
 * The example beside the 统计月 start day: with day d > 1 a statistics month runs from the d-th of
 * last month to the (d − 1)-th of this one (common/domain/statistics-period.ts names a month after
 * the calendar month it ends in); day 1 is the calendar month.
 */
import { format, type Catalog } from '../../../../common/i18n/index.ts';

export function statisticsMonthExample(t: Catalog, day: number): string {
  const labels = t.settings.statisticsMonth;
  return day <= 1 ? labels.calendarMonth : format(labels.example, { day, end: day - 1 });
}
