/**
 * 考核数据 (figures): the measured facts every unit is appraised on — reports on time, hazards cleared,
 * campaigns answered, cases concluded on time. One closed list of keys, each computed by the module
 * that owns the data (a `FigureSource`, server/platform/figure-source.ts) and collected by the figure
 * module; the dashboard shows them per unit and the appraisal (考核奖惩) scores from the same numbers,
 * so a unit's score can always be traced back to the rows behind it (第39条, 第45条).
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { IdSchema } from './unit.ts';

/** Every figure, `<module>.<name>`. A module adds its keys here and its labels to both catalogs. */
export const FIGURE_KEYS = [
  'petition.received',
  'petition.concludedOnTime',
  'partner.sessionsHeld',
  'partner.mattersMediated',
  'partner.agreementsOnTime',
] as const;
export const FigureKeySchema = z.enum(FIGURE_KEYS);
export type FigureKey = z.infer<typeof FigureKeySchema>;

/** A count (value only) or a rate (value out of `of`); which way is better, for ranking and colour. */
export const FigureShapeSchema = z.object({
  kind: z.enum(['count', 'rate']),
  better: z.enum(['higher', 'lower']),
});
export type FigureShape = z.infer<typeof FigureShapeSchema>;

const FigureValueSchema = z.object({
  value: z.number(),
  /** The denominator of a rate (reports due, hazards due to be cleared); null for a count. */
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
