/** The calendar page's rows and the checks made before a year is sent. */
import { weekdayOf, type CalendarEntryKind } from '../../../../common/domain/calendar.ts';

export type EntryRow = { key: string; date: string | null; kind: CalendarEntryKind; name: string };

export type EntryProblem = 'required' | 'outside' | 'duplicate' | 'workdayOnWeekday';

/** Problems by row index: a missing date, a date outside `year`, a 调休 workday on a weekday, a date listed twice. */
export function entryProblems(rows: readonly EntryRow[], year: number): Map<number, EntryProblem> {
  const problems = new Map<number, EntryProblem>();
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.date === null) {
      problems.set(index, 'required');
      return;
    }
    if (!row.date.startsWith(`${year}-`)) problems.set(index, 'outside');
    else if (row.kind === 'workday' && weekdayOf(row.date) < 6) problems.set(index, 'workdayOnWeekday');
    const first = seen.get(row.date);
    if (first === undefined) seen.set(row.date, index);
    else {
      problems.set(index, 'duplicate');
      if (!problems.has(first)) problems.set(first, 'duplicate');
    }
  });
  return problems;
}
