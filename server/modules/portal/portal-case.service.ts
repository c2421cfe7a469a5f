/**
 * The petitioner's side of a petition, used by the public portal: file one (with photos and PDFs,
 * all or nothing), find it again by case number and tracking code, read it in plain terms (no
 * internal notes, no staff names), talk to the office, evaluate each reply once, and ask for a
 * review (复查, 第35条). Steps the petitioner takes are recorded through the petition engine as
 * done by the portal's system account (an inactive account that cannot log in), so every event and
 * audit row still names an actor, and whoever must act next is told.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../common/domain/access.ts';
import type { DocumentContent, DocumentKind } from '../../../common/domain/documents.ts';
import { canTransition, isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import { DomainError } from '../../../common/errors.ts';
import { format } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { RegisterPetitionInputSchema, type PetitionType, type Purpose } from '../../../common/schemas/petition.ts';
import {
  PORTAL_FILE_MAX_BYTES,
  PORTAL_MAX_FILES,
  type PortalCaseKey,
  type PortalCaseView,
  type PortalFilingData,
  type PortalMatter,
  type PortalReceiptView,
  type PortalSimilarView,
} from '../../../common/schemas/portal.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import {
  ATTACHMENT_CONTENT_TYPES,
  recordAttachment,
  sanitizeFileName,
  sniffContentType,
  removeStoredFile,
  storeFile,
  type UploadedFile,
} from '../attachment/index.ts';
import { findCategoryLabel } from '../category/index.ts';
import { documentsForPetitioner } from '../document/index.ts';
import { queueMessage } from '../notification/index.ts';
import {
  deadlinesOf,
  findPetitionByCaseNumber,
  listEvents,
  loadCase,
  recordPetitionEvent,
  requestReconsideration,
  requestReview,
  type Loaded,
  type PetitionDeps,
  type PetitionRow,
} from '../petition/index.ts';
import { registerInTransaction, hashTrackingCode, transactionFor } from '../intake/index.ts';
import { findActiveUnitByCode, findRootUnit } from '../unit/index.ts';
import { ensureSystemUser, officeWorkersOf } from '../user/index.ts';
import { exactSimilarity, shingleSet } from '../../text/minhash.ts';
import { insertEvaluation, insertMessage, listEvaluations, listMessageRows } from './portal.repository.ts';

const PORTAL_USERNAME = '_portal';

/** The portal's system account: an officer at the enterprise root that can never log in. */
export async function portalActor(deps: PetitionDeps): Promise<Actor> {
  const root = await findRootUnit(deps.db);
  if (root === undefined) throw new Error('no enterprise yet');
  const at = deps.clock.now().toISOString();
  const user = await ensureSystemUser(deps.db, {
    id: deps.ids.next(),
    username: PORTAL_USERNAME,
    display_name: zhCN.portal.systemAccount,
    role: 'officer',
    unit_id: root.id,
    // A hash of random bytes nobody knows, and inactive: log-in is refused either way.
    password_hash: await deps.hasher.hash(randomBytes(32).toString('hex')),
    active: 0,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  });
  return { id: user.id, role: 'officer', unitId: root.id, unitPath: root.path };
}

const MATTERS: Record<PortalMatter, { type: PetitionType; purpose: Purpose }> = {
  appeal: { type: 'appeal', purpose: 'request' },
  suggestion: { type: 'suggestion', purpose: 'suggestion' },
  accusation: { type: 'accusation', purpose: 'report' },
  consultation: { type: 'consultation', purpose: 'inquiry' },
};

const PORTAL_FILE_TYPES = new Set<string>([
  ATTACHMENT_CONTENT_TYPES.jpeg,
  ATTACHMENT_CONTENT_TYPES.png,
  ATTACHMENT_CONTENT_TYPES.pdf,
]);

/** A title from the first sentence of the text when the petitioner gave none. */
export function titleFrom(body: string): string {
  const first =
    body
      .split(/[。！？!?\n]/)
      .find((s) => s.trim() !== '')
      ?.trim() ?? body.trim();
  const chars = Array.from(first);
  return chars.length <= 30 ? first : `${chars.slice(0, 29).join('')}…`;
}

/** Every file checked before anything is written: count, size, and type by its bytes (photos and PDFs). */
function checkFiles(files: readonly UploadedFile[]): void {
  if (files.length > PORTAL_MAX_FILES) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `At most ${PORTAL_MAX_FILES} files`,
      details: { in: 'body', issues: [{ path: ['files'], message: `at most ${PORTAL_MAX_FILES} files` }] },
    });
  }
  files.forEach((file, index) => {
    if (file.data.length > PORTAL_FILE_MAX_BYTES) {
      throw new DomainError('PAYLOAD_TOO_LARGE', {
        message: `${file.fileName} is over 5 MiB`,
        details: { max: PORTAL_FILE_MAX_BYTES, file: index, fileName: file.fileName },
      });
    }
    const contentType = file.data.length === 0 ? null : sniffContentType(file.data);
    if (contentType === null || !PORTAL_FILE_TYPES.has(contentType)) {
      throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', {
        message: `${file.fileName}: only photos (JPEG, PNG) and PDF`,
        details: { file: index, fileName: file.fileName },
      });
    }
  });
}

/**
 * File a petition from the portal. Files are checked first, written, then the petition, its files
 * (as `attach` steps of the registration) and, through `inTransaction`, the spent proof of work are
 * recorded in one transaction; on any failure the written files are removed again. A receipt SMS
 * with the tracking code goes to the outbox (encrypted, blanked once sent) when a phone was given.
 * @param identityFiles indexes of the files the petitioner marked as identity documents (an ID card)
 */
export async function fileFromPortal(
  deps: PetitionDeps,
  input: PortalFilingData,
  files: readonly UploadedFile[],
  inTransaction: (trx: Kysely<DB>) => Promise<void>,
  identityFiles: ReadonlySet<number> = new Set(),
): Promise<PortalReceiptView> {
  checkFiles(files);
  const actor = await portalActor(deps);
  const unit = input.unitCode === undefined ? undefined : await findActiveUnitByCode(deps.db, input.unitCode);
  if (input.unitCode !== undefined && unit === undefined) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'Unknown unit code',
      details: { in: 'body', issues: [{ path: ['unitCode'], message: 'unknown unit' }] },
    });
  }
  // 被反映人 as the petitioner names them: a unit picked from the public list becomes the unit, the
  // petitioner's own words stay as text; never an account — the office resolves the name.
  const namedPersons = [];
  for (const [index, person] of input.namedPersons.entries()) {
    const namedUnit = person.unitCode === undefined ? undefined : await findActiveUnitByCode(deps.db, person.unitCode);
    if (person.unitCode !== undefined && namedUnit === undefined) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'Unknown unit code',
        details: { in: 'body', issues: [{ path: ['namedPersons', index, 'unitCode'], message: 'unknown unit' }] },
      });
    }
    namedPersons.push({
      name: person.name,
      ...(namedUnit === undefined ? {} : { unitId: namedUnit.id }),
      ...(namedUnit !== undefined || person.unitText === undefined || person.unitText === ''
        ? {}
        : { unitText: person.unitText }),
      ...(person.position === undefined || person.position === '' ? {} : { position: person.position }),
    });
  }
  const { type, purpose } = MATTERS[input.matter];
  const registration = RegisterPetitionInputSchema.parse({
    // A unit from its QR code is a 扫码反映; one chosen from the portal's list is an online filing about it.
    channel: unit === undefined || input.unitSource === 'list' ? 'online' : 'qr_code',
    type,
    purpose,
    ...(input.categoryCode === undefined ? {} : { categoryCode: input.categoryCode }),
    title: input.title === undefined || input.title === '' ? titleFrom(input.body) : input.title,
    body: input.body,
    anonymous: input.anonymous,
    petitioners: input.anonymous
      ? []
      : [
          {
            name: input.name,
            identity: input.identity,
            ...(input.idNumber === undefined ? {} : { idNumber: input.idNumber }),
            ...(input.phone === undefined ? {} : { phone: input.phone }),
            ...(unit === undefined ? {} : { unitId: unit.id }),
          },
        ],
    involvedUnitIds: unit === undefined ? [] : [unit.id],
    namedPersons,
  });

  const stored: {
    id: string;
    contentType: string;
    file: UploadedFile;
    eventId: string;
    identity: boolean;
  }[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const saved = await storeFile(deps, file, PORTAL_FILE_TYPES);
      stored.push({ ...saved, file, eventId: deps.ids.next(), identity: identityFiles.has(index) });
    }
    const at = deps.clock.now().toISOString();
    // Shared with the registrations arriving together on the SQLite server (group commit, issue #20).
    const result = await transactionFor(deps)(async (trx) => {
      await inTransaction(trx);
      const officeWorkers = await officeWorkersOf(trx, unit?.id ?? actor.unitId);
      const registered = await registerInTransaction(deps, trx, actor, registration, {
        source: 'portal',
        ...(unit === undefined ? {} : { registeredUnitId: unit.id }),
        // The office that receives it triages it (第22条): its workers are told.
        notices: [{ kind: 'petition_filed', recipients: officeWorkers.map((u) => u.id), due: 'acceptance_notice' }],
        moreEvents: stored.map((s) => ({
          id: s.eventId,
          kind: 'attach',
          data: {
            attachmentId: s.id,
            fileName: sanitizeFileName(s.file.fileName),
            size: s.file.data.length,
            by: 'petitioner',
            identityDocument: s.identity,
          },
          internal: false,
        })),
      });
      for (const s of stored) {
        await recordAttachment(trx, {
          id: s.id,
          petition_id: registered.id,
          event_id: s.eventId,
          file_name: sanitizeFileName(s.file.fileName),
          content_type: s.contentType,
          data: s.file.data,
          uploaded_by: null,
          created_at: at,
          identity_document: s.identity ? 1 : 0,
        });
      }
      const smsQueued = input.phone !== undefined;
      if (input.phone !== undefined) {
        await queueMessage(trx, deps, {
          channel: 'sms',
          kind: 'receipt',
          address: input.phone,
          body: format(zhCN.portal.smsReceipt, { caseNumber: registered.caseNumber, code: registered.trackingCode }),
          // The text carries the tracking code: it does not outlive its delivery.
          blankAfterSending: true,
        });
      }
      await appendAudit(trx, deps.clock, {
        actorId: actor.id,
        action: 'portal.file',
        entityType: 'petition',
        entityId: registered.id,
        after: { channel: registration.channel, anonymous: input.anonymous, attachments: stored.length, smsQueued },
      });
      return { ...registered, smsQueued };
    });
    return {
      caseNumber: result.caseNumber,
      trackingCode: result.trackingCode,
      receivedAt: at,
      smsQueued: result.smsQueued,
      attachments: stored.length,
      office: result.office,
    };
  } catch (error) {
    await Promise.all(stored.map((s) => removeStoredFile(deps, s.id)));
    throw error;
  }
}

const CLOSED = PETITION_STATES.filter((s) => !isOpen(s) || s === 'concluded' || s === 'reviewed');

/**
 * "Is this the matter you raised on …?": the case whose key the petitioner holds (opened through
 * the wrong-code guard, `openCase`), when it is still open, as its date, category and state — with
 * the text typed so far, how close it is — so a re-submission is offered the open case first.
 * Nothing else of the person is listed: an ID number and a phone are no proof (a filing that names
 * them may even be linked to that person's record), so they must not open anybody's cases (第30条).
 */
export async function similarOpenCases(
  deps: PetitionDeps,
  petition: PetitionRow,
  text?: string,
): Promise<PortalSimilarView> {
  if (CLOSED.includes(petition.state)) return { items: [] };
  const typed = text === undefined || text.length < 10 ? null : shingleSet(text);
  let similarity: number | null = null;
  if (typed !== null) {
    const { jaccard, containment } = exactSimilarity(typed, shingleSet(`${petition.title}\n${petition.body}`));
    similarity = Math.round(Math.max(jaccard, containment * 0.9) * 100) / 100;
  }
  return {
    items: [
      {
        receivedAt: petition.received_at,
        categoryName: petition.category_code === null ? null : await findCategoryLabel(deps.db, petition.category_code),
        state: petition.state,
        similarity,
      },
    ],
  };
}

/** A fixed hash to compare against when the case number is unknown, so timing tells nothing. */
const ABSENT = Buffer.from(hashTrackingCode('0000-0000-0000-0000'), 'hex');

/**
 * The petition behind a case number and tracking code, or null — the same null for an unknown
 * case and a wrong code, after the same constant-time comparison.
 */
export async function openByCode(deps: PetitionDeps, key: PortalCaseKey): Promise<PetitionRow | null> {
  const row = await findPetitionByCaseNumber(deps.db, key.caseNumber.toUpperCase());
  const given = Buffer.from(hashTrackingCode(key.code), 'hex');
  const stored = row === undefined ? ABSENT : Buffer.from(row.tracking_code_hash, 'hex');
  const equal = stored.length === given.length && timingSafeEqual(stored, given);
  return row !== undefined && equal ? row : null;
}

/** Steps the petitioner sees, by event kind; everything else (notes, drafts, internal routing) stays inside. */
const PUBLIC_EVENTS = new Set([
  'register',
  'attach',
  'assign',
  'forward',
  'accept',
  'decline',
  'redirect',
  'divert',
  'notAccept',
  'startInvestigation',
  'extend',
  'issueReply',
  'startExecution',
  'evaluate',
  'conclude',
  'requestReview',
  'issueReviewOpinion',
  'requestReconsideration',
  'issueReconsiderationOpinion',
  'deliverDocument',
]);
const PUBLIC_DEADLINES = new Set([
  'acceptance_notice',
  'conclusion',
  'review_request',
  'review_opinion',
  'reconsideration_request',
  'reconsideration_opinion',
]);

function latestReplyEvent(events: readonly { id: string; kind: string }[]): string | null {
  return events.filter((e) => e.kind === 'issueReply').at(-1)?.id ?? null;
}

async function caseOfRow(deps: PetitionDeps, petition: PetitionRow): Promise<Loaded> {
  const loaded = await loadCase(deps.db, petition.id);
  if (loaded === null) throw new DomainError('NOT_FOUND', { message: 'Petition not found' });
  return loaded;
}

export async function portalCaseView(deps: PetitionDeps, petition: PetitionRow): Promise<PortalCaseView> {
  const loaded = await caseOfRow(deps, petition);
  const events = await listEvents(deps.db, petition.id);
  const [deadlines, documents, messages, evaluations] = await Promise.all([
    deadlinesOf(deps, deps.db, loaded.petition, events),
    documentsForPetitioner(deps.db, petition.id),
    listMessageRows(deps.db, petition.id),
    listEvaluations(deps.db, petition.id),
  ]);
  const replyEventId = latestReplyEvent(events);
  const recorded = evaluations.find((e) => e.reply_event_id === replyEventId);
  const reviewWindow = deadlines.find((d) => d.kind === 'review_request');
  // The 复核 window is the petitioner's once the 复查意见书 has reached them (or gone out by post): it
  // is shown beside that opinion, never before it (第36条).
  const reviewOpinionGiven = documents.some((d) => d.kind === 'review_opinion');
  return {
    caseNumber: petition.case_number,
    state: petition.state,
    title: petition.title,
    receivedAt: petition.received_at,
    categoryName: petition.category_code === null ? null : await findCategoryLabel(deps.db, petition.category_code),
    // The first step is the day the matter reached the office (a letter may be registered days later).
    timeline: events
      .filter((e) => e.internal === 0 && PUBLIC_EVENTS.has(e.kind))
      .map((e) => ({ kind: e.kind, at: e.kind === 'register' ? petition.received_at : e.at })),
    deadlines: deadlines
      .filter((d) => PUBLIC_DEADLINES.has(d.kind))
      .filter((d) => d.kind !== 'reconsideration_request' || reviewOpinionGiven)
      .map((d) => ({ kind: d.kind, dueDate: d.dueDate, status: d.status })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind as DocumentKind,
      content: JSON.parse(d.content_json) as DocumentContent,
      deliveredAt: d.delivered_at,
    })),
    messages: messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, at: m.created_at })),
    evaluation: {
      allowed: replyEventId !== null && recorded === undefined,
      recorded:
        recorded === undefined
          ? null
          : { satisfaction: recorded.satisfaction, comment: recorded.comment, at: recorded.created_at },
    },
    review: { allowed: canTransition(petition.state, 'requestReview'), dueDate: reviewWindow?.dueDate ?? null },
    reconsideration: {
      allowed: reviewOpinionGiven && canTransition(petition.state, 'requestReconsideration'),
      dueDate: deadlines.find((d) => d.kind === 'reconsideration_request')?.dueDate ?? null,
    },
  };
}

/**
 * Who on the office side hears from the petitioner: whoever works on the case — the owner, the
 * handler and co-handlers, and whoever registered it (common/domain/todo.ts, `caseWorker`).
 */
function caseWorkers(loaded: Loaded): string[] {
  const { petition, facts } = loaded;
  return [petition.owner_id, petition.handler_id, ...facts.coHandlerIds, petition.registered_by].filter(
    (u): u is string => u !== null,
  );
}

/** A message from the petitioner, recorded on the case (its risk counts unanswered messages); the case's people are told. */
export async function messageFromPetitioner(deps: PetitionDeps, petition: PetitionRow, body: string): Promise<void> {
  const actor = await portalActor(deps);
  const loaded = await caseOfRow(deps, petition);
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertMessage(trx, {
      id,
      petition_id: petition.id,
      direction: 'in',
      body,
      author_id: null,
      created_at: at,
      read_at: null,
    });
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'receiveMessage',
      data: { messageId: id },
      internal: true,
      notices: [
        {
          kind: 'petitioner_message',
          recipients: caseWorkers(loaded).filter((u) => u !== actor.id),
          dedupeKey: `message:${id}`,
        },
      ],
    });
  });
}

/**
 * The petitioner's 满意度评价 of the latest reply, once per reply. A case still at the reply or its
 * execution moves to `evaluated`; the score is the case's satisfaction either way; the office is told.
 * @throws PETITION_TRANSITION_ILLEGAL (no reply issued yet), EVALUATION_ALREADY_RECORDED
 */
export async function evaluateFromPortal(
  deps: PetitionDeps,
  petition: PetitionRow,
  input: { satisfaction: number; comment?: string | undefined },
): Promise<void> {
  const actor = await portalActor(deps);
  const loaded = await caseOfRow(deps, petition);
  const current = loaded.petition;
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // The handling office concludes the case after the evaluation (办结, 第27条): its workers are told too.
    const office = await officeWorkersOf(trx, current.handling_unit_id ?? current.registered_unit_id);
    const replyEventId = latestReplyEvent(await listEvents(trx, petition.id));
    if (replyEventId === null) {
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'There is no reply to evaluate yet',
        details: { verb: 'evaluate', state: current.state },
      });
    }
    if ((await listEvaluations(trx, petition.id)).some((e) => e.reply_event_id === replyEventId)) {
      throw new DomainError('EVALUATION_ALREADY_RECORDED', { message: 'This reply has been evaluated' });
    }
    await insertEvaluation(trx, {
      id: deps.ids.next(),
      petition_id: petition.id,
      reply_event_id: replyEventId,
      satisfaction: input.satisfaction,
      comment: input.comment ?? null,
      created_at: at,
    });
    await recordPetitionEvent(trx, deps, actor, current, current.registered_path, {
      kind: 'evaluate',
      toState: canTransition(current.state, 'evaluate') ? 'evaluated' : current.state,
      patch: { satisfaction: input.satisfaction },
      data: { satisfaction: input.satisfaction, comment: input.comment ?? null, by: 'petitioner' },
      audit: { action: 'portal.evaluate', after: { satisfaction: input.satisfaction } },
      notices: [
        {
          kind: 'evaluation_received',
          recipients: [...caseWorkers(loaded), ...office.map((u) => u.id)].filter((u) => u !== actor.id),
          data: { satisfaction: input.satisfaction },
        },
      ],
    });
  });
}

/** 复查 asked by the petitioner from the portal (第35条): the same verb the office records. */
export async function requestReviewFromPortal(
  deps: PetitionDeps,
  petition: PetitionRow,
  reason: string,
): Promise<void> {
  const actor = await portalActor(deps);
  await requestReview(deps, actor, petition.id, { reason });
}

/**
 * 复核 asked from the portal (第36条): only once the 复查意见书 has reached the petitioner — the window
 * runs from its receipt — else refused as the state machine refuses a step out of turn.
 */
export async function requestReconsiderationFromPortal(
  deps: PetitionDeps,
  petition: PetitionRow,
  reason: string,
): Promise<void> {
  const documents = await documentsForPetitioner(deps.db, petition.id);
  if (!documents.some((d) => d.kind === 'review_opinion')) {
    throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
      message: 'The review opinion has not reached the petitioner yet',
    });
  }
  const actor = await portalActor(deps);
  await requestReconsideration(deps, actor, petition.id, { reason });
}
