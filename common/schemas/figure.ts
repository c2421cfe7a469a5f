/**
 * 考核数据 (figures): the measured facts every unit is appraised on — reports on time, hazards cleared,
 * campaigns answered, cases concluded on time. One closed list of keys, each computed by the module
 * that owns the data (a `FigureSource`, server/platform/figure-source.ts) and collected by the figure
 * module; the dashboard shows them per unit and the appraisal (考核奖惩) scores from the same numbers,
 * so a unit's score can always be traced back to the rows behind it (第39条, 第45条).
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { DrillDownSchema } from './dashboard.ts';
import { IdSchema } from './unit.ts';

/** Every figure, `<module>.<name>`. A module adds its keys here and its labels to both catalogs. */
export const FIGURE_KEYS = [
  'petition.received',
  'petition.concludedOnTime',
  'report.onTime',
  'report.missing',
  'report.itemsRaised',
  'petition.acceptedOnTime',
  'petition.satisfied',
  'petition.evaluated',
  'petition.repeatRate',
  'petition.skipLevelRate',
  'petition.group',
  'petition.overdueOpen',
  'screening.answeredOnTime',
  'hazard.found',
  'hazard.clearedOnTime',
  'duty.shiftsCovered',
  'duty.handoversOnTime',
  'duty.receptionDaysHeld',
  'emergency.incidents',
  'emergency.drillsHeld',
  'emergency.responseMinutes',
  'partner.sessionsHeld',
  'partner.mattersMediated',
  'partner.agreementsOnTime',
  'training.hoursPerCadre',
  'training.qualificationsCurrent',
  'training.sessionsHeld',
  'consultation.held',
  'consultation.adoptionRate',
  'publicity.activities',
  'publicity.peopleReached',
  'petition.reviewed',
  'petition.overturned',
  'petition.ownershipConfirmedOnTime',
  'warning.analysedOnTime',
] as const;
export const FigureKeySchema = z.enum(FIGURE_KEYS);
export type FigureKey = z.infer<typeof FigureKeySchema>;

/**
 * A count (value only), a rate (value out of `of`) or a mean (a total over `of` things: minutes over
 * incidents); which way is better, for ranking and colour.
 */
export const FigureShapeSchema = z.object({
  kind: z.enum(['count', 'rate', 'mean']),
  better: z.enum(['higher', 'lower']),
});
export type FigureShape = z.infer<typeof FigureShapeSchema>;

/**
 * The filters of a record list page as its address carries them (`/hazards?unitId=…&from=…`): every
 * value a string, so the web puts them into the URL as they are and the page's list API reads them.
 */
export const RecordQuerySchema = z.record(z.string(), z.string());
export type RecordQuery = z.infer<typeof RecordQuerySchema>;

/**
 * The filters every list a non-petition figure drills into accepts: the unit whose subtree the value
 * was counted over (never wider than the reader's own scope) and the period of local dates (UTC+8,
 * inclusive) it was counted in. Each list adds the filter that picks the figure's own rows.
 */
export const RecordDrillQuerySchema = z.object({
  unitId: IdSchema.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});

/**
 * The rows behind a value: petition list filters (the 台账's own) whose totals add up to the value and,
 * for a rate, to its `of`; or, for records that are not petitions, the list page with the filters
 * (`query`) under which it lists the value's records and, for a rate or a mean, the filters listing its
 * `of` (null for a count).
 */
export const FigureDrillSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('petitions'),
    value: z.array(DrillDownSchema),
    of: z.array(DrillDownSchema).nullable(),
  }),
  z.object({
    kind: z.literal('records'),
    path: z.string(),
    query: RecordQuerySchema,
    of: RecordQuerySchema.nullable(),
  }),
]);
export type FigureDrill = z.infer<typeof FigureDrillSchema>;

const FigureValueSchema = z.object({
  value: z.number(),
  /** The denominator of a rate or a mean (reports due, incidents timed); null for a count. */
  of: z.number().nullable(),
});
export type FigureValue = z.infer<typeof FigureValueSchema>;

export const FiguresViewSchema = z.object({
  from: LocalDateSchema,
  to: LocalDateSchema,
  unit: z.object({ id: IdSchema, name: z.string() }),
  figures: z.array(
    FigureShapeSchema.extend({
      key: FigureKeySchema,
      /** The whole subtree of `unit`, with the rows behind it. */
      total: FigureValueSchema.extend({ drill: FigureDrillSchema }),
      /** Each direct child unit's subtree, in the tree's order. */
      byUnit: z.array(FigureValueSchema.extend({ unitId: IdSchema, unitName: z.string(), drill: FigureDrillSchema })),
    }),
  ),
});
export type FiguresView = z.infer<typeof FiguresViewSchema>;
