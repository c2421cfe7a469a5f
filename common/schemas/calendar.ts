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
  /** The State Council's notice for this year when the system holds it (cited), to load and correct. */
  notice: z.object({ title: z.string(), published: z.string(), entries: z.array(CalendarEntrySchema) }).nullable(),
  /**
   * The years today's deadlines depend on (this one; the next from October) without a single holiday
   * loaded: every limit counted in them is off (docs/domain.md, "The working-day calendar").
   */
  missingYears: z.array(z.number().int()),
});
export type CalendarYearView = z.infer<typeof CalendarYearViewSchema>;
