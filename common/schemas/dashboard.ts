/**
 * The leaders' dashboard (领导驾驶舱) and the statistics report: figures over a period and a unit
 * subtree. Every figure carries its drill-down — the petition list filters (PetitionListQuerySchema)
 * that list exactly the petitions it counts — or null when no list filter can express it.
 */
import { z } from 'zod';
import { isReportingDate, REPORTING_RANGE } from '../domain/statistics-period.ts';
import { ChannelSchema, PetitionTypeSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

const LocalDate = z.iso.date();
/** A date a period asked for may reach (statistics-period.ts `REPORTING_RANGE`): refused naming its field otherwise. */
const PeriodDate = LocalDate.refine(isReportingDate, {
  error: `must be between ${REPORTING_RANGE.from} and ${REPORTING_RANGE.to}`,
});

export const DashboardQuerySchema = z.object({
  from: PeriodDate.optional(),
  to: PeriodDate.optional(),
  unitId: IdSchema.optional(),
});
export type DashboardQuery = z.input<typeof DashboardQuerySchema>;

const DeadlineStatus = z.enum(['open', 'met', 'met_late', 'overdue']);

/** Petition list filters, as the list page reads them from its URL query. */
export const DrillDownSchema = z.object({
  open: z.literal('true').optional(),
  unitId: IdSchema.optional(),
  categoryCode: z.string().optional(),
  channel: ChannelSchema.optional(),
  type: PetitionTypeSchema.optional(),
  flag: z.enum(['group', 'skip_level', 'repeat', 'supervised', 'anonymous']).optional(),
  ownerId: IdSchema.optional(),
  overdue: z.literal('true').optional(),
  acceptance: DeadlineStatus.optional(),
  conclusion: DeadlineStatus.optional(),
  acceptanceDueFrom: LocalDate.optional(),
  acceptanceDueTo: LocalDate.optional(),
  conclusionDueFrom: LocalDate.optional(),
  conclusionDueTo: LocalDate.optional(),
  referral: DeadlineStatus.optional(),
  referralDueFrom: LocalDate.optional(),
  referralDueTo: LocalDate.optional(),
  ownership: DeadlineStatus.optional(),
  ownershipDueFrom: LocalDate.optional(),
  ownershipDueTo: LocalDate.optional(),
  review: z.enum(['issued', 'overturned']).optional(),
  reviewFrom: LocalDate.optional(),
  reviewTo: LocalDate.optional(),
  receivedFrom: LocalDate.optional(),
  receivedTo: LocalDate.optional(),
  evaluation: z.enum(['due', 'rated', 'satisfied']).optional(),
});
export type DrillDown = z.infer<typeof DrillDownSchema>;

const Figure = z.object({ value: z.number(), drill: DrillDownSchema.nullable() });
const Bucket = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  drill: DrillDownSchema.nullable(),
});
export type DashboardBucket = z.infer<typeof Bucket>;

const OnTime = z.object({
  met: Figure,
  metLate: Figure,
  overdue: Figure,
  open: Figure,
  /** met / (met + metLate + overdue) of the deadlines due in the period; null when none is decided yet. */
  rate: z.number().nullable(),
});
export type DashboardOnTime = z.infer<typeof OnTime>;

export const DashboardViewSchema = z.object({
  from: LocalDate,
  to: LocalDate,
  today: LocalDate,
  unit: z.object({ id: IdSchema, name: z.string() }),
  granularity: z.enum(['day', 'month']),
  totals: z.object({
    petitions: Figure,
    persons: Figure,
    visitBatches: Figure,
    visitPersons: Figure,
    groupBatches: Figure,
    groupPersons: Figure,
    skipLevel: Figure,
    repeat: Figure,
    anonymous: Figure,
  }),
  series: z.array(Bucket),
  byUnit: z.array(Bucket),
  byCategory: z.array(Bucket),
  byChannel: z.array(Bucket),
  byType: z.array(Bucket),
  /** 受理告知 (第23条), 办结 (第34条) and the reports owed to higher bodies (上级转送/交办, 第22条). */
  onTime: z.object({ acceptance: OnTime, conclusion: OnTime, referral: OnTime }),
  /**
   * Years the deadlines run in (this one; the next from October) without a single holiday loaded:
   * every limit counted in them is off until the State Council's notice is entered.
   */
  calendarGaps: z.array(z.number().int()),
  satisfaction: z.object({
    count: z.number().int(),
    average: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
  }),
  rates: z.object({ repeat: z.number().nullable(), skipLevel: z.number().nullable() }),
  /** Open warnings (status not closed) of units in scope, by level. */
  warnings: z.object({
    red: z.number().int(),
    orange: z.number().int(),
    yellow: z.number().int(),
    blue: z.number().int(),
  }),
  /** Open cases past their nearest deadline now (not bound to the period), top owners first. */
  overdueByOwner: z.array(Bucket),
  overdueUnowned: Figure,
});
export type DashboardView = z.infer<typeof DashboardViewSchema>;

export const DashboardHotspotsViewSchema = z.object({
  /** How many of the period's newest petitions were analysed (capped). */
  analysed: z.number().int(),
  items: z.array(
    z.object({
      title: z.string(),
      /** The text engine's hotspot score; items come hottest first. */
      score: z.number(),
      keywords: z.array(z.string()),
      size: z.number().int(),
      people: z.number().int(),
      growth: z.number(),
      representativeId: z.string(),
      /** The first-level category most of its petitions carry (null when none has one). */
      categoryCode: z.string().nullable(),
      /** Publicity activities held in the period on that topic in the unit's subtree (null without a category). */
      publicity: z.number().int().nullable(),
    }),
  ),
});
export type DashboardHotspotsView = z.infer<typeof DashboardHotspotsViewSchema>;

export const DashboardReportQuerySchema = z.object({
  period: z.enum(['month', 'year']).default('month'),
  /** Any day inside the wanted period; default today. */
  date: PeriodDate.optional(),
  unitId: IdSchema.optional(),
});
export type DashboardReportQuery = z.input<typeof DashboardReportQuerySchema>;
