/**
 * Contracts of joint mediation (企地联调/会商, issue #16; 《信访工作条例》第5条 多元化解, 人民调解法第28–33条
 * on the written agreement): a matter between the enterprise and a locality linking many petitions,
 * its meetings with minutes and the parties present, the agreement (协议) with each side's obligations
 * and deadlines, and each obligation's fulfilment with evidence. The matter closes only when every
 * obligation is met.
 */
import { z } from 'zod';
import { RecordDrillQuerySchema } from './figure.ts';
import { LocalDateSchema } from '../domain/calendar.ts';
import { PetitionStateSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

const Instant = z.iso.datetime({ offset: true });

export const MEDIATION_TOPICS = ['subsidence', 'land', 'road', 'pollution', 'water', 'employment', 'other'] as const;
export const MediationTopicSchema = z.enum(MEDIATION_TOPICS);
export type MediationTopic = z.infer<typeof MediationTopicSchema>;

export const OBLIGATION_PARTIES = ['enterprise', 'locality'] as const;
export const ObligationPartySchema = z.enum(OBLIGATION_PARTIES);
export type ObligationParty = z.infer<typeof ObligationPartySchema>;

export const MatterInputSchema = z
  .object({
    title: z.string().trim().min(2).max(100),
    topic: MediationTopicSchema,
    locality: z.string().trim().min(2).max(100),
    organisationId: IdSchema.optional(),
    petitionIds: z.array(IdSchema).max(500).default([]),
  })
  .strict();
export type MatterInput = z.input<typeof MatterInputSchema>;

/** Link petitions: picked from the list, or every petition the viewer's search finds (`search`). */
export const MatterPetitionsInputSchema = z
  .object({
    petitionIds: z.array(IdSchema).max(500).optional(),
    search: z.string().trim().min(2).max(100).optional(),
  })
  .strict()
  .refine((v) => v.petitionIds !== undefined || v.search !== undefined, {
    path: ['petitionIds'],
    error: 'pick petitions or give a search',
  });
export type MatterPetitionsInput = z.input<typeof MatterPetitionsInputSchema>;

export const MeetingInputSchema = z
  .object({
    heldAt: Instant,
    place: z.string().trim().min(2).max(100),
    parties: z.string().trim().min(2).max(1000),
    minutes: z.string().trim().min(2).max(20000),
  })
  .strict();
export type MeetingInput = z.input<typeof MeetingInputSchema>;

export const ObligationInputSchema = z
  .object({
    party: ObligationPartySchema,
    description: z.string().trim().min(2).max(1000),
    dueOn: LocalDateSchema,
  })
  .strict();

export const AgreementInputSchema = z
  .object({
    text: z.string().trim().min(2).max(20000),
    signedOn: LocalDateSchema,
    obligations: z.array(ObligationInputSchema).min(1).max(50),
  })
  .strict();
export type AgreementInput = z.input<typeof AgreementInputSchema>;

export const FulfilInputSchema = z
  .object({
    fulfilledOn: LocalDateSchema,
    evidence: z.string().trim().min(2).max(2000),
  })
  .strict();
export type FulfilInput = z.input<typeof FulfilInputSchema>;

const ObligationViewSchema = z.object({
  id: IdSchema,
  seq: z.number(),
  party: ObligationPartySchema,
  description: z.string(),
  dueOn: z.string(),
  fulfilledOn: z.string().nullable(),
  evidence: z.string().nullable(),
  /** Fulfilled by its deadline. */
  onTime: z.boolean().nullable(),
});
export type ObligationView = z.infer<typeof ObligationViewSchema>;

export const MatterViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  topic: MediationTopicSchema,
  locality: z.string(),
  organisationId: IdSchema.nullable(),
  organisationName: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  petitions: z.array(
    z.object({ petitionId: IdSchema, caseNumber: z.string(), title: z.string(), state: PetitionStateSchema }),
  ),
  meetings: z.array(
    z.object({ id: IdSchema, heldAt: z.string(), place: z.string(), parties: z.string(), minutes: z.string() }),
  ),
  agreement: z.object({ text: z.string(), signedOn: z.string() }).nullable(),
  obligations: z.array(ObligationViewSchema),
});
export type MatterView = z.infer<typeof MatterViewSchema>;

/**
 * Matters of a unit's subtree (within the reader's); `from`, `to` with `signed=true`: those whose
 * agreement was signed in the period (partner.mattersMediated's rows).
 */
export const MatterListQuerySchema = RecordDrillQuerySchema.extend({ signed: z.enum(['true']).optional() }).strict();
export type MatterListQuery = z.input<typeof MatterListQuerySchema>;

export const MatterListViewSchema = z.object({
  items: z.array(
    MatterViewSchema.pick({
      id: true,
      title: true,
      topic: true,
      locality: true,
      state: true,
      createdAt: true,
      organisationName: true,
    }).extend({ petitionCount: z.number(), obligationsOpen: z.number() }),
  ),
});
export type MatterListView = z.infer<typeof MatterListViewSchema>;
