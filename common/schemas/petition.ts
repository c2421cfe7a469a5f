/**
 * Contracts of the petition module. Enumerations mirror docs/glossary.md and DOMAIN.md §6.3;
 * limits have one source here, read by the server and the browser.
 */
import { z } from 'zod';
import { PETITION_TYPES, type PetitionType } from '../domain/deadlines.ts';
import { PETITION_STATES } from '../domain/petition-state.ts';
import { RISK_LEVELS, RISK_REASONS } from '../domain/risk.ts';
import { IdNumberSchema, PhoneSchema } from '../domain/identity.ts';
import { NAMED_PERSON_RESOLUTIONS } from '../domain/named-person.ts';
import { ErrorCodeSchema } from '../errors.ts';
import { OfficeContactSchema } from './office.ts';
import { CitationsSchema } from './knowledge.ts';
import { IdSchema } from './unit.ts';

/** 信访形式 (第17条), plus the enterprise's own channels. */
export const CHANNELS = ['letter', 'visit', 'phone', 'online', 'mailbox', 'qr_code', 'forwarded', 'screening'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

/** The 2022 types (第29–31条) plus 咨询/其他. Only `appeal` (申诉求决) carries the 60-day limit of 第34条. */
export const PetitionTypeSchema = z.enum(PETITION_TYPES);
export type { PetitionType };

/** 信访目的: 求决/申诉/揭发控告/意见建议/咨询/其他 (DOMAIN.md §6.1). */
export const PURPOSES = ['request', 'complaint', 'report', 'suggestion', 'inquiry', 'other'] as const;
export const PurposeSchema = z.enum(PURPOSES);
export type Purpose = z.infer<typeof PurposeSchema>;

/** 信访人身份. */
export const PETITIONER_IDENTITIES = [
  'employee',
  'retiree',
  'injured',
  'survivor',
  'family',
  'contractor',
  'villager',
  'other',
] as const;
export const PetitionerIdentitySchema = z.enum(PETITIONER_IDENTITIES);
export type PetitionerIdentity = z.infer<typeof PetitionerIdentitySchema>;

/** 信访处理意见书 result (第32条): 予以支持 / 解释说明 / 不予支持. */
export const REPLY_RESULTS = ['support', 'explain', 'reject'] as const;
export const ReplyResultSchema = z.enum(REPLY_RESULTS);
export type ReplyResult = z.infer<typeof ReplyResultSchema>;

/**
 * 四个到位 (第27条): 合理诉求解决到位, 不合理诉求解释到位, 生活困难帮扶到位, 违法行为处理到位 — the parts of
 * one answer; a reply records those that apply, each with what was done.
 */
export const OUTCOMES = ['resolved', 'explained', 'assisted', 'enforced'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** One of the 四个到位 that applies to a reply, with what was done for it. */
export const ReplyOutcomeSchema = z
  .object({
    kind: OutcomeSchema,
    measures: z.string().trim().min(2, { error: 'say what was done' }).max(2000),
  })
  .strict();
export type ReplyOutcome = z.infer<typeof ReplyOutcomeSchema>;

/** 督办 / 挂牌督办. */
export const SUPERVISION_LEVELS = ['supervised', 'listed'] as const;
export const SupervisionLevelSchema = z.enum(SUPERVISION_LEVELS);
export type SupervisionLevel = z.infer<typeof SupervisionLevelSchema>;

/** 导入法定程序 (第22条第2款, 第31条(一)–(五)). */
export const DIVERSION_ROUTES = [
  'arbitration',
  'litigation',
  'administrative_review',
  'discipline',
  'party_appeal',
  'other',
] as const;
export const DiversionRouteSchema = z.enum(DIVERSION_ROUTES);

export const PetitionStateSchema = z.enum(PETITION_STATES);

/** 集体访: representatives are at most five (第20条第3款). */
export const MAX_REPRESENTATIVES = 5;

/**
 * The one rule of 《信访工作条例》第20条第3款: many people visiting about one matter choose at most
 * five representatives. Registration and a visit (its petitioners and companions together) both
 * apply it. @returns the message naming the rule when `count` is too many, else null
 */
export function representativesProblem(count: number): string | null {
  return count > MAX_REPRESENTATIVES
    ? `a group petition has at most ${MAX_REPRESENTATIVES} representatives (《信访工作条例》第20条), got ${count}`
    : null;
}
export const TITLE_MAX = 120;
export const BODY_MAX = 20_000;
/** The longest 事实和理由 of a 信访处理意见书; a petition's own text may be longer (common/domain/reply.ts). */
export const FACTS_MAX = 10_000;

export const PetitionerInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'name is required' }).max(40),
    idNumber: IdNumberSchema.optional(),
    phone: PhoneSchema.optional(),
    identity: PetitionerIdentitySchema,
    unitId: IdSchema.optional(),
    address: z.string().trim().max(200).optional(),
    isRepresentative: z.boolean().default(false),
  })
  .strict();
export type PetitionerInput = z.infer<typeof PetitionerInputSchema>;

/** How a higher body sends a matter down (第22条): 转送 to the unit with authority, or 交办 with a report back. */
export const REFERRAL_ROUTES = ['forward', 'assign'] as const;
/**
 * The form of the report the higher body requires: the 办结报告 (第22条 "提交办结报告"), a report on
 * the handling so far, or a copy of the 信访处理意见书 given to the petitioner.
 */
export const REFERRAL_REPLY_FORMS = ['completion_report', 'handling_report', 'reply_copy'] as const;
export type ReferralReplyForm = (typeof REFERRAL_REPLY_FORMS)[number];
/** How a petitioner may have gone to the higher body (第17条); a visit counts for 越级 (第20条). */
export const REFERRAL_CHANNELS = ['visit', 'letter', 'phone', 'online'] as const;

/** 上级转送/交办: the higher body, its document number (文号), its deadline and the reply it requires. */
export const ReferralInputSchema = z
  .object({
    body: z.string().trim().min(2, { error: 'the higher body is required' }).max(100),
    documentNumber: z.string().trim().min(2, { error: 'the document number is required' }).max(60),
    route: z.enum(REFERRAL_ROUTES),
    /** 指定办理期限 (第22条第1款(三)): required for a 交办. */
    dueDate: z.iso.date().optional(),
    replyForm: z.enum(REFERRAL_REPLY_FORMS),
    petitionerChannel: z.enum(REFERRAL_CHANNELS).optional(),
  })
  .strict()
  .superRefine((referral, ctx) => {
    if (referral.route === 'assign' && referral.dueDate === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueDate'],
        message: 'a 交办 carries the date set for the report (第22条)',
      });
    }
  });
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

/** 被反映人's fields; `NamedPersonInputSchema` adds the rule between them. */
export const NamedPersonFieldsSchema = z.object({
  name: z.string().trim().min(1, { error: 'name is required' }).max(40),
  /** The account an officer confirmed (a proposal of GET /api/named-persons/matches). */
  userId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  /** The unit as written when it is not one of the tree's (a petitioner's words, a ledger cell). */
  unitText: z.string().trim().max(100).optional(),
  position: z.string().trim().max(60).optional(),
  /** The officer confirmed that no account is this person (its namesakes are then not recused). */
  noAccount: z.boolean().optional(),
});

/** Both an account and "no account" cannot be confirmed for one name. */
function oneResolution(input: { userId?: string | undefined; noAccount?: boolean | undefined }, ctx: z.RefinementCtx) {
  if (input.userId !== undefined && input.noAccount === true)
    ctx.addIssue({ code: 'custom', path: ['noAccount'], message: 'an account was confirmed for this name' });
}

export const NamedPersonInputSchema = NamedPersonFieldsSchema.strict().superRefine(oneResolution);
export type NamedPersonInput = z.input<typeof NamedPersonInputSchema>;

export const RegisterPetitionInputSchema = z
  .object({
    channel: ChannelSchema,
    type: PetitionTypeSchema,
    purpose: PurposeSchema,
    categoryCode: z.string().max(10).optional(),
    title: z.string().trim().min(2, { error: 'title must have at least 2 characters' }).max(TITLE_MAX),
    body: z.string().trim().min(5, { error: 'body must have at least 5 characters' }).max(BODY_MAX),
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    anonymous: z.boolean().default(false),
    petitioners: z.array(PetitionerInputSchema).max(50).default([]),
    headcount: z.number().int().min(1).max(10_000).default(1),
    involvedUnitIds: z.array(IdSchema).max(20).default([]),
    namedPersons: z.array(NamedPersonInputSchema).max(20).default([]),
    /**
     * Skip-level (越级) as the officer corrects it; left out, it is decided from the channel, the
     * receiving level and the petitioners' units (common/domain/skip-level.ts, 第20条第1款).
     */
    skipLevel: z.boolean().optional(),
    /** A matter sent down by a higher body (channel `forwarded`). */
    referral: ReferralInputSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const tooMany = representativesProblem(input.petitioners.filter((p) => p.isRepresentative).length);
    if (tooMany !== null) ctx.addIssue({ code: 'custom', path: ['petitioners'], message: tooMany });
    if (!input.anonymous && input.petitioners.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['petitioners'],
        message: 'a real-name petition needs at least one petitioner',
      });
    }
    if (input.anonymous && input.petitioners.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['petitioners'],
        message: 'an anonymous petition carries no petitioner identity',
      });
    }
    if (input.referral !== undefined && input.channel !== 'forwarded') {
      ctx.addIssue({
        code: 'custom',
        path: ['referral'],
        message: 'only a matter sent down by a higher body (channel forwarded) carries a referral',
      });
    }
    if (input.headcount < input.petitioners.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['headcount'],
        message: 'headcount is smaller than the number of petitioners listed',
      });
    }
  });
export type RegisterPetitionInput = z.input<typeof RegisterPetitionInputSchema>;
export type RegisterPetitionData = z.output<typeof RegisterPetitionInputSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs of the verbs (one per transition or activity; see common/domain/petition-state.ts)

const Reason = z.string().trim().min(2, { error: 'reason is required' }).max(2000);
const Note = z.string().trim().max(2000).optional();
const LocalDateInput = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
/** The step's dialog asks for the document the step requires, made in the same transaction (STEP_DOCUMENTS). */
const WithDocument = z.boolean().optional();

export const TriageInputSchema = z
  .object({ type: PetitionTypeSchema.optional(), categoryCode: z.string().max(10).optional(), note: Note })
  .strict();
export const AssignInputSchema = z
  .object({
    handlingUnitId: IdSchema,
    reportDueDate: LocalDateInput.optional(),
    note: Note,
    withDocument: WithDocument,
  })
  .strict();
export const ForwardInputSchema = z
  .object({ handlingUnitId: IdSchema, note: Note, withDocument: WithDocument })
  .strict();
export const ReasonInputSchema = z.object({ reason: Reason }).strict();
export const DeclineInputSchema = z.object({ reason: Reason, withDocument: WithDocument }).strict();
export const NoteOnlyInputSchema = z.object({ note: Note }).strict();
export const AcceptInputSchema = z
  .object({ ownerId: IdSchema.optional(), handlerId: IdSchema.optional(), note: Note, withDocument: WithDocument })
  .strict();
export const AddNoteInputSchema = z
  .object({
    text: z.string().trim().min(1, { error: 'text is required' }).max(5000),
    internal: z.boolean().default(true),
  })
  .strict();
/**
 * 延期: days of this approval; the total stays within the case's cap (30 by 第34条; a province's own
 * figure where the enterprise sets one, at most the setting's 90), checked by the service.
 */
export const ExtendInputSchema = z
  .object({ days: z.number().int().min(1).max(90), reason: Reason, withDocument: WithDocument })
  .strict();
export const MediationInputSchema = z
  .object({ kind: z.enum(['mediation', 'settlement']), agreement: z.string().trim().min(5).max(10_000) })
  .strict();
/**
 * 信访处理意见书: 投诉请求, 事实和理由, 处理意见, 法律法规依据 and the result (第32条), with the 四个到位
 * that apply and what was done for each (第27条): at least one, each at most once.
 */
export const DraftReplyInputSchema = z
  .object({
    request: z.string().trim().min(2).max(5000),
    factsAndReasons: z.string().trim().min(2).max(FACTS_MAX),
    opinion: z.string().trim().min(2).max(10_000),
    legalBasis: z.string().trim().min(2).max(5000),
    /** 法规政策库 articles cited by reference (article version ids), each in force on the reply's date. */
    citations: CitationsSchema.optional(),
    result: ReplyResultSchema,
    outcomes: z
      .array(ReplyOutcomeSchema)
      .min(1, { error: 'at least one of the four (四个到位) applies' })
      .max(OUTCOMES.length),
    withDocument: WithDocument,
  })
  .strict()
  .superRefine((input, ctx) => {
    input.outcomes.forEach((outcome, index) => {
      if (input.outcomes.findIndex((o) => o.kind === outcome.kind) !== index)
        ctx.addIssue({ code: 'custom', path: ['outcomes', index, 'kind'], message: 'listed twice' });
    });
  });
export type DraftReplyInput = z.infer<typeof DraftReplyInputSchema>;
export const DELIVERY_METHODS = ['in_person', 'post', 'sms', 'portal'] as const;
export const IssueReplyInputSchema = z
  .object({
    deliveryMethod: z.enum(DELIVERY_METHODS),
    deliveredAt: Instant.optional(),
    trackingNumber: z.string().max(60).optional(),
  })
  .strict();
export const EvaluateInputSchema = z
  .object({ satisfaction: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() })
  .strict();
/** 办结: the 四个到位 are part of the reply (`DraftReplyInputSchema`), not chosen here. */
export const ConcludeInputSchema = z.object({ note: Note }).strict();
export const RequestReviewInputSchema = z.object({ reason: Reason, requestedAt: Instant.optional() }).strict();
/** 复查意见 / 复核意见: the opinion goes out as its 意见书 in the same step, delivered like the reply (第35–36条). */
export const ReviewOpinionInputSchema = z
  .object({
    opinion: z.string().trim().min(2).max(10_000),
    citations: CitationsSchema.optional(),
    result: ReplyResultSchema,
    deliveryMethod: z.enum(DELIVERY_METHODS),
    deliveredAt: Instant.optional(),
    trackingNumber: z.string().max(60).optional(),
  })
  .strict();
export const RedirectInputSchema = z
  .object({ reason: Reason, authority: z.string().trim().min(2).max(100), withDocument: WithDocument })
  .strict();
export const DivertInputSchema = z
  .object({ route: DiversionRouteSchema, reason: Reason, withDocument: WithDocument })
  .strict();
export const NotAcceptInputSchema = z
  .object({ reason: Reason, relatedPetitionId: IdSchema.optional(), withDocument: WithDocument })
  .strict();
export const SetOwnerInputSchema = z
  .object({ ownerId: IdSchema, handlerId: IdSchema.optional(), coHandlerIds: z.array(IdSchema).max(10).default([]) })
  .strict();
export const SuperviseInputSchema = z
  .object({ level: SupervisionLevelSchema, dueDate: LocalDateInput, note: Reason })
  .strict();
export const DeclareConflictInputSchema = z.object({ reason: Reason }).strict();
/** 报请上级: why the office sends the case up to the level above (shown on both sides). */
export const EscalateInputSchema = z.object({ reason: Reason }).strict();
/** 越级 as the office corrects it (第20条第1款), with the reason for the audit trail. */
export const CorrectSkipLevelInputSchema = z.object({ skipLevel: z.boolean(), reason: Reason }).strict();

// ---------------------------------------------------------------------------------------------
// Views

export const PetitionListQuerySchema = z.object({
  state: z.union([PetitionStateSchema, z.array(PetitionStateSchema)]).optional(),
  open: z.enum(['true', 'false']).optional(),
  unitId: IdSchema.optional(),
  categoryCode: z.string().max(10).optional(),
  channel: ChannelSchema.optional(),
  type: PetitionTypeSchema.optional(),
  flag: z.enum(['group', 'skip_level', 'repeat', 'supervised', 'anonymous']).optional(),
  ownerId: IdSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** The 受理告知 / 办结 deadline's status (the dashboard's on-time drill-down); `overdue` includes open and past due. */
  acceptance: z.enum(['open', 'met', 'met_late', 'overdue']).optional(),
  conclusion: z.enum(['open', 'met', 'met_late', 'overdue']).optional(),
  /** The 受理告知 / 办结 deadline falls due in this range (local dates, inclusive): the dashboard's on-time period. */
  acceptanceDueFrom: LocalDateInput.optional(),
  acceptanceDueTo: LocalDateInput.optional(),
  conclusionDueFrom: LocalDateInput.optional(),
  conclusionDueTo: LocalDateInput.optional(),
  /** The report owed to a higher body on a matter it sent down (上级转送/交办): status and due range. */
  referral: z.enum(['open', 'met', 'met_late', 'overdue']).optional(),
  referralDueFrom: LocalDateInput.optional(),
  referralDueTo: LocalDateInput.optional(),
  /** The 包案 leader's confirmation (企业规定, 第18条): status and due range, the appraisal's drill-down. */
  ownership: z.enum(['open', 'met', 'met_late', 'overdue']).optional(),
  ownershipDueFrom: LocalDateInput.optional(),
  ownershipDueTo: LocalDateInput.optional(),
  /**
   * A 复查意见 or 复核意见 (第35–36条) issued from `reviewFrom` to `reviewTo` (local dates, both needed
   * to narrow by date): `issued` — one was; `overturned` — one gave another result than the reply
   * (支持 / 解释 / 不支持). The appraisal's drill-down of cases reviewed and overturned.
   */
  review: z.enum(['issued', 'overturned']).optional(),
  reviewFrom: LocalDateInput.optional(),
  reviewTo: LocalDateInput.optional(),
  receivedFrom: LocalDateInput.optional(),
  receivedTo: LocalDateInput.optional(),
  /**
   * The 满意度评价 (第21条 on evaluation): `due` — a reply was issued, so the petitioner may evaluate;
   * `rated` — evaluated; `satisfied` — evaluated 基本满意 or better (3–5 of 5). The appraisal's drill-down.
   */
  evaluation: z.enum(['due', 'rated', 'satisfied']).optional(),
  /** Full-text search over title, body, notes and replies (two characters or more per term). */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['received_desc', 'due_asc']).default('received_desc'),
});
export type PetitionListQuery = z.input<typeof PetitionListQuerySchema>;

export const PetitionFlagsSchema = z.object({
  group: z.boolean(),
  skipLevel: z.boolean(),
  repeat: z.boolean(),
  first: z.boolean(),
  anonymous: z.boolean(),
  supervision: SupervisionLevelSchema.nullable(),
});

export const PetitionSummaryViewSchema = z.object({
  id: IdSchema,
  caseNumber: z.string(),
  title: z.string(),
  state: PetitionStateSchema,
  channel: ChannelSchema,
  type: PetitionTypeSchema,
  categoryCode: z.string().nullable(),
  /** The category as shown (`上级 / 本级`), resolved by the server. */
  categoryName: z.string().nullable(),
  receivedAt: z.string(),
  handlingUnitId: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  headcount: z.number().int(),
  flags: PetitionFlagsSchema,
  dueDate: z.string().nullable(),
  dueKind: z.string().nullable(),
  /** With a search: where its terms appear (the title, else an excerpt of the body) and the ranges to mark. */
  highlight: z
    .object({
      field: z.enum(['title', 'body']),
      text: z.string(),
      ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
    })
    .nullable()
    .optional(),
  /** The risk score with its reasons (common/domain/risk.ts), kept current with every event. */
  risk: z.object({
    score: z.number().int(),
    level: z.enum(RISK_LEVELS),
    reasons: z.array(
      z.object({
        code: z.enum(RISK_REASONS),
        points: z.number().int(),
        detail: z.record(z.string(), z.union([z.string(), z.number()])),
      }),
    ),
  }),
});
export type PetitionSummaryView = z.infer<typeof PetitionSummaryViewSchema>;

/**
 * The most petitions the list counts (issue #20). Past it the list says "more than 10,000" (超过 10,000
 * 件) instead of counting on: counting every match of a broad filter over a million petitions cost far
 * more than the page itself (a mine office's subtree, 2.5 s at 1M on SQLite), and nobody pages through
 * 500 pages of 20 — a filter finds the case. The exact figures stay where they are promised: the
 * dashboard (the rollup) and the ledger export (every row).
 */
export const PETITION_LIST_TOTAL_CAP = 10_000;
/**
 * The most hits of the search index a list search (`q`) reads (issue #20): a common word matches a
 * tenth of a million petitions, and reading them all to order and count them cost 1.9 s; reading
 * 10,000 cost ~60 ms on SQLite at 100k, 2,000 a fifth of it. Past it the list says the search was cut
 * (`searchLimited`) and shows what it found among these hits: more words, or a filter, find the rest.
 */
export const PETITION_SEARCH_HIT_CAP = 2_000;

export const PetitionListViewSchema = z.object({
  items: z.array(PetitionSummaryViewSchema),
  /** Exact when `totalCapped` is false; else the count stopped there and more petitions match. */
  total: z.number().int(),
  totalCapped: z.boolean(),
  /** A search whose words matched more than PETITION_SEARCH_HIT_CAP petitions: the list is among the first of them. */
  searchLimited: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PetitionListView = z.infer<typeof PetitionListViewSchema>;

/** A petitioner as a viewer sees them: ID number and phone masked unless the viewer's role needs them. */
export const PetitionerViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  identity: PetitionerIdentitySchema,
  isRepresentative: z.boolean(),
});

export const PetitionEventViewSchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  fromState: PetitionStateSchema.nullable(),
  toState: PetitionStateSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
  internal: z.boolean(),
});

export const DeadlineViewSchema = z.object({
  kind: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'met', 'met_late', 'overdue']),
  metAt: z.string().nullable(),
  article: z.string(),
  dayCount: z.enum(['calendar', 'working']),
  pausedDays: z.number().int(),
  daysLeft: z.number().int().nullable(),
});

/** A named person as the office sees it: how the name was written and how it was resolved. */
export const NamedPersonViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  position: z.string().nullable(),
  unitId: z.string().nullable(),
  /** The unit named along the tree (`东山煤矿 综采一队`), or the unit as written. */
  unitName: z.string().nullable(),
  resolution: z.enum(NAMED_PERSON_RESOLUTIONS),
  /** The confirmed account (resolution `account`). */
  account: z
    .object({ id: IdSchema, displayName: z.string(), unitPathName: z.string(), position: z.string().nullable() })
    .nullable(),
});
export type NamedPersonView = z.infer<typeof NamedPersonViewSchema>;

export const PetitionDetailViewSchema = PetitionSummaryViewSchema.extend({
  body: z.string(),
  purpose: PurposeSchema,
  registeredUnitName: z.string(),
  handlerId: z.string().nullable(),
  ownerConfirmedAt: z.string().nullable(),
  replyResult: ReplyResultSchema.nullable(),
  /** The 四个到位 the reply records (第27条). */
  outcomes: z.array(OutcomeSchema),
  satisfaction: z.number().int().nullable(),
  /** null when the viewer may not see who filed an accusation (第30条第3款). */
  petitioners: z.array(PetitionerViewSchema).nullable(),
  /** 被反映人, for those who may see them (the office: `canSeeNamedPersons`); empty for everyone else. */
  namedPersons: z.array(NamedPersonViewSchema),
  events: z.array(PetitionEventViewSchema),
  deadlines: z.array(DeadlineViewSchema),
  /**
   * Written notices owed to the petitioner and not yet out (第23条 受理/不予受理告知, 第34条 延期告知):
   * the document is missing, or generated and not delivered. The deadline is met only once it went out.
   */
  owedNotices: z.array(
    z.object({
      kind: z.enum(['acceptance_notice', 'non_acceptance_notice', 'extension_notice']),
      step: z.string(),
      stepAt: z.string(),
      missing: z.enum(['document', 'delivery']),
    }),
  ),
  /** Verbs the viewer may use now (state machine ∩ role and scope, less the steps already done). */
  actions: z.array(z.string()),
  /** Verbs the viewer could use once another step is taken, each with the reason (an error code). */
  waiting: z.array(z.object({ verb: z.string(), code: ErrorCodeSchema })),
  version: z.number().int(),
});
export type PetitionDetailView = z.infer<typeof PetitionDetailViewSchema>;

export const RegisteredPetitionViewSchema = z.object({
  /**
   * The case as the registrar may see it; null when it is not theirs to read — a frontline head
   * (区队长, 班组长) registers for the office above, and a registrar named in it is recused (第28条).
   */
  petition: PetitionDetailViewSchema.nullable(),
  caseNumber: z.string(),
  /** Shown once, to hand to the petitioner; only its hash is stored. */
  trackingCode: z.string(),
  /** The registering office's address, phone and hours (setting `portal.office`), for the 回执. */
  office: OfficeContactSchema.nullable(),
  /** The public address of the portal (config), where the petitioner follows the case. */
  portalUrl: z.string(),
});

/** Largest attachment accepted, read by the server's multipart limit and by the browser (10 MiB). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** One file attached to a petition; `contentType` is what its bytes are, not what the uploader declared. */
export const AttachmentViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  /** Marked as an identity document (an ID card) when it was attached: follows the identity rule. */
  identityDocument: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

export const AttachmentListViewSchema = z.object({ items: z.array(AttachmentViewSchema) });
export type AttachmentListView = z.infer<typeof AttachmentListViewSchema>;

/** Look a petitioner up as the officer types an ID number or a phone (registration in under a minute). */
export const PetitionerLookupQuerySchema = z
  .object({ idNumber: z.string().trim().max(30).optional(), phone: z.string().trim().max(30).optional() })
  .refine((q) => q.idNumber !== undefined || q.phone !== undefined, {
    error: 'idNumber or phone is required',
    path: ['idNumber'],
  });

export const PetitionerLookupViewSchema = z.object({
  found: z.boolean(),
  petitioner: z
    .object({
      id: IdSchema,
      name: z.string(),
      identity: PetitionerIdentitySchema,
      unitId: z.string().nullable(),
      address: z.string().nullable(),
    })
    .nullable(),
  /** Earlier petitions of this person the viewer may see, newest first (likely repeats). */
  petitions: z.array(
    z.object({
      id: IdSchema,
      caseNumber: z.string(),
      title: z.string(),
      state: PetitionStateSchema,
      receivedAt: z.string(),
    }),
  ),
});
export type PetitionerLookupView = z.infer<typeof PetitionerLookupViewSchema>;
