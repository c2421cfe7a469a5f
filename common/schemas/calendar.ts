import { z } from 'zod';
import { CalendarEntrySchema } from '../domain/calendar.ts';

/** The working-day calendar of one year: 法定节假日 and 调休上班日, as the State Council announces them. */
export const CalendarYearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const CalendarYearInputSchema = z.object({ entries: z.array(CalendarEntrySchema).max(120) }).strict();
export const CalendarYearViewSchema = z.object({
  year: z.number().int(),
  entries: z.array(CalendarEntrySchema),
  /** Whether the caller may load the year (an enterprise administrator). */
  canManage: z.boolean(),
});
export type CalendarYearView = z.infer<typeof CalendarYearViewSchema>;
