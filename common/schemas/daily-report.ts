/**
 * 日报告 / 零报告 contracts: the phone's report (with the key it made, so a resubmission is the same
 * report), the unit's day as the phone form shows it, the chief's morning view (晨报) and an item
 * turned into a petition. Rules of the day are common/domain/daily-report.ts.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { DAILY_REPORT_ITEM_KINDS, UNIT_DAY_STATUSES } from '../domain/daily-report.ts';
import { ReceiptViewSchema } from './intake.ts';
import { RegisterPetitionInputSchema } from './petition.ts';
import { HazardInputSchema } from './prevention.ts';
import { IdSchema } from './unit.ts';

export const DailyReportItemKindSchema = z.enum(DAILY_REPORT_ITEM_KINDS);
export const ITEMS_MAX = 30;

export const DailyReportItemInputSchema = z
  .object({
    kind: DailyReportItemKindSchema,
    text: z.string().trim().min(2, { error: 'text must have at least 2 characters' }).max(2000),
    headcount: z.number().int().min(1).max(10_000),
  })
  .strict();
export type DailyReportItemInput = z.input<typeof DailyReportItemInputSchema>;

export const DailyReportInputSchema = z
  .object({
    /** Made by the phone once per report (a UUID): the same key again is the same report. */
    reportKey: z.uuid({ error: 'reportKey must be a UUID' }),
    reportDate: LocalDateSchema,
    /** 零报告: nothing to report today. */
    nil: z.boolean(),
    items: z.array(DailyReportItemInputSchema).max(ITEMS_MAX).default([]),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.nil && input.items.length > 0)
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'a nil report carries no items' });
    if (!input.nil && input.items.length === 0)
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'a report that is not nil needs at least one item' });
  });
export type DailyReportInput = z.input<typeof DailyReportInputSchema>;
export type DailyReportData = z.output<typeof DailyReportInputSchema>;

export const DailyReportItemViewSchema = z.object({
  id: IdSchema,
  kind: DailyReportItemKindSchema,
  /** Null when the viewer may not see it (a person in difficulty, outside the unit's office). */
  text: z.string().nullable(),
  headcount: z.number().int(),
  restricted: z.boolean(),
  petition: z.object({ id: IdSchema, caseNumber: z.string() }).nullable(),
  hazardId: z.string().nullable(),
  /** `petition`: the viewer may register it as a petition (pre-filled). */
  actions: z.array(z.enum(['petition'])),
});
export type DailyReportItemView = z.infer<typeof DailyReportItemViewSchema>;

export const DailyReportViewSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  reportDate: LocalDateSchema,
  reportKey: z.string(),
  nil: z.boolean(),
  late: z.boolean(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  items: z.array(DailyReportItemViewSchema),
});
export type DailyReportView = z.infer<typeof DailyReportViewSchema>;

/** The phone form's day: the unit, whether it reports, today's report day and its cut-off, and what was sent. */
export const DailyReportTodayViewSchema = z.object({
  unitId: IdSchema,
  unitName: z.string(),
  /** The unit is of a reporting kind (setting `report.unitKinds`). */
  reportingUnit: z.boolean(),
  /** Today when it is a working day, else null (nothing due). */
  reportDate: LocalDateSchema.nullable(),
  cutoff: z.string(),
  /** The instant of today's cut-off (null on a day off). */
  cutoffAt: z.string().nullable(),
  report: DailyReportViewSchema.nullable(),
});
export type DailyReportTodayView = z.infer<typeof DailyReportTodayViewSchema>;

export const MorningQuerySchema = z
  .object({
    /** The report day; by default the last working day before today. */
    date: LocalDateSchema.optional(),
    /** A mine (or any unit in reach) to drill into: its units one by one. */
    unitId: IdSchema.optional(),
  })
  .strict();
export type MorningQuery = z.input<typeof MorningQuerySchema>;

const CountsSchema = z.object({
  due: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  nil: z.number().int(),
  missing: z.number().int(),
  pending: z.number().int(),
  items: z.number().int(),
});
export type MorningCounts = z.infer<typeof CountsSchema>;

export const MorningViewSchema = z.object({
  date: LocalDateSchema,
  cutoff: z.string(),
  /** The day is closed (the next working day's cut-off has passed): no more reports will come. */
  closed: z.boolean(),
  /** The day is not a working day: nothing was due. */
  workingDay: z.boolean(),
  unit: z.object({ id: IdSchema, name: z.string() }),
  totals: CountsSchema,
  /** By mine (or company; the group's own offices as one row). */
  groups: z.array(CountsSchema.extend({ unitId: IdSchema, unitName: z.string() })),
  /** Each reporting unit of the drilled-into unit (empty at the top). */
  units: z.array(
    z.object({
      unitId: IdSchema,
      unitName: z.string(),
      status: z.enum(UNIT_DAY_STATUSES),
      nil: z.boolean(),
      itemCount: z.number().int(),
      submittedAt: z.string().nullable(),
    }),
  ),
  items: z.array(DailyReportItemViewSchema.extend({ unitId: IdSchema, unitName: z.string() })),
});
export type MorningView = z.infer<typeof MorningViewSchema>;

export const ItemToPetitionInputSchema = z.object({ petition: RegisterPetitionInputSchema }).strict();
export type ItemToPetitionInput = z.input<typeof ItemToPetitionInputSchema>;

export const ItemToPetitionViewSchema = z.object({ item: DailyReportItemViewSchema, receipt: ReceiptViewSchema });
export type ItemToPetitionView = z.infer<typeof ItemToPetitionViewSchema>;

/** An item becomes a hazard of the ledger (排查台账) at the reporting unit, the hazard's data as the office completes it. */
export const ItemToHazardInputSchema = z.object({ hazard: HazardInputSchema }).strict();
export type ItemToHazardInput = z.input<typeof ItemToHazardInputSchema>;

export const ItemToHazardViewSchema = z.object({ item: DailyReportItemViewSchema, hazardId: IdSchema });
export type ItemToHazardView = z.infer<typeof ItemToHazardViewSchema>;

export const ReportDateParamsSchema = z.object({ date: LocalDateSchema });
