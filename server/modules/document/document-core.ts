/**
 * Making a document from the case inside the caller's transaction: pick the recorded step it is
 * made from, gather the fields its template may use, number it (发文字号), freeze its content and
 * write the row. The event that records it on the case is the caller's (the document service's
 * `generateDocument`, or the step that issues it, like `issueReply`) — through the petition engine.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import type { Deadline, DeadlinePolicy } from '../../../common/domain/deadlines.ts';
import {
  ADDRESSED_TO_PETITIONER,
  DOCUMENT_SOURCES,
  chineseDate,
  documentNumber,
  renderDocument,
  type DocumentContent,
  type DocumentFields,
  type DocumentKind,
} from '../../../common/domain/documents.ts';
import { parseOutcomes } from '../../../common/domain/reply.ts';
import { DomainError } from '../../../common/errors.ts';
import { OUTCOMES, ReplyOutcomeSchema } from '../../../common/schemas/petition.ts';
import { z } from 'zod';
import { format } from '../../../common/i18n/index.ts';
import type { ReplyResult } from '../../../common/schemas/petition.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { parseData, policyOf } from '../../../common/domain/case-deadlines.ts';
import { currentTemplate } from './template.service.ts';
import { insertDocument, listDocumentRows, markDelivered, nextDocumentSequence } from './document.repository.ts';
import {
  deadlinesOf,
  listEvents,
  listPetitioners,
  reconsiderationBodyPath,
  reviewBodyPath,
  type CaseRow,
  type EventRow,
  type Loaded,
} from '../petition/index.ts';
import { quoteCitations } from '../knowledge/index.ts';
import { unitsByIds } from '../unit/index.ts';
import { usersByIds } from '../user/index.ts';

/** Documents are official Chinese texts whatever the reader's interface language. */
const L = zhCN.documents;
const P = zhCN.petitions;

export type CaseEvent = {
  id: string;
  kind: string;
  at: string;
  actor_id: string | null;
  data: Record<string, unknown>;
};

export type DocumentCase = {
  petition: CaseRow;
  events: readonly CaseEvent[];
  deadlines: readonly Deadline[];
  policy: DeadlinePolicy;
  /** The handling body and the bodies that decide its 复查 and 复核 (common/domain/petition-policy.ts), as unit paths. */
  bodies: { handling: string; review: string; reconsideration: string };
};

/** Event rows as the document code reads them: data parsed. */
export function caseEventsOf(rows: readonly EventRow[]): CaseEvent[] {
  return rows.map((e) => ({ id: e.id, kind: e.kind, at: e.at, actor_id: e.actor_id, data: parseData(e.data_json) }));
}

/** Everything a document is made from, read in `db` (the caller's transaction when writing). */
export async function documentCaseOf(
  deps: { clock: Clock; db: Kysely<DB> },
  db: Kysely<DB>,
  loaded: Loaded,
): Promise<DocumentCase> {
  const rows = await listEvents(db, loaded.petition.id);
  return {
    petition: loaded.petition,
    events: caseEventsOf(rows),
    deadlines: await deadlinesOf(deps, db, loaded.petition, rows),
    policy: policyOf(loaded.petition),
    bodies: {
      handling: loaded.facts.handlingOfficePath,
      review: reviewBodyPath(loaded.facts),
      reconsideration: reconsiderationBodyPath(loaded.facts),
    },
  };
}

/** The unit id a path ends in. */
function unitIdOf(path: string): string {
  return (
    path
      .split('/')
      .filter((id) => id.length > 0)
      .at(-1) ?? ''
  );
}

function latest(events: readonly CaseEvent[], kinds: readonly string[]): CaseEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event !== undefined && kinds.includes(event.kind)) return event;
  }
  return undefined;
}

/** The 四个到位 of a reply draft, one paragraph each: （一）合理诉求解决到位：…… (第27条). */
function fourOutcomesText(value: unknown): string {
  const parsed = z.array(ReplyOutcomeSchema).safeParse(value);
  if (!parsed.success || parsed.data.length === 0) return L.phrases.noOutcomes;
  const byKind = new Map(parsed.data.map((o) => [o.kind, o.measures]));
  return OUTCOMES.filter((kind) => byKind.has(kind))
    .map((kind, index) =>
      format(L.phrases.outcomeLine, {
        n: L.phrases.ordinals[index] ?? String(index + 1),
        outcome: P.outcomes[kind],
        measures: byKind.get(kind) ?? '',
      }),
    )
    .join('\n');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

const dateOf = (instant: string): string => chineseDate(localDateOf(instant));

/** The higher body's 转送/交办 recorded with the registration, or null. */
function referralOf(event: CaseEvent | undefined): Record<string, unknown> | null {
  const referral = event?.data.referral;
  return typeof referral === 'object' && referral !== null ? (referral as Record<string, unknown>) : null;
}

/** Where the case stands, in the report's words (办理情况): decision, acceptance, reply and its delivery. */
function progressOf(events: readonly CaseEvent[], handlingUnit: string, replyNumber: string | null): string {
  const R = L.phrases.referral;
  const decision = latest(events, ['decline', 'redirect', 'divert', 'notAccept']);
  if (decision !== undefined) {
    return format(R.decided, {
      date: dateOf(decision.at),
      decision: L.phrases.decisions[decision.kind] ?? '',
      reason: text(decision.data.reason),
    });
  }
  const accept = latest(events, ['accept']);
  if (accept === undefined) {
    const handedOver = latest(events, ['assign', 'forward']);
    return handedOver === undefined
      ? R.studying
      : format(R.handedOver, { route: L.phrases.transfers[handedOver.kind] ?? '', unit: handlingUnit });
  }
  const accepted = format(R.accepted, { date: dateOf(accept.at), unit: handlingUnit });
  const issued = latest(events, ['issueReply']);
  const draft = latest(events, ['draftReply']);
  if (issued === undefined || draft === undefined) return `${accepted}${R.investigating}`;
  const delivered = text(issued.data.deliveredAt);
  return [
    accepted,
    format(R.replied, {
      date: dateOf(issued.at),
      number: replyNumber ?? text(issued.data.number),
      opinion: text(draft.data.opinion),
      result: text(draft.data.result) in P.replyResults ? P.replyResults[draft.data.result as ReplyResult] : '',
    }),
    delivered === '' ? R.sentAwaiting : format(R.delivered, { date: dateOf(delivered) }),
  ].join('');
}

/**
 * The articles a reply or opinion cites (article version ids in its event, issue #17), quoted one per
 * line — title, number and the text of that version, so a document printed again later quotes the
 * law as it stood when the step was taken.
 */
async function citedArticlesOf(db: Kysely<DB>, data: Record<string, unknown>): Promise<string> {
  const ids = Array.isArray(data.citations) ? data.citations.filter((id): id is string => typeof id === 'string') : [];
  return ids.length === 0 ? '' : (await quoteCitations(db, ids)).join('\n');
}

/**
 * The step a document of `kind` is made from, or undefined when it has not happened.
 * A 办结报告 is owed only for an assigned (交办) item (第22条).
 */
export function sourceEventFor(events: readonly CaseEvent[], kind: DocumentKind): CaseEvent | undefined {
  if (kind === 'completion_report' && latest(events, ['assign']) === undefined) return undefined;
  // A report to a higher body is owed only for a matter it sent down (上级转送/交办, 第22条).
  if (kind === 'referral_report') return events.find((e) => e.kind === 'register' && referralOf(e) !== null);
  return latest(events, DOCUMENT_SOURCES[kind]);
}

/** Gather every field the template of `kind` may use from the case, its step and its units. */
async function fieldsFor(
  db: Kysely<DB>,
  c: DocumentCase,
  kind: DocumentKind,
  source: CaseEvent,
  today: string,
): Promise<DocumentFields> {
  const { petition, events } = c;
  const data = source.data;
  const assign = latest(events, ['assign']);
  const eventActors = [source.actor_id, assign?.actor_id].filter((id): id is string => id !== null && id !== undefined);
  const actorUnits = new Map((await usersByIds(db, eventActors)).map((u) => [u.id, u.unit_id]));
  const transferUnitId = text(data.handlingUnitId);
  const sourceActorUnit = source.actor_id === null ? '' : (actorUnits.get(source.actor_id) ?? '');
  const assignerUnit = assign?.actor_id == null ? '' : (actorUnits.get(assign.actor_id) ?? '');
  const handlingBodyId = unitIdOf(c.bodies.handling);
  const reviewBodyId = unitIdOf(c.bodies.review);
  const reconsiderationBodyId = unitIdOf(c.bodies.reconsideration);
  const units = new Map(
    (
      await unitsByIds(
        db,
        [transferUnitId, sourceActorUnit, assignerUnit, handlingBodyId, reviewBodyId, reconsiderationBodyId].filter(
          (id) => id !== '',
        ),
      )
    ).map((u) => [u.id, u]),
  );
  const nameOf = (id: string): string => units.get(id)?.name ?? '';
  // 复查 by the level above the body that answered, 复核 by the level above that (第35–36条); at the
  // top of the tree the group decides itself, by leaders who took no part (common/domain/petition-policy.ts).
  const reviewBody =
    c.bodies.review === c.bodies.handling
      ? format(L.phrases.reviewBySelf, { unit: nameOf(reviewBodyId) })
      : nameOf(reviewBodyId);
  const reconsiderationBody =
    c.bodies.reconsideration === c.bodies.review
      ? format(L.phrases.reconsiderationBySelf, { unit: nameOf(reconsiderationBodyId) })
      : nameOf(reconsiderationBodyId);
  const caseUnitName = c.petition.handling_name ?? c.petition.registered_name;

  let petitionerName: string;
  if (petition.is_anonymous === 1) petitionerName = L.phrases.anonymous;
  else if (petition.type === 'accusation' && !ADDRESSED_TO_PETITIONER[kind])
    petitionerName = L.phrases.protectedAccuser;
  else petitionerName = (await listPetitioners(db, petition.id)).map((p) => p.name).join(P.listSeparator);

  const resultLabel = (value: unknown): string =>
    typeof value === 'string' && value in P.replyResults ? P.replyResults[value as keyof typeof P.replyResults] : '';
  const conclusion = c.deadlines.find((d) => d.kind === 'conclusion');

  const fields: DocumentFields = {
    caseNumber: petition.case_number,
    petitionerName,
    petitionTitle: petition.title,
    receivedDate: dateOf(petition.received_at),
    issuingUnit: caseUnitName,
    issueDate: chineseDate(today),
  };
  switch (kind) {
    case 'acceptance_notice':
      return {
        ...fields,
        acceptedDate: dateOf(source.at),
        handlingUnit: caseUnitName,
        conclusionDueDate:
          conclusion === undefined ? '' : format(L.phrases.conclusionDue, { date: chineseDate(conclusion.dueDate) }),
        issuingUnit: nameOf(sourceActorUnit) || caseUnitName,
      };
    case 'non_acceptance_notice': {
      const route = text(data.route);
      return {
        ...fields,
        decisionDate: dateOf(source.at),
        decisionLabel: L.phrases.decisions[source.kind] ?? '',
        reason: text(data.reason),
        authority: text(data.authority) === '' ? '' : format(L.phrases.authority, { authority: text(data.authority) }),
        routeLabel:
          route === ''
            ? ''
            : format(L.phrases.route, { route: P.diversionRoutes[route as keyof typeof P.diversionRoutes] }),
        issuingUnit: nameOf(sourceActorUnit) || caseUnitName,
      };
    }
    case 'transfer_notice':
      return {
        ...fields,
        transferLabel: L.phrases.transfers[source.kind] ?? '',
        handlingUnit: nameOf(transferUnitId),
        petitionBody: petition.body,
        reportDueDate:
          text(data.reportDueDate) === ''
            ? ''
            : format(L.phrases.reportDue, { date: chineseDate(text(data.reportDueDate)) }),
        note: text(data.note),
        // The case's own figure (5 working days by 第23条第3款, or the enterprise's province's).
        objectionDays: String(c.policy.objectionWorkingDays),
        issuingUnit: nameOf(sourceActorUnit) || c.petition.registered_name,
      };
    case 'extension_notice':
      return {
        ...fields,
        extensionDays: text(data.days),
        extensionReason: text(data.reason),
        newDueDate: conclusion === undefined ? '' : chineseDate(conclusion.dueDate),
      };
    case 'reply':
      return {
        ...fields,
        request: text(data.request),
        factsAndReasons: text(data.factsAndReasons),
        opinion: text(data.opinion),
        legalBasis: text(data.legalBasis),
        citedArticles: await citedArticlesOf(db, data),
        resultLabel: resultLabel(data.result),
        fourOutcomes: fourOutcomesText(data.outcomes),
        reviewDays: String(c.policy.reviewRequestDays),
        reviewBody,
      };
    case 'review_opinion':
      return {
        ...fields,
        reviewRequest: text(latest(events, ['requestReview'])?.data.reason),
        opinion: text(data.opinion),
        citedArticles: await citedArticlesOf(db, data),
        resultLabel: resultLabel(data.result),
        reconsiderationDays: String(c.policy.reconsiderationRequestDays),
        reconsiderationBody,
        // 被申请人: the body whose 处理意见 is reviewed; the 复查意见书 is the reviewing body's.
        respondentUnit: nameOf(handlingBodyId) || caseUnitName,
        issuingUnit: nameOf(reviewBodyId) || caseUnitName,
      };
    case 'reconsideration_opinion':
      return {
        ...fields,
        reconsiderationRequest: text(latest(events, ['requestReconsideration'])?.data.reason),
        opinion: text(data.opinion),
        citedArticles: await citedArticlesOf(db, data),
        resultLabel: resultLabel(data.result),
        respondentUnit: nameOf(reviewBodyId) || caseUnitName,
        issuingUnit: nameOf(reconsiderationBodyId) || caseUnitName,
      };
    case 'mediation_agreement':
      return {
        ...fields,
        agreementLabel: L.phrases.agreements[text(data.kind)] ?? '',
        agreement: text(data.agreement),
        handlingUnit: caseUnitName,
      };
    case 'referral_report': {
      const referral = referralOf(source) ?? {};
      const form = text(referral.replyForm);
      const R = L.phrases.referral;
      const issued = latest(events, ['issueReply']);
      const replyNumber = issued === undefined ? null : text(issued.data.number) || null;
      const concluded = latest(events, ['conclude']);
      return {
        ...fields,
        referralBody: text(referral.body),
        referralNumber: text(referral.documentNumber),
        referralRouteLabel: L.phrases.transfers[text(referral.route)] ?? '',
        referralDueDate: text(referral.dueDate) === '' ? '' : chineseDate(text(referral.dueDate)),
        replyFormLabel: R.forms[form] ?? R.forms.handling_report ?? '',
        petitionBody: petition.body,
        handlingUnit: caseUnitName,
        progress: progressOf(events, caseUnitName, replyNumber),
        outcomeLine:
          concluded === undefined || parseOutcomes(petition.outcomes).length === 0
            ? ''
            : format(R.outcome, {
                date: dateOf(concluded.at),
                outcome: parseOutcomes(petition.outcomes)
                  .map((o) => P.outcomes[o])
                  .join('、'),
                satisfaction:
                  petition.satisfaction === null
                    ? L.phrases.notEvaluated
                    : (L.phrases.satisfaction[petition.satisfaction] ?? ''),
              }),
        // The 意见书 goes with the report when the body asked for it, or for the 办结报告.
        attachmentLine:
          replyNumber !== null && form !== 'handling_report' ? format(R.attachment, { number: replyNumber }) : '',
      };
    }
    case 'completion_report': {
      const draft = latest(events, ['draftReply']);
      return {
        ...fields,
        handlingUnit: caseUnitName,
        addresseeUnit: nameOf(assignerUnit),
        outcomeLabel: parseOutcomes(petition.outcomes)
          .map((o) => P.outcomes[o])
          .join('、'),
        replyOpinion: text(draft?.data.opinion),
        resultLabel: resultLabel(petition.reply_result),
        satisfactionLabel:
          petition.satisfaction === null
            ? L.phrases.notEvaluated
            : (L.phrases.satisfaction[petition.satisfaction] ?? ''),
        concludedDate: dateOf(source.at),
      };
    }
    case 'accountability_decision':
      // Made from an accountability record (createDecisionDocument), never from a case's step.
      return fields;
  }
}

export type CreatedDocument = {
  id: string;
  number: string;
  content: DocumentContent;
  templateVersion: number;
  /** The recorded step the document was made from. */
  sourceEventId: string;
};

export type CreateDocumentDeps = { clock: Clock; ids: IdGenerator; db: Kysely<DB> };

/**
 * Generate a document of `kind` in `trx`.
 * @throws DOCUMENT_SOURCE_MISSING when the step it is made from has not been recorded
 */
export async function createDocument(
  deps: CreateDocumentDeps,
  trx: Kysely<DB>,
  actor: Actor,
  c: DocumentCase,
  kind: DocumentKind,
  delivery?: { method: string; trackingNumber: string | null; sentAt: string; deliveredAt: string | null },
): Promise<CreatedDocument> {
  const source = sourceEventFor(c.events, kind);
  if (source === undefined) {
    throw new DomainError('DOCUMENT_SOURCE_MISSING', {
      message: `No recorded step to make a ${kind} from`,
      details: {
        kind,
        needs: DOCUMENT_SOURCES[kind],
        issues: [{ path: ['kind'], message: `needs one of: ${DOCUMENT_SOURCES[kind].join(', ')}` }],
      },
    });
  }
  const now = deps.clock.now().toISOString();
  const today = localDateOf(now);
  const template = await currentTemplate(trx, deps.clock, deps.ids, kind);
  const year = Number(today.slice(0, 4));
  const number = documentNumber(
    template.numberPrefix,
    year,
    await nextDocumentSequence(trx, template.numberPrefix, year),
  );
  const content = renderDocument(template, await fieldsFor(trx, c, kind, source, today), number);
  const id = deps.ids.next();
  await insertDocument(trx, {
    id,
    petition_id: c.petition.id,
    kind,
    number,
    template_id: template.id,
    template_version: template.version,
    source_event_id: source.id,
    content_json: JSON.stringify(content),
    addressed_to_petitioner: ADDRESSED_TO_PETITIONER[kind] ? 1 : 0,
    created_by: actor.id,
    created_at: now,
    delivery_method: delivery?.method ?? null,
    delivery_tracking: delivery?.trackingNumber ?? null,
    sent_at: delivery?.sentAt ?? null,
    delivered_at: delivery?.deliveredAt ?? null,
    delivery_recorded_by: delivery === undefined ? null : actor.id,
  });
  return { id, number, content, templateVersion: template.version, sourceEventId: source.id };
}

/**
 * The document a step makes in its own transaction (STEP_DOCUMENTS, issue #13 point 8): generated
 * from the event the step has just recorded on `loaded`, with its delivery when the step delivers it
 * (the 复查 and 复核 opinions). Recording it on the case is the caller's.
 */
export async function createStepDocument(
  deps: CreateDocumentDeps,
  trx: Kysely<DB>,
  actor: Actor,
  loaded: Loaded,
  kind: DocumentKind,
  delivery?: { method: string; trackingNumber: string | null; sentAt: string; deliveredAt: string | null },
): Promise<CreatedDocument> {
  return createDocument(deps, trx, actor, await documentCaseOf(deps, trx, loaded), kind, delivery);
}

/**
 * 签发: the 信访处理意见书 goes out as a numbered document. A reply document already generated
 * from the current draft (for a print proof) is the one issued; otherwise it is generated now.
 * The delivery (or, for post, the sending) is recorded on it in the same transaction.
 */
export async function issueReplyDocument(
  deps: CreateDocumentDeps,
  trx: Kysely<DB>,
  actor: Actor,
  loaded: Loaded,
  delivery: { method: string; trackingNumber: string | null; sentAt: string; deliveredAt: string | null },
): Promise<{ id: string; number: string }> {
  const c = await documentCaseOf(deps, trx, loaded);
  const draft = sourceEventFor(c.events, 'reply');
  const proof = (await listDocumentRows(trx, c.petition.id)).find(
    (d) => d.kind === 'reply' && d.source_event_id === draft?.id && d.delivery_method === null,
  );
  if (proof === undefined) return createDocument(deps, trx, actor, c, 'reply', delivery);
  await markDelivered(trx, proof.id, {
    delivery_method: delivery.method,
    delivery_tracking: delivery.trackingNumber,
    sent_at: delivery.sentAt,
    delivered_at: delivery.deliveredAt,
    delivery_recorded_by: actor.id,
  });
  return { id: proof.id, number: proof.number };
}

/**
 * A numbered document made from a record that is not a case (the accountability module's 奖惩问责决定书):
 * the kind's current template filled with `fields`, numbered from the same 发文字号 sequence as every
 * other document of its prefix, in `trx`. The caller stores the content it returns (frozen as issued).
 */
export async function createRecordDocument(
  deps: CreateDocumentDeps,
  trx: Kysely<DB>,
  kind: DocumentKind,
  fields: DocumentFields,
): Promise<{ number: string; content: DocumentContent; templateVersion: number }> {
  const today = localDateOf(deps.clock.now().toISOString());
  const template = await currentTemplate(trx, deps.clock, deps.ids, kind);
  const year = Number(today.slice(0, 4));
  const number = documentNumber(
    template.numberPrefix,
    year,
    await nextDocumentSequence(trx, template.numberPrefix, year),
  );
  const content = renderDocument(template, { issueDate: chineseDate(today), ...fields }, number);
  return { number, content, templateVersion: template.version };
}
