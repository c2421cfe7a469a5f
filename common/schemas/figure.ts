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
 * The rows behind a value: petition list filters (the 台账's own) whose totals add up to the value and,
 * for a rate, to its `of`; or, for records that are not petitions, the page that lists them.
 */
export const FigureDrillSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('petitions'),
    value: z.array(DrillDownSchema),
    of: z.array(DrillDownSchema).nullable(),
  }),
  z.object({ kind: z.literal('records'), path: z.string() }),
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
      /** The whole subtree of `unit`. */
      total: FigureValueSchema,
      /** Each direct child unit's subtree, in the tree's order. */
      byUnit: z.array(FigureValueSchema.extend({ unitId: IdSchema, unitName: z.string() })),
    }),
  ),
});
export type FiguresView = z.infer<typeof FiguresViewSchema>;
