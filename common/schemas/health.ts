import { z } from 'zod';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export const DialectSchema = z.enum(DIALECTS);
export type Dialect = z.infer<typeof DialectSchema>;

export const HealthViewSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  dialect: DialectSchema,
});
export type HealthView = z.infer<typeof HealthViewSchema>;

/** The explicit allowlist of configuration values the browser may see. */
export const PublicConfigViewSchema = z.object({
  version: z.string(),
  demo: z.boolean(),
  enterpriseName: z.string().nullable(),
});
export type PublicConfigView = z.infer<typeof PublicConfigViewSchema>;
