/** The calendar module's surface: the working-day calendar every deadline counts with. */
export { calendarGaps, loadCalendar } from './calendar.service.ts';
