/**
 * Contracts of the partner module (issue #16, 《信访工作条例》第5条 多元化解): partner organisations
 * (协作单位) and their accounts, a partner's invitation onto a case (with its expiry and the office's
 * per-case grant of the petitioner's identity), a case referred to the body that can decide, a
 * partner's written opinion (律师、社工意见), and joint reception sessions (联合接访).
 */
import { z } from 'zod';
import { RecordDrillQuerySchema } from './figure.ts';
import { ReceiptViewSchema } from './intake.ts';
import { PetitionStateSchema, RegisterPetitionInputSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

const Instant = z.iso.datetime({ offset: true });

export const PARTNER_ORGANISATION_KINDS = [
  'township',
  'social_insurance',
  'union',
  'police',
  'law_firm',
  'social_work',
  'other',
] as const;
export const PartnerOrganisationKindSchema = z.enum(PARTNER_ORGANISATION_KINDS);
export type PartnerOrganisationKind = z.infer<typeof PartnerOrganisationKindSchema>;

export const PartnerOrganisationInputSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    kind: PartnerOrganisationKindSchema,
    contact: z.string().trim().max(200).optional(),
  })
  .strict();
export type PartnerOrganisationInput = z.input<typeof PartnerOrganisationInputSchema>;

export const PartnerMemberInputSchema = z.object({ userId: IdSchema }).strict();

const PersonSchema = z.object({ userId: IdSchema, name: z.string() });

export const PartnerOrganisationViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: PartnerOrganisationKindSchema,
  contact: z.string().nullable(),
  unitId: IdSchema,
  members: z.array(PersonSchema),
});
export type PartnerOrganisationView = z.infer<typeof PartnerOrganisationViewSchema>;
export const PartnerOrganisationListViewSchema = z.object({ items: z.array(PartnerOrganisationViewSchema) });
export type PartnerOrganisationListView = z.infer<typeof PartnerOrganisationListViewSchema>;

/** The partner accounts of the office's subtree, to add to an organisation or invite. */
export const PartnerAccountListViewSchema = z.object({
  items: z.array(PersonSchema.extend({ organisationId: IdSchema.nullable(), organisationName: z.string().nullable() })),
});
export type PartnerAccountListView = z.infer<typeof PartnerAccountListViewSchema>;

// ---------------------------------------------------------------------------------------------
// A case: invitations, referral, opinions

export const InvitationInputSchema = z.object({ userId: IdSchema, expiresAt: Instant }).strict();
export type InvitationInput = z.input<typeof InvitationInputSchema>;

export const InvitationViewSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  organisationName: z.string().nullable(),
  expiresAt: z.string(),
  identityGranted: z.boolean(),
  /** Not yet expired. */
  current: z.boolean(),
});
export const InvitationListViewSchema = z.object({ items: z.array(InvitationViewSchema) });
export type InvitationListView = z.infer<typeof InvitationListViewSchema>;

/** 转交: the case goes to the body that can decide; its people read it until `expiresAt`. */
export const PartnerReferralInputSchema = z
  .object({
    organisationId: IdSchema,
    note: z.string().trim().min(2).max(2000),
    expiresAt: Instant,
  })
  .strict();
export type PartnerReferralInput = z.input<typeof PartnerReferralInputSchema>;

export const OPINION_CAPACITIES = ['lawyer', 'social_worker', 'government', 'other'] as const;
export const OpinionCapacitySchema = z.enum(OPINION_CAPACITIES);
export type OpinionCapacity = z.infer<typeof OpinionCapacitySchema>;

/** 意见: a partner's written opinion on the case (a lawyer's or social worker's consultation). */
export const OpinionInputSchema = z
  .object({
    capacity: OpinionCapacitySchema,
    opinion: z.string().trim().min(2).max(5000),
  })
  .strict();
export type OpinionInput = z.input<typeof OpinionInputSchema>;

export const CasePartnersViewSchema = z.object({
  invitations: z.array(InvitationViewSchema),
  /** Whether the viewer may invite, grant and end (the office in scope). */
  mayManage: z.boolean(),
  mayGiveOpinion: z.boolean(),
});
export type CasePartnersView = z.infer<typeof CasePartnersViewSchema>;

// ---------------------------------------------------------------------------------------------
// Joint reception sessions

export const SessionInputSchema = z
  .object({
    title: z.string().trim().min(2).max(100),
    place: z.string().trim().min(2).max(100),
    startsAt: Instant,
    endsAt: Instant,
    /** Until when the invited partners read the cases registered in the session. */
    accessUntil: Instant,
    partnerUserIds: z.array(IdSchema).max(30),
    leaderIds: z.array(IdSchema).max(30),
  })
  .strict();
export type SessionInput = z.input<typeof SessionInputSchema>;

const SessionCaseSchema = z.object({
  petitionId: IdSchema,
  caseNumber: z.string(),
  title: z.string(),
  state: PetitionStateSchema,
});

export const SessionViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  accessUntil: z.string(),
  partners: z.array(PersonSchema.extend({ organisationName: z.string().nullable() })),
  leaders: z.array(PersonSchema),
  cases: z.array(SessionCaseSchema),
  /** The office may register visits in it. */
  mayRegister: z.boolean(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** 联合接访 of a unit's subtree (within the reader's), started in a period: partner.sessionsHeld's rows. */
export const SessionListQuerySchema = RecordDrillQuerySchema.strict();
export type SessionListQuery = z.input<typeof SessionListQuerySchema>;

export const SessionListViewSchema = z.object({
  items: z.array(SessionViewSchema.omit({ cases: true, mayRegister: true }).extend({ caseCount: z.number() })),
});
export type SessionListView = z.infer<typeof SessionListViewSchema>;

export const SessionVisitInputSchema = z.object({ petition: RegisterPetitionInputSchema }).strict();
export type SessionVisitInput = z.input<typeof SessionVisitInputSchema>;
export const SessionVisitViewSchema = z.object({ receipt: ReceiptViewSchema, sessionId: IdSchema });
export type SessionVisitView = z.infer<typeof SessionVisitViewSchema>;

/** 我的协作: what a partner is invited to now, and nothing else. */
export const PartnerWorkspaceViewSchema = z.object({
  sessions: SessionListViewSchema.shape.items,
  cases: z.array(SessionCaseSchema.extend({ expiresAt: z.string() })),
});
export type PartnerWorkspaceView = z.infer<typeof PartnerWorkspaceViewSchema>;
