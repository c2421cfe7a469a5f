/**
 * 征求意见 (consultation, issue #17): before a major decision or a new policy the office publishes the
 * draft to the units asked, with a deadline (《信访工作条例》第5条: 源头预防 — remove the dispute before
 * it starts); workers comment from the portal without an account, one comment per person per draft,
 * named or anonymous; the office answers EACH suggestion — adopted, partly adopted, not adopted — with
 * the reason (第29条: a suggestion is studied, reasonable ones adopted), and on the decision the adoption
 * summary is published on the portal, anonymised. Comments are searched and clustered with the text
 * engine (server/text: the search tokens and the hotspot clusters — one implementation).
 *
 * Privacy (people, not surveillance): a comment keeps no phone number and no address. The one-per-person
 * rule rests on `person_key`, the enterprise's keyed hash (the blind-index HMAC of the petitioner module)
 * of the draft's id and the normalised phone number: the same person on the same draft gives the same key,
 * while the key of one draft says nothing about another draft nor matches a petitioner's phone index.
 */
import type { Kysely } from 'kysely';
import { can, hasAction, isInSubtree, type Actor } from '../../../common/domain/access.ts';
import { localDateOf, type LocalDate } from '../../../common/domain/calendar.ts';
import {
  adoptionCounts,
  stageOf,
  takesComments,
  type ConsultationAnswer,
} from '../../../common/domain/consultation.ts';
import { normalizePhone } from '../../../common/domain/identity.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  ConsultationAnswerInputSchema,
  ConsultationDecideInputSchema,
  ConsultationInputSchema,
  PortalCommentInputSchema,
  type ConsultationAnswerInput,
  type ConsultationCommentsView,
  type ConsultationCommentView,
  type ConsultationDecideInput,
  type ConsultationInput,
  type ConsultationListView,
  type ConsultationView,
  type PortalCommentInput,
  type PortalCommentReceiptView,
  type PortalConsultationListView,
  type PortalConsultationView,
} from '../../../common/schemas/consultation.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { findHotspots } from '../../text/hotspot.ts';
import { matchesSearchQuery } from '../../text/segment.ts';
import {
  readStoredFile,
  removeStoredFile,
  storedFileColumns,
  storeFile,
  type UploadedFile,
} from '../attachment/index.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { findActiveUnitByCode, unitsByIds } from '../unit/index.ts';
import * as repo from './consultation.repository.ts';

export type ConsultationDeps = PetitionDeps;

/** Spends the portal's proof of work in the comment's transaction (the portal module's spendChallenge). */
export type SpendChallenge = (trx: Kysely<DB>) => Promise<void>;

function today(deps: ConsultationDeps): LocalDate {
  return localDateOf(deps.clock.now().toISOString());
}

function unitRef(row: repo.ConsultationRow) {
  return { id: row.unit_id, path: row.unit_path };
}

/** A consultation the actor may read (published in their subtree, or any for 考核/纪检). @throws NOT_FOUND */
async function readable(deps: ConsultationDeps, actor: Actor, id: string): Promise<repo.ConsultationRow> {
  const row = await repo.findConsultation(deps.db, id);
  if (row === undefined || !can(actor, 'consultation.read', unitRef(row)))
    throw new DomainError('NOT_FOUND', { message: 'Consultation not found', details: { id } });
  return row;
}

/** A consultation the actor's office keeps. @throws NOT_FOUND, FORBIDDEN */
async function kept(deps: ConsultationDeps, actor: Actor, id: string): Promise<repo.ConsultationRow> {
  const row = await readable(deps, actor, id);
  if (!can(actor, 'consultation.manage', unitRef(row)))
    throw new DomainError('FORBIDDEN', { message: 'The office that published the draft keeps it' });
  return row;
}

function assertUndecided(row: repo.ConsultationRow): void {
  if (row.decided_at !== null)
    throw fieldError('decision', 'the decision is made and the summary published', 'CONSULTATION_STAGE_ILLEGAL');
}

function commentView(row: repo.CommentRow): ConsultationCommentView {
  const anonymous = row.anonymous === 1;
  return {
    id: row.id,
    body: row.body,
    anonymous,
    // An anonymous comment has no name stored; the guard here keeps it so if a row were ever amended.
    name: anonymous ? null : row.name,
    unitName: row.unit_name,
    createdAt: row.created_at,
    answer: row.answer as ConsultationAnswer | null,
    reason: row.reason,
    answeredAt: row.answered_at,
  };
}

// ---------------------------------------------------------------------------------------------
// The office

/**
 * Publish a draft to the units asked, each inside the actor's subtree, with a deadline from today on.
 * @throws FORBIDDEN (not an office), VALIDATION_FAILED (`unitIds` outside the office's units or
 *   inactive, `deadline` in the past)
 */
export async function publishConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  raw: ConsultationInput,
): Promise<ConsultationView> {
  const input = ConsultationInputSchema.parse(raw);
  if (!can(actor, 'consultation.manage', { id: actor.unitId, path: actor.unitPath }))
    throw new DomainError('FORBIDDEN', { message: 'An office publishes drafts for comment' });
  const unitIds = [...new Set(input.unitIds)];
  const units = await unitsByIds(deps.db, unitIds);
  if (
    units.length !== unitIds.length ||
    units.some((u) => u.active !== 1 || !can(actor, 'consultation.manage', { id: u.id, path: u.path }))
  )
    throw fieldError('unitIds', 'ask active units of your own office only');
  if (input.deadline < today(deps)) throw fieldError('deadline', 'the deadline is in the past');
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertConsultation(
      trx,
      {
        id,
        unit_id: actor.unitId,
        title: input.title,
        body: input.body,
        deadline: input.deadline,
        decision: null,
        decided_at: null,
        decided_by: null,
        created_by: actor.id,
        created_at: at,
      },
      unitIds,
    );
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'consultation.publish',
      entityType: 'consultation',
      entityId: id,
      after: { title: input.title, deadline: input.deadline, unitIds },
    });
  });
  return getConsultation(deps, actor, id);
}

/** Drafts published in the actor's subtree (all of them for 考核/纪检), newest first. @throws FORBIDDEN */
export async function listConsultations(deps: ConsultationDeps, actor: Actor): Promise<ConsultationListView> {
  if (!hasAction(actor.role, 'consultation.read'))
    throw new DomainError('FORBIDDEN', { message: 'Consultations are kept by the office' });
  const rows = (await repo.consultationsUnder(deps.db, actor.role === 'auditor' ? '/' : actor.unitPath)).filter((r) =>
    can(actor, 'consultation.read', unitRef(r)),
  );
  const answers = await repo.answersOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = today(deps);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      unitName: r.unit_name,
      stage: stageOf(r.deadline, now, r.decided_at !== null),
      deadline: r.deadline,
      createdAt: r.created_at,
      counts: adoptionCounts(
        answers.filter((a) => a.consultation_id === r.id).map((a) => a.answer as ConsultationAnswer | null),
      ),
    })),
  };
}

/** One draft with its units, files and every comment (a named commenter's name; an anonymous one's unit only). */
export async function getConsultation(deps: ConsultationDeps, actor: Actor, id: string): Promise<ConsultationView> {
  const row = await readable(deps, actor, id);
  const [units, attachments, comments] = await Promise.all([
    repo.unitsAsked(deps.db, id),
    repo.attachmentsOf(deps.db, id),
    repo.commentsOf(deps.db, id),
  ]);
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    unitId: row.unit_id,
    unitName: row.unit_name,
    stage: stageOf(row.deadline, today(deps), row.decided_at !== null),
    deadline: row.deadline,
    createdAt: row.created_at,
    units: units.map((u) => ({ id: u.id, name: u.name })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
    })),
    decision: row.decision,
    decidedAt: row.decided_at,
    counts: adoptionCounts(comments.map((c) => c.answer as ConsultationAnswer | null)),
    canManage: can(actor, 'consultation.manage', unitRef(row)),
    comments: comments.map(commentView),
  };
}

/**
 * The comments a search finds (the text engine's bigram phrases, every term must match; all of them
 * without a query) and the clusters of all comments by the text engine's hotspot analysis — comments
 * about the same point gathered so the office answers them alike.
 */
export async function searchComments(
  deps: ConsultationDeps,
  actor: Actor,
  id: string,
  query: string | undefined,
): Promise<ConsultationCommentsView> {
  await readable(deps, actor, id);
  const comments = await repo.commentsOf(deps.db, id);
  const q = query?.trim() ?? '';
  const clusters = findHotspots(
    comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at })),
    { minSize: 2, limit: 20 },
  );
  return {
    items: comments.filter((c) => q === '' || matchesSearchQuery(c.body, q)).map(commentView),
    clusters: clusters.map((h) => ({
      title: h.title,
      keywords: h.keywords.slice(0, 6),
      size: h.size,
      commentIds: h.memberIds,
    })),
  };
}

/** Attach a file to an undecided draft (checked like a case's files). @throws NOT_FOUND, FORBIDDEN, CONSULTATION_STAGE_ILLEGAL */
export async function attachToConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  id: string,
  file: UploadedFile,
): Promise<ConsultationView> {
  const row = await kept(deps, actor, id);
  assertUndecided(row);
  const stored = await storeFile(deps, file);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertConsultationAttachment(trx, {
        ...storedFileColumns(stored, file, actor.id, deps.clock.now().toISOString()),
        consultation_id: id,
      });
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'consultation.attach',
        entityType: 'consultation',
        entityId: id,
        after: { attachmentId: stored.id, contentType: stored.contentType, size: file.data.length },
      });
    });
  } catch (error) {
    await removeStoredFile(deps, stored.id);
    throw error;
  }
  return getConsultation(deps, actor, id);
}

/** A draft's file: the draft is public, so its files are too (the portal reads them). @throws NOT_FOUND */
export async function openConsultationFile(deps: ConsultationDeps, id: string, attachmentId: string) {
  const row = await repo.findConsultationAttachment(deps.db, id, attachmentId);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'File not found' });
  const data = await readStoredFile(deps, row.storage_key);
  return { fileName: row.file_name, contentType: row.content_type, data };
}

/** A file of a draft the actor may read. @throws NOT_FOUND */
export async function openConsultationFileAsStaff(
  deps: ConsultationDeps,
  actor: Actor,
  id: string,
  attachmentId: string,
) {
  await readable(deps, actor, id);
  return openConsultationFile(deps, id, attachmentId);
}

/**
 * Answer one suggestion — adopted, partly adopted or not adopted — always with the reason (第29条);
 * an answer may be corrected until the decision. @throws VALIDATION_FAILED (`reason` missing),
 *   NOT_FOUND, FORBIDDEN, CONSULTATION_STAGE_ILLEGAL (decided)
 */
export async function answerComment(
  deps: ConsultationDeps,
  actor: Actor,
  id: string,
  commentId: string,
  raw: ConsultationAnswerInput,
): Promise<ConsultationView> {
  const input = ConsultationAnswerInputSchema.parse(raw);
  const row = await kept(deps, actor, id);
  assertUndecided(row);
  const comment = await repo.findComment(deps.db, id, commentId);
  if (comment === undefined)
    throw new DomainError('NOT_FOUND', { message: 'Comment not found', details: { commentId } });
  await deps.db.transaction().execute(async (trx) => {
    await repo.answerComment(trx, commentId, {
      answer: input.answer,
      reason: input.reason,
      answered_by: actor.id,
      answered_at: deps.clock.now().toISOString(),
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'consultation.answer',
      entityType: 'consultation',
      entityId: id,
      before: comment.answer === null ? undefined : { commentId, answer: comment.answer, reason: comment.reason },
      after: { commentId, answer: input.answer, reason: input.reason },
    });
  });
  return getConsultation(deps, actor, id);
}

/**
 * Record the decision and publish the adoption summary: only after the deadline, and only when every
 * suggestion has its answer (第29条: each is studied and answered). @throws VALIDATION_FAILED,
 *   NOT_FOUND, FORBIDDEN, CONSULTATION_STAGE_ILLEGAL (`deadline` not passed, `comments` unanswered, decided)
 */
export async function decideConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  id: string,
  raw: ConsultationDecideInput,
): Promise<ConsultationView> {
  const input = ConsultationDecideInputSchema.parse(raw);
  const row = await kept(deps, actor, id);
  assertUndecided(row);
  if (takesComments(row.deadline, today(deps), false))
    throw fieldError('deadline', `comments are taken until ${row.deadline}`, 'CONSULTATION_STAGE_ILLEGAL');
  const comments = await repo.commentsOf(deps.db, id);
  const open = comments.filter((c) => c.answer === null).length;
  if (open > 0) throw fieldError('comments', `${open} suggestion(s) not answered yet`, 'CONSULTATION_STAGE_ILLEGAL');
  await deps.db.transaction().execute(async (trx) => {
    const done = await repo.decideConsultation(trx, id, {
      decision: input.decision,
      decided_at: deps.clock.now().toISOString(),
      decided_by: actor.id,
    });
    if (!done) throw fieldError('decision', 'decided meanwhile', 'CONSULTATION_STAGE_ILLEGAL');
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'consultation.decide',
      entityType: 'consultation',
      entityId: id,
      after: { counts: adoptionCounts(comments.map((c) => c.answer as ConsultationAnswer | null)) },
    });
  });
  return getConsultation(deps, actor, id);
}

// ---------------------------------------------------------------------------------------------
// The portal

/** Every published draft, newest first: open ones to comment on, decided ones with their summary. */
export async function portalConsultations(deps: ConsultationDeps): Promise<PortalConsultationListView> {
  const now = today(deps);
  return {
    items: (await repo.allConsultations(deps.db)).map((r) => ({
      id: r.id,
      title: r.title,
      unitName: r.unit_name,
      stage: stageOf(r.deadline, now, r.decided_at !== null),
      deadline: r.deadline,
    })),
  };
}

/**
 * A draft as the portal shows it; once decided, the adoption summary: counts and every answered
 * suggestion with its answer and reason — never a name or a unit (a suggestion is published, not its
 * author). @throws NOT_FOUND
 */
export async function portalConsultation(deps: ConsultationDeps, id: string): Promise<PortalConsultationView> {
  const row = await repo.findConsultation(deps.db, id);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'Consultation not found' });
  const [units, attachments] = await Promise.all([repo.unitsAsked(deps.db, id), repo.attachmentsOf(deps.db, id)]);
  let summary: PortalConsultationView['summary'] = null;
  if (row.decided_at !== null && row.decision !== null) {
    const comments = await repo.commentsOf(deps.db, id);
    summary = {
      decision: row.decision,
      decidedAt: row.decided_at,
      counts: adoptionCounts(comments.map((c) => c.answer as ConsultationAnswer | null)),
      suggestions: comments.flatMap((c) =>
        c.answer === null || c.reason === null
          ? []
          : [{ body: c.body, answer: c.answer as ConsultationAnswer, reason: c.reason }],
      ),
    };
  }
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    unitName: row.unit_name,
    stage: stageOf(row.deadline, today(deps), row.decided_at !== null),
    deadline: row.deadline,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    attachments: attachments.map((a) => ({ id: a.id, fileName: a.file_name, size: a.size })),
    summary,
  };
}

/** The keyed hash standing for one person on one draft (see the module comment); never the number itself. */
export function personKeyOf(deps: ConsultationDeps, consultationId: string, phone: string): string {
  return deps.cipher.blindIndex(`consultation:${consultationId}:${normalizePhone(phone)}`);
}

/**
 * A worker's comment from the portal, with the portal's proof of work (spent in the same transaction,
 * as for filing) behind the portal's rate limits. Refused, naming the field, with nothing written:
 * after the deadline (`deadline`), a unit not asked (`unitCode`), a second comment by the same phone
 * number on the same draft (`phone`).
 * @throws VALIDATION_FAILED, NOT_FOUND, CONSULTATION_CLOSED, CONSULTATION_ALREADY_COMMENTED, CHALLENGE_FAILED
 */
export async function commentFromPortal(
  deps: ConsultationDeps,
  id: string,
  raw: PortalCommentInput,
  spend: SpendChallenge,
): Promise<PortalCommentReceiptView> {
  const input = PortalCommentInputSchema.parse(raw);
  const row = await repo.findConsultation(deps.db, id);
  if (row === undefined) throw new DomainError('NOT_FOUND', { message: 'Consultation not found' });
  if (!takesComments(row.deadline, today(deps), row.decided_at !== null)) {
    const message = `comments were taken until ${row.deadline}`;
    throw new DomainError('CONSULTATION_CLOSED', {
      message,
      details: { in: 'body', issues: [{ path: ['deadline'], message }] },
    });
  }
  const unit = await findActiveUnitByCode(deps.db, input.unitCode);
  const asked = await repo.unitsAsked(deps.db, id);
  if (unit === undefined || !asked.some((a) => isInSubtree(unit.path, a.path)))
    throw fieldError('unitCode', 'this draft asks the workers of other units');
  const personKey = personKeyOf(deps, id, input.phone);
  const createdAt = deps.clock.now().toISOString();
  const duplicate = () => {
    const message = 'one comment per person on each draft: this phone number has commented already';
    return new DomainError('CONSULTATION_ALREADY_COMMENTED', {
      message,
      details: { in: 'body', issues: [{ path: ['phone'], message }] },
    });
  };
  await deps.db.transaction().execute(async (trx) => {
    await spend(trx);
    if (await repo.hasCommentOf(trx, id, personKey)) throw duplicate();
    try {
      await repo.insertComment(trx, {
        id: deps.ids.next(),
        consultation_id: id,
        person_key: personKey,
        unit_id: unit.id,
        anonymous: input.anonymous ? 1 : 0,
        name: input.anonymous ? null : (input.name ?? null),
        body: input.body,
        created_at: createdAt,
        answer: null,
        reason: null,
        answered_by: null,
        answered_at: null,
      });
    } catch (error) {
      // Two at once with the same number: the unique key refuses the second.
      if (await repo.hasCommentOf(deps.db, id, personKey)) throw duplicate();
      throw error;
    }
  });
  return { createdAt };
}
