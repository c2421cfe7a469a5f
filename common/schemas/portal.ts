/**
 * Contracts of the petitioner portal (/portal): public, no account. A case is reached with its case
 * number and tracking code (查询码), sent in the body of a POST so neither lands in URLs or logs.
 */
import { z } from 'zod';
import { DEADLINE_KINDS } from '../domain/deadlines.ts';
import { DocumentContentSchema, DocumentKindSchema } from './document.ts';
import { OfficeContactSchema } from './office.ts';
import { IdNumberSchema, PhoneSchema } from '../domain/identity.ts';
import { BODY_MAX, PetitionerIdentitySchema, PetitionStateSchema, TITLE_MAX } from './petition.ts';

/** What the petitioner wants, in plain words; each maps to a 2022 type and a purpose. */
export const PORTAL_MATTERS = ['appeal', 'suggestion', 'accusation', 'consultation'] as const;
export const PortalMatterSchema = z.enum(PORTAL_MATTERS);
export type PortalMatter = z.infer<typeof PortalMatterSchema>;

/** Files a petitioner may attach: photos and PDFs, a few, not large (a phone on a slow link). */
export const PORTAL_MAX_FILES = 5;
export const PORTAL_FILE_MAX_BYTES = 5 * 1024 * 1024;

export const PortalChallengeViewSchema = z.object({
  challenge: z.string(),
  bits: z.number().int(),
  expiresAt: z.string(),
});
export type PortalChallengeView = z.infer<typeof PortalChallengeViewSchema>;

export const TrackingCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){3}$/, { error: 'a tracking code has 16 letters and digits' });
export const CaseNumberSchema = z
  .string()
  .trim()
  .regex(/^XF\d{4}-\d{6}$/, { error: 'a case number looks like XF2026-000123' });

/** At most this many persons named in one filing. */
export const PORTAL_MAX_NAMED = 5;

/**
 * A person the matter is about (被反映人), as the petitioner names them: the name, the unit picked
 * from the public list (its code) or written in their own words, and the position. Never matched to
 * an account in the portal: the office resolves the name.
 */
export const PortalNamedPersonSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'name is required' }).max(40),
    unitCode: z.string().trim().min(1).max(40).optional(),
    unitText: z.string().trim().max(100).optional(),
    position: z.string().trim().max(60).optional(),
  })
  .strict();
export type PortalNamedPerson = z.input<typeof PortalNamedPersonSchema>;

export const PortalFilingInputSchema = z
  .object({
    anonymous: z.boolean(),
    name: z.string().trim().min(1).max(40).optional(),
    idNumber: IdNumberSchema.optional(),
    phone: PhoneSchema.optional(),
    identity: PetitionerIdentitySchema.default('employee'),
    /** The unit the matter concerns: from its QR code, or chosen from the portal's list of units. */
    unitCode: z.string().trim().min(1).max(40).optional(),
    unitSource: z.enum(['qr', 'list']).optional(),
    matter: PortalMatterSchema,
    categoryCode: z.string().max(10).optional(),
    title: z.string().trim().max(TITLE_MAX).optional(),
    body: z.string().trim().min(10, { error: 'please describe the matter in at least 10 characters' }).max(BODY_MAX),
    /** Whom the matter is about (检举控告, or wherever a person is named). */
    namedPersons: z.array(PortalNamedPersonSchema).max(PORTAL_MAX_NAMED).default([]),
    challenge: z.string().min(1).max(200),
    nonce: z.string().min(1).max(20),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.anonymous) {
      for (const field of ['name', 'idNumber', 'phone'] as const) {
        if (input[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'an anonymous petition carries no identity' });
      }
      return;
    }
    if (input.name === undefined)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'name is required for a real-name petition' });
    if (input.idNumber === undefined && input.phone === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'an ID number or a phone is required for a real-name petition',
      });
    }
  });
export type PortalFilingInput = z.input<typeof PortalFilingInputSchema>;
export type PortalFilingData = z.output<typeof PortalFilingInputSchema>;

export const PortalReceiptViewSchema = z.object({
  caseNumber: z.string(),
  /** Shown once; stored only as a hash. */
  trackingCode: z.string(),
  receivedAt: z.string(),
  smsQueued: z.boolean(),
  attachments: z.number().int(),
  /** The office that will handle it (the unit's, else the enterprise's), when one is published. */
  office: OfficeContactSchema.nullable(),
});
export type PortalReceiptView = z.infer<typeof PortalReceiptViewSchema>;

/**
 * The open case a petitioner already holds the key of (case number and tracking code), and the text
 * typed so far. ID number and phone prove nothing — they are written on forms, payslips and lists —
 * so they open nothing here (issue #11 finding 6: the offer was an oracle of a person's cases).
 */
export const PortalSimilarInputSchema = z
  .object({
    caseNumber: CaseNumberSchema,
    code: TrackingCodeSchema,
    /** What the petitioner has typed so far: how close it is to that case's text. */
    text: z.string().trim().max(BODY_MAX).optional(),
  })
  .strict();
export const PortalSimilarViewSchema = z.object({
  items: z.array(
    z.object({
      receivedAt: z.string(),
      categoryName: z.string().nullable(),
      state: PetitionStateSchema,
      /** Character-shingle similarity (0–1) of the typed text to that case's, when text was given. */
      similarity: z.number().nullable(),
    }),
  ),
});
export type PortalSimilarView = z.infer<typeof PortalSimilarViewSchema>;

export const PortalCaseKeySchema = z.object({ caseNumber: CaseNumberSchema, code: TrackingCodeSchema });
export type PortalCaseKey = z.infer<typeof PortalCaseKeySchema>;

export const PortalCaseViewSchema = z.object({
  caseNumber: z.string(),
  state: PetitionStateSchema,
  title: z.string(),
  receivedAt: z.string(),
  categoryName: z.string().nullable(),
  timeline: z.array(z.object({ kind: z.string(), at: z.string() })),
  deadlines: z.array(
    z.object({
      kind: z.enum(DEADLINE_KINDS),
      dueDate: z.string(),
      status: z.enum(['open', 'met', 'met_late', 'overdue']),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.string(),
      kind: DocumentKindSchema,
      content: DocumentContentSchema,
      deliveredAt: z.string().nullable(),
    }),
  ),
  messages: z.array(z.object({ id: z.string(), direction: z.enum(['in', 'out']), body: z.string(), at: z.string() })),
  evaluation: z.object({
    allowed: z.boolean(),
    recorded: z.object({ satisfaction: z.number().int(), comment: z.string().nullable(), at: z.string() }).nullable(),
  }),
  review: z.object({ allowed: z.boolean(), dueDate: z.string().nullable() }),
  /** 复核 (第36条): offered once the 复查意见书 has reached the petitioner, as 复查 is after the reply. */
  reconsideration: z.object({ allowed: z.boolean(), dueDate: z.string().nullable() }),
});
export type PortalCaseView = z.infer<typeof PortalCaseViewSchema>;

export const PortalMessageInputSchema = PortalCaseKeySchema.extend({
  body: z.string().trim().min(1, { error: 'the message is empty' }).max(2000),
}).strict();
export const PortalEvaluateInputSchema = PortalCaseKeySchema.extend({
  satisfaction: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
}).strict();
export const PortalReviewInputSchema = PortalCaseKeySchema.extend({
  reason: z.string().trim().min(5, { error: 'please give the reason in at least 5 characters' }).max(2000),
}).strict();

export const PortalGuidanceSchema = z.object({
  sections: z
    .array(z.object({ title: z.string().trim().min(1).max(60), body: z.string().trim().min(1).max(4000) }))
    .min(1)
    .max(20),
});
export type PortalGuidance = z.infer<typeof PortalGuidanceSchema>;

export const PortalUnitViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  path: z.array(z.string()),
  /** The office that receives for this unit (its mine's, else the enterprise's), when one is published. */
  office: OfficeContactSchema.nullable(),
});
export type PortalUnitView = z.infer<typeof PortalUnitViewSchema>;
/** The public list of units (names and QR codes only), for naming the unit a person works at. */
export const PortalUnitListViewSchema = z.object({ items: z.array(PortalUnitViewSchema.omit({ office: true })) });
export type PortalUnitListView = z.infer<typeof PortalUnitListViewSchema>;
export const PortalConfigViewSchema = z.object({
  enterpriseName: z.string(),
  guidance: PortalGuidanceSchema,
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  maxFiles: z.number().int(),
  fileMaxBytes: z.number().int(),
  /** The enterprise's petition office: address, phone, reception hours. */
  office: OfficeContactSchema.nullable(),
  /**
   * The units a petitioner may say the matter concerns: the group's mines, companies and departments
   * and the units directly under them (active only), as a public list of names.
   */
  units: z.array(z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() })),
});
export type PortalConfigView = z.infer<typeof PortalConfigViewSchema>;

/** The office's side of the messages. */
export const PetitionMessageViewSchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export const PetitionMessageListViewSchema = z.object({
  items: z.array(PetitionMessageViewSchema),
  canReply: z.boolean(),
});
export type PetitionMessageListView = z.infer<typeof PetitionMessageListViewSchema>;
export const PetitionMessageInputSchema = z
  .object({ body: z.string().trim().min(1, { error: 'the message is empty' }).max(2000) })
  .strict();
