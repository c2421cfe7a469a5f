/**
 * Contracts of publicity (宣传教育, issue #17): activities that teach workers the law and the right
 * channels — 法治宣传进区队, 典型案例, 政策解读 — with the date, the units and people reached and the
 * topics (petition categories), so the dashboard can set them beside the hotspots; a published item
 * is readable on the portal.
 */
import { z } from 'zod';
import { LocalDateSchema } from '../domain/calendar.ts';
import { IdSchema } from './unit.ts';

const Instant = z.iso.datetime({ offset: true });

export const PUBLICITY_KINDS = ['law_to_teams', 'typical_case', 'policy_explained'] as const;
export const PublicityKindSchema = z.enum(PUBLICITY_KINDS);
export type PublicityKind = z.infer<typeof PublicityKindSchema>;

export const PublicityInputSchema = z
  .object({
    kind: PublicityKindSchema,
    title: z.string().trim().min(2).max(100),
    summary: z.string().trim().min(10).max(20000),
    heldOn: LocalDateSchema,
    /** The units reached (each a unit the organiser's office covers). */
    unitIds: z.array(IdSchema).min(1).max(200),
    peopleReached: z.number().int().min(0).max(1_000_000),
    /** Topics: first- or second-level petition category codes (01, 0103). */
    categoryCodes: z.array(z.string().trim().min(2).max(10)).min(1).max(20),
    /** Readable on the portal. */
    published: z.boolean(),
    /**
     * A reference to the knowledge base's article or typical case it presents (issue #17, knowledge
     * module): kept as text until that module's ids are settled.
     */
    knowledgeRef: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type PublicityInput = z.input<typeof PublicityInputSchema>;

export const PublicityViewSchema = z.object({
  id: IdSchema,
  kind: PublicityKindSchema,
  title: z.string(),
  summary: z.string(),
  heldOn: LocalDateSchema,
  unitId: IdSchema,
  unitName: z.string(),
  units: z.array(z.object({ id: IdSchema, name: z.string() })),
  peopleReached: z.number().int(),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  published: z.boolean(),
  knowledgeRef: z.string().nullable(),
  createdAt: Instant,
});
export type PublicityView = z.infer<typeof PublicityViewSchema>;

export const PublicityListQuerySchema = z
  .object({ from: LocalDateSchema.optional(), to: LocalDateSchema.optional() })
  .strict();
export const PublicityListViewSchema = z.object({ items: z.array(PublicityViewSchema) });
export type PublicityListView = z.infer<typeof PublicityListViewSchema>;

export const PortalPublicityListViewSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      kind: PublicityKindSchema,
      title: z.string(),
      summary: z.string(),
      heldOn: LocalDateSchema,
      categories: z.array(z.string()),
    }),
  ),
});
export type PortalPublicityListView = z.infer<typeof PortalPublicityListViewSchema>;
