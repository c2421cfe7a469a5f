/** The calendar module's surface: the working-day calendar every deadline counts with. */
export { CALENDAR_KEPT_MS, calendarGaps, loadCalendar, workingCalendar } from './calendar.service.ts';
