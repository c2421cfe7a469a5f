/** The working-day calendar: one year's holidays and 调休 workdays, read and replaced whole. */
import type { CalendarEntry } from '../../../common/domain/calendar.ts';
import { CalendarYearViewSchema, type CalendarYearView } from '../../../common/schemas/calendar.ts';
import { api } from './client.ts';

export function getCalendarYear(year: number): Promise<CalendarYearView> {
  return api.get(`/api/calendar/${year}`, CalendarYearViewSchema);
}

export function saveCalendarYear(year: number, entries: CalendarEntry[]): Promise<CalendarYearView> {
  return api.put(`/api/calendar/${year}`, CalendarYearViewSchema, { entries });
}
