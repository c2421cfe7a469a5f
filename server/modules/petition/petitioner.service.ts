/**
 * The petitioner's side of a petition, used by the public portal: file one (with photos and PDFs,
 * all or nothing), find it again by case number and tracking code, read it in plain terms (no
 * internal notes, no staff names), talk to the office, evaluate each reply once, and ask for a
 * review (复查, 第35条). Steps the petitioner takes are recorded as done by the portal's system
 * account (an inactive account that cannot log in), so every audit row still names an actor.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../common/domain/access.ts';
import { canTransition } from '../../../common/domain/petition-state.ts';
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
import type { DocumentContent, DocumentKind } from '../../../common/domain/documents.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { findCategoryLabel } from '../category/index.ts';
import { findRootUnit } from '../unit/index.ts';
import { exactSimilarity, shingleSet } from '../../text/minhash.ts';
import {
  ATTACHMENT_CONTENT_TYPES,
  sanitizeFileName,
  sniffContentType,
  type UploadedFile,
} from './attachment.service.ts';
import { insertAttachment } from './attachment.repository.ts';
import { findPetition, insertEvent, listEvents, updatePetition, type PetitionRow } from './petition.repository.ts';
import {
  deadlinesOf,
  hashTrackingCode,
  refreshDueDate,
  registerInTransaction,
  requestReview,
  type PetitionDeps,
} from './petition.service.ts';

const PORTAL_USERNAME = '_portal';

/** The portal's system account: an officer at the enterprise root that can never log in. */
export async function portalActor(deps: PetitionDeps): Promise<Actor> {
  const root = await findRootUnit(deps.db);
  if (root === undefined) throw new Error('no enterprise yet');
  const existing = await deps.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', PORTAL_USERNAME)
    .executeTakeFirst();
  if (existing !== undefined) return { id: existing.id, role: 'officer', unitId: root.id, unitPath: root.path };
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  await deps.db
    .insertInto('app_user')
    .values({
      id,
      username: PORTAL_USERNAME,
      display_name: zhCN.portal.systemAccount,
      role: 'officer',
      unit_id: root.id,
      // A hash of random bytes nobody knows, and inactive: log-in is refused either way.
      password_hash: await deps.hasher.hash(randomBytes(32).toString('hex')),
      active: 0,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: null,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return portalActor(deps);
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
function checkFiles(files: readonly UploadedFile[]): { file: UploadedFile; contentType: string }[] {
  if (files.length > PORTAL_MAX_FILES) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `At most ${PORTAL_MAX_FILES} files`,
      details: { in: 'body', issues: [{ path: ['files'], message: `at most ${PORTAL_MAX_FILES} files` }] },
    });
  }
  return files.map((file, index) => {
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
    return { file, contentType };
  });
}

/**
 * File a petition from the portal. Files are checked first, written, then the petition, its files
 * and (through `inTransaction`) the spent proof-of-work are recorded in one transaction; on any
 * failure the written files are removed again. A receipt SMS with the tracking code goes to the
 * outbox (encrypted) when a phone was given.
 */
export async function fileFromPortal(
  deps: PetitionDeps,
  input: PortalFilingData,
  files: readonly UploadedFile[],
  inTransaction: (trx: Kysely<DB>) => Promise<void>,
): Promise<PortalReceiptView> {
  const checked = checkFiles(files);
  const actor = await portalActor(deps);
  let unit: { id: string } | undefined;
  if (input.unitCode !== undefined) {
    unit = await deps.db
      .selectFrom('unit')
      .select('id')
      .where('code', '=', input.unitCode)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (unit === undefined) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'Unknown unit code',
        details: { in: 'body', issues: [{ path: ['unitCode'], message: 'unknown unit' }] },
      });
    }
  }
  const { type, purpose } = MATTERS[input.matter];
  const registration = RegisterPetitionInputSchema.parse({
    channel: unit === undefined ? 'online' : 'qr_code',
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
  });

  const stored = checked.map(({ file, contentType }) => ({
    id: deps.ids.next(),
    eventId: deps.ids.next(),
    file,
    contentType,
  }));
  await fs.mkdir(deps.attachmentDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  try {
    for (const s of stored) {
      const filePath = path.join(deps.attachmentDir, s.id);
      await fs.writeFile(filePath, s.file.data, { flag: 'wx', mode: 0o600 });
      written.push(filePath);
    }
    const at = deps.clock.now().toISOString();
    const result = await deps.db.transaction().execute(async (trx) => {
      await inTransaction(trx);
      const registered = await registerInTransaction(
        deps,
        trx,
        actor,
        registration,
        unit === undefined ? {} : { registeredUnitId: unit.id },
      );
      for (const s of stored) {
        const fileName = sanitizeFileName(s.file.fileName);
        await insertEvent(trx, {
          id: s.eventId,
          petition_id: registered.id,
          kind: 'attach',
          at,
          actor_id: null,
          from_state: 'registered',
          to_state: 'registered',
          data_json: JSON.stringify({ attachmentId: s.id, fileName, size: s.file.data.length, by: 'petitioner' }),
          internal: 0,
        });
        await insertAttachment(trx, {
          id: s.id,
          petition_id: registered.id,
          event_id: s.eventId,
          file_name: fileName,
          content_type: s.contentType,
          size: s.file.data.length,
          sha256: createHash('sha256').update(s.file.data).digest('hex'),
          storage_key: s.id,
          uploaded_by: null,
          created_at: at,
        });
      }
      const smsQueued = input.phone !== undefined;
      if (input.phone !== undefined) {
        await trx
          .insertInto('sms_outbox')
          .values({
            id: deps.ids.next(),
            kind: 'receipt',
            phone_enc: deps.cipher.encrypt(input.phone),
            body_enc: deps.cipher.encrypt(
              format(zhCN.portal.smsReceipt, { caseNumber: registered.caseNumber, code: registered.trackingCode }),
            ),
            status: 'pending',
            attempts: 0,
            created_at: at,
            sent_at: null,
          })
          .execute();
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
    };
  } catch (error) {
    await Promise.all(written.map((file) => fs.rm(file, { force: true })));
    throw error;
  }
}

/**
 * The open petitions of the person with this ID number AND phone (both must match one petitioner),
 * as dates, categories and states only — enough for "is this the matter you raised on …?". With the
 * text typed so far, each carries its similarity (character shingles, server/text) and the closest
 * come first, so a re-submission of the same matter is offered before it is filed again.
 */
export async function similarOpenCases(
  deps: PetitionDeps,
  idNumber: string,
  phone: string,
  text?: string,
): Promise<PortalSimilarView> {
  const rows = await deps.db
    .selectFrom('petitioner')
    .innerJoin('petition_petitioner', 'petition_petitioner.petitioner_id', 'petitioner.id')
    .innerJoin('petition', 'petition.id', 'petition_petitioner.petition_id')
    .select(['petition.received_at', 'petition.category_code', 'petition.state', 'petition.title', 'petition.body'])
    .where('petitioner.id_number_index', '=', deps.cipher.blindIndex(idNumber))
    .where('petitioner.phone_index', '=', deps.cipher.blindIndex(phone))
    .where('petition.state', 'not in', [
      'final',
      'declined',
      'redirected',
      'diverted',
      'not_accepted',
      'concluded',
      'reviewed',
    ])
    .orderBy('petition.received_at', 'desc')
    .limit(10)
    .execute();
  const typed = text === undefined || text.length < 10 ? null : shingleSet(text);
  const items = [];
  for (const row of rows) {
    let similarity: number | null = null;
    if (typed !== null) {
      const { jaccard, containment } = exactSimilarity(typed, shingleSet(`${row.title}\n${row.body}`));
      similarity = Math.round(Math.max(jaccard, containment * 0.9) * 100) / 100;
    }
    items.push({
      receivedAt: row.received_at,
      categoryName: row.category_code === null ? null : await findCategoryLabel(deps.db, row.category_code),
      state: row.state,
      similarity,
    });
  }
  items.sort((a, b) => (b.similarity ?? 0) - (a.similarity ?? 0));
  return { items };
}

/** A fixed hash to compare against when the case number is unknown, so timing tells nothing. */
const ABSENT = Buffer.from(hashTrackingCode('0000-0000-0000-0000'), 'hex');

/**
 * The petition behind a case number and tracking code, or null — the same null for an unknown
 * case and a wrong code, after the same constant-time comparison.
 */
export async function openByCode(deps: PetitionDeps, key: PortalCaseKey): Promise<PetitionRow | null> {
  const row = await deps.db
    .selectFrom('petition')
    .selectAll()
    .where('case_number', '=', key.caseNumber.toUpperCase())
    .executeTakeFirst();
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

function latestReplyEvent(events: { id: string; kind: string }[]): string | null {
  return events.filter((e) => e.kind === 'issueReply').at(-1)?.id ?? null;
}

export async function portalCaseView(deps: PetitionDeps, petition: PetitionRow): Promise<PortalCaseView> {
  const events = await listEvents(deps.db, petition.id);
  const [deadlines, documents, messages, evaluations] = await Promise.all([
    deadlinesOf(deps, petition, deps.db, events),
    deps.db
      .selectFrom('petition_document')
      .select(['id', 'kind', 'content_json', 'delivered_at'])
      .where('petition_id', '=', petition.id)
      .where('addressed_to_petitioner', '=', 1)
      .where('delivery_method', 'is not', null)
      .orderBy('created_at')
      .execute(),
    deps.db
      .selectFrom('petition_message')
      .select(['id', 'direction', 'body', 'created_at'])
      .where('petition_id', '=', petition.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    deps.db.selectFrom('petition_evaluation').selectAll().where('petition_id', '=', petition.id).execute(),
  ]);
  const replyEventId = latestReplyEvent(events);
  const recorded = evaluations.find((e) => e.reply_event_id === replyEventId);
  const reviewWindow = deadlines.find((d) => d.kind === 'review_request');
  return {
    caseNumber: petition.case_number,
    state: petition.state,
    title: petition.title,
    receivedAt: petition.received_at,
    categoryName: petition.category_code === null ? null : await findCategoryLabel(deps.db, petition.category_code),
    timeline: events
      .filter((e) => e.internal === 0 && PUBLIC_EVENTS.has(e.kind))
      .map((e) => ({ kind: e.kind, at: e.at })),
    deadlines: deadlines
      .filter((d) => PUBLIC_DEADLINES.has(d.kind))
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
  };
}

/** A message from the petitioner; the case's owner and handler are told in the workbench. */
export async function messageFromPetitioner(deps: PetitionDeps, petition: PetitionRow, body: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('petition_message')
      .values({ id, petition_id: petition.id, direction: 'in', body, author_id: null, created_at: at, read_at: null })
      .execute();
    const recipients = new Set(
      [petition.owner_id, petition.handler_id, petition.registered_by].filter((u): u is string => u !== null),
    );
    const portal = await trx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', PORTAL_USERNAME)
      .executeTakeFirst();
    if (portal !== undefined) recipients.delete(portal.id);
    for (const userId of recipients) {
      await trx
        .insertInto('notification')
        .values({
          id: deps.ids.next(),
          user_id: userId,
          kind: 'petitioner_message',
          petition_id: petition.id,
          dedupe_key: `message:${id}`,
          data_json: JSON.stringify({ caseNumber: petition.case_number }),
          created_at: at,
          read_at: null,
        })
        .execute();
    }
  });
}

/**
 * The petitioner's 满意度评价 of the latest reply, once per reply. A case still at the reply or its
 * execution moves to `evaluated`; the score is the case's satisfaction either way.
 * @throws PETITION_TRANSITION_ILLEGAL (no reply issued yet), EVALUATION_ALREADY_RECORDED
 */
export async function evaluateFromPortal(
  deps: PetitionDeps,
  petition: PetitionRow,
  input: { satisfaction: number; comment?: string | undefined },
): Promise<void> {
  const actor = await portalActor(deps);
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const current = await findPetition(trx, petition.id);
    if (current === undefined) throw new DomainError('NOT_FOUND', { message: 'Petition not found' });
    const replyEventId = latestReplyEvent(await listEvents(trx, petition.id));
    if (replyEventId === null) {
      throw new DomainError('PETITION_TRANSITION_ILLEGAL', {
        message: 'There is no reply to evaluate yet',
        details: { verb: 'evaluate', state: current.state },
      });
    }
    const taken = await trx
      .selectFrom('petition_evaluation')
      .select('id')
      .where('petition_id', '=', petition.id)
      .where('reply_event_id', '=', replyEventId)
      .executeTakeFirst();
    if (taken !== undefined)
      throw new DomainError('EVALUATION_ALREADY_RECORDED', { message: 'This reply has been evaluated' });
    await trx
      .insertInto('petition_evaluation')
      .values({
        id: deps.ids.next(),
        petition_id: petition.id,
        reply_event_id: replyEventId,
        satisfaction: input.satisfaction,
        comment: input.comment ?? null,
        created_at: at,
      })
      .execute();
    const to = canTransition(current.state, 'evaluate') ? 'evaluated' : current.state;
    if (
      !(await updatePetition(trx, petition.id, current.version, {
        satisfaction: input.satisfaction,
        state: to,
        updated_at: at,
      }))
    ) {
      throw new DomainError('PETITION_VERSION_CONFLICT', { message: 'The petition changed meanwhile' });
    }
    await insertEvent(trx, {
      id: deps.ids.next(),
      petition_id: petition.id,
      kind: 'evaluate',
      at,
      actor_id: null,
      from_state: current.state,
      to_state: to,
      data_json: JSON.stringify({ satisfaction: input.satisfaction, comment: input.comment ?? null, by: 'petitioner' }),
      internal: 0,
    });
    await refreshDueDate(deps, trx, petition.id);
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'portal.evaluate',
      entityType: 'petition',
      entityId: petition.id,
      before: { state: current.state },
      after: { state: to, satisfaction: input.satisfaction },
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
