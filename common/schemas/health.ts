import { z } from 'zod';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export const DialectSchema = z.enum(DIALECTS);
export type Dialect = z.infer<typeof DialectSchema>;

export const DATABASE_ROLES = ['primary', 'replica', 'sqlite'] as const;

export const HealthViewSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  dialect: DialectSchema,
  /** Which instance behind the load balancer answered (XINFANG_INSTANCE_ID). */
  instance: z.string(),
  database: z.object({
    /** The database this instance writes to: a primary, a server in recovery (misconfigured), or SQLite. */
    role: z.enum(DATABASE_ROLES),
    /** The read replica (DATABASE_READ_URL): reachable, and how far its replay is behind the primary. */
    replica: z
      .object({ reachable: z.boolean(), lagBytes: z.number().nullable(), lagSeconds: z.number().nullable() })
      .nullable(),
  }),
});
export type HealthView = z.infer<typeof HealthViewSchema>;

/** The explicit allowlist of configuration values the browser may see. */
export const PublicConfigViewSchema = z.object({
  version: z.string(),
  demo: z.boolean(),
  enterpriseName: z.string().nullable(),
});
export type PublicConfigView = z.infer<typeof PublicConfigViewSchema>;
