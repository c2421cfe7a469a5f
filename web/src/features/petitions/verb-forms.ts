/**
 * The form of each petition verb: its URL segment and the fields of its input schema
 * (common/schemas/petition.ts). The action bar shows only the verbs the server lists in `actions`.
 */
import { ASSIGNABLE_ROLES } from '../../../../common/domain/access.ts';
import type { Catalog, PetitionVerb } from '../../../../common/i18n/zh-CN.ts';
import { PETITION_TYPES } from '../../../../common/domain/deadlines.ts';
import {
  DELIVERY_METHODS,
  DIVERSION_ROUTES,
  REPLY_RESULTS,
  SUPERVISION_LEVELS,
} from '../../../../common/schemas/petition.ts';
import type { Role } from '../../../../common/schemas/user.ts';

export type FieldName = keyof Catalog['petitions']['field'];

type Choice = { values: readonly string[]; label: (t: Catalog, value: string) => string };

export type FieldSpec =
  | { name: FieldName; kind: 'text' | 'textarea' | 'unit' | 'date' | 'category'; required?: boolean; max?: number }
  | { name: FieldName; kind: 'outcomes'; required?: true }
  | { name: FieldName; kind: 'citations'; required?: false }
  | { name: FieldName; kind: 'number'; required?: boolean; min: number; max: number }
  | { name: FieldName; kind: 'switch'; initial: boolean }
  | { name: FieldName; kind: 'select'; required?: boolean; choice: Choice }
  | { name: FieldName; kind: 'user'; required?: boolean; roles: readonly Role[] };

export type VerbForm = { path: string; fields: readonly FieldSpec[] };

function labelIn(table: (t: Catalog) => Record<string, string>): (t: Catalog, value: string) => string {
  return (t, value) => table(t)[value] ?? value;
}

const TYPES: Choice = { values: PETITION_TYPES, label: labelIn((t) => t.petitions.types) };
const RESULTS: Choice = { values: REPLY_RESULTS, label: labelIn((t) => t.petitions.replyResults) };
const ROUTES: Choice = { values: DIVERSION_ROUTES, label: labelIn((t) => t.petitions.diversionRoutes) };
const DELIVERY: Choice = { values: DELIVERY_METHODS, label: labelIn((t) => t.petitions.deliveryMethods) };
const LEVELS: Choice = { values: SUPERVISION_LEVELS, label: labelIn((t) => t.petitions.supervision) };
const MEDIATION: Choice = { values: ['mediation', 'settlement'], label: labelIn((t) => t.petitions.mediationKinds) };

/** Leaders who may own (包案) a case, and people who handle one. */
const OWNER_ROLES = ASSIGNABLE_ROLES.owner;
const HANDLER_ROLES = ASSIGNABLE_ROLES.handler;

const NOTE: FieldSpec = { name: 'note', kind: 'textarea', max: 2000 };
const REASON: FieldSpec = { name: 'reason', kind: 'textarea', required: true, max: 2000 };
const NOTE_ONLY: readonly FieldSpec[] = [NOTE];
const REASON_ONLY: readonly FieldSpec[] = [REASON];
/** 复查/复核意见: given in writing, its 意见书 made and delivered in the step (第35–36条). */
const OPINION: readonly FieldSpec[] = [
  { name: 'opinion', kind: 'textarea', required: true, max: 10_000 },
  // 法规政策库 articles the opinion rests on, quoted in its 意见书 (issue #17).
  { name: 'citations', kind: 'citations' },
  { name: 'result', kind: 'select', required: true, choice: RESULTS },
  { name: 'deliveryMethod', kind: 'select', required: true, choice: DELIVERY },
  { name: 'trackingNumber', kind: 'text', max: 60 },
];

export const VERB_FORMS: Record<PetitionVerb, VerbForm> = {
  triage: {
    path: 'triage',
    fields: [{ name: 'type', kind: 'select', choice: TYPES }, { name: 'categoryCode', kind: 'category' }, NOTE],
  },
  assign: {
    path: 'assign',
    fields: [{ name: 'handlingUnitId', kind: 'unit', required: true }, { name: 'reportDueDate', kind: 'date' }, NOTE],
  },
  forward: { path: 'forward', fields: [{ name: 'handlingUnitId', kind: 'unit', required: true }, NOTE] },
  // 报请上级: always to the level above the office's own; the reason is shown on both sides.
  escalate: { path: 'escalate', fields: REASON_ONLY },
  signFor: { path: 'sign-for', fields: NOTE_ONLY },
  object: { path: 'object', fields: REASON_ONLY },
  confirmReturn: { path: 'confirm-return', fields: NOTE_ONLY },
  rejectObjection: { path: 'reject-objection', fields: REASON_ONLY },
  accept: {
    path: 'accept',
    fields: [
      { name: 'ownerId', kind: 'user', roles: OWNER_ROLES },
      { name: 'handlerId', kind: 'user', roles: HANDLER_ROLES },
      NOTE,
    ],
  },
  decline: { path: 'decline', fields: REASON_ONLY },
  redirect: { path: 'redirect', fields: [REASON, { name: 'authority', kind: 'text', required: true, max: 100 }] },
  divert: { path: 'divert', fields: [{ name: 'route', kind: 'select', required: true, choice: ROUTES }, REASON] },
  notAccept: { path: 'not-accept', fields: REASON_ONLY },
  startInvestigation: { path: 'start-investigation', fields: NOTE_ONLY },
  addNote: {
    path: 'notes',
    fields: [
      { name: 'text', kind: 'textarea', required: true, max: 5000 },
      { name: 'internal', kind: 'switch', initial: true },
    ],
  },
  startHearing: { path: 'start-hearing', fields: NOTE_ONLY },
  endHearing: { path: 'end-hearing', fields: NOTE_ONLY },
  extend: { path: 'extend', fields: [{ name: 'days', kind: 'number', required: true, min: 1, max: 90 }, REASON] },
  recordMediation: {
    path: 'mediation',
    fields: [
      { name: 'kind', kind: 'select', required: true, choice: MEDIATION },
      { name: 'agreement', kind: 'textarea', required: true, max: 10_000 },
    ],
  },
  draftReply: {
    path: 'draft-reply',
    fields: [
      { name: 'request', kind: 'textarea', required: true, max: 5000 },
      { name: 'factsAndReasons', kind: 'textarea', required: true, max: 10_000 },
      { name: 'opinion', kind: 'textarea', required: true, max: 10_000 },
      { name: 'legalBasis', kind: 'textarea', required: true, max: 5000 },
      // The articles of the 法规政策库 it cites by reference, quoted in full in the printed 意见书 (issue #17).
      { name: 'citations', kind: 'citations' },
      { name: 'result', kind: 'select', required: true, choice: RESULTS },
      // 四个到位 are parts of the reply: each that applies, with what was done (第27条).
      { name: 'outcomes', kind: 'outcomes' },
    ],
  },
  returnDraft: { path: 'return-draft', fields: REASON_ONLY },
  issueReply: {
    path: 'issue-reply',
    fields: [
      { name: 'deliveryMethod', kind: 'select', required: true, choice: DELIVERY },
      { name: 'trackingNumber', kind: 'text', max: 60 },
    ],
  },
  startExecution: { path: 'start-execution', fields: NOTE_ONLY },
  followUp: { path: 'follow-up', fields: NOTE_ONLY },
  evaluate: {
    path: 'evaluate',
    fields: [
      { name: 'satisfaction', kind: 'number', required: true, min: 1, max: 5 },
      { name: 'comment', kind: 'textarea', max: 2000 },
    ],
  },
  conclude: { path: 'conclude', fields: NOTE_ONLY },
  requestReview: { path: 'request-review', fields: REASON_ONLY },
  issueReviewOpinion: { path: 'review-opinion', fields: OPINION },
  requestReconsideration: { path: 'request-reconsideration', fields: REASON_ONLY },
  issueReconsiderationOpinion: { path: 'reconsideration-opinion', fields: OPINION },
  setOwner: {
    path: 'owner',
    fields: [
      { name: 'ownerId', kind: 'user', required: true, roles: OWNER_ROLES },
      { name: 'handlerId', kind: 'user', roles: HANDLER_ROLES },
    ],
  },
  confirmOwnership: { path: 'confirm-ownership', fields: [] },
  supervise: {
    path: 'supervise',
    fields: [
      { name: 'level', kind: 'select', required: true, choice: LEVELS },
      { name: 'dueDate', kind: 'date', required: true },
      { ...REASON, name: 'note' },
    ],
  }, // Offered from the 疑似重复 card, which supplies the earlier case (repeatOfId); never in the action bar.
  linkRepeat: { path: 'link-repeat', fields: NOTE_ONLY },
  // Offered from the 被反映人 card, which supplies the person and the proposals; never in the action bar.
  nameAccused: { path: 'name-accused', fields: [] },
  resolveNamedPerson: { path: 'resolve-named-person', fields: [] },
  // The switch opens on the opposite of the case's flag (ActionModal): the correction.
  correctSkipLevel: { path: 'skip-level', fields: [{ name: 'skipLevel', kind: 'switch', initial: true }, REASON] },
};

export function isPetitionVerb(action: string): action is PetitionVerb {
  return Object.hasOwn(VERB_FORMS, action);
}
