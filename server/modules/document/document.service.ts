/**
 * The written documents of a petition (DOMAIN.md §1.3): generate one from the case, list them,
 * print (HTML) or download (.docx) one, and record its delivery. Delivery matters: the date a
 * 信访处理意见书 / 复查意见书 reaches the petitioner starts their 30-day window (第35–36条), so a
 * `deliverDocument` event carries it into the deadlines.
 *
 * Who: whoever works on the case (as for notes), or may take the step the document records. A
 * document addressed to the petitioner carries their name, so only users who may see the
 * petitioner's identity generate or read it (an accuser's identity, 第30条第3款); the others see
 * the internal documents only (transfer notices and completion reports, which never name an accuser).
 */
import type { Actor } from '../../../common/domain/access.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import {
  ADDRESSED_TO_PETITIONER,
  DOCUMENT_KINDS,
  DOCUMENT_SOURCES,
  type DocumentContent,
  type DocumentKind,
} from '../../../common/domain/documents.ts';
import { DomainError } from '../../../common/errors.ts';
import type {
  PetitionDocumentListView,
  PetitionDocumentView,
  RecordDeliveryInput,
} from '../../../common/schemas/document.ts';
import {
  canAct,
  canRead,
  canSeeIdentity,
  listEvents,
  loadCase,
  loadReadable,
  recordPetitionEvent,
  type Loaded,
  type PetitionDeps,
  type PetitionVerb,
} from '../petition/index.ts';
import { caseEventsOf, createDocument, documentCaseOf, sourceEventFor } from './document-core.ts';
import { findDocument, listDocumentRows, markDelivered, type DocumentRow } from './document.repository.ts';

/** May the actor read this document at all (beyond reading the petition)? */
function mayRead(actor: Actor, loaded: Loaded, addressedToPetitioner: boolean): boolean {
  return !addressedToPetitioner || canSeeIdentity(actor, loaded.facts);
}

function mayGenerate(actor: Actor, loaded: Loaded, kind: DocumentKind): boolean {
  if (!mayRead(actor, loaded, ADDRESSED_TO_PETITIONER[kind])) return false;
  return (
    canAct(actor, 'addNote', loaded.facts) ||
    DOCUMENT_SOURCES[kind].some((verb) => canAct(actor, verb as PetitionVerb, loaded.facts))
  );
}

function toView(row: DocumentRow): PetitionDocumentView {
  return {
    id: row.id,
    petitionId: row.petition_id,
    kind: row.kind as DocumentKind,
    number: row.number,
    templateVersion: row.template_version,
    addressedToPetitioner: row.addressed_to_petitioner === 1,
    content: JSON.parse(row.content_json) as DocumentContent,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    delivery:
      row.delivery_method === null
        ? null
        : {
            method: row.delivery_method as 'in_person' | 'post' | 'sms' | 'portal',
            trackingNumber: row.delivery_tracking,
            sentAt: row.sent_at,
            deliveredAt: row.delivered_at,
          },
  };
}

export async function listDocuments(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<PetitionDocumentListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const [rows, events] = await Promise.all([
    listDocumentRows(deps.db, petitionId),
    listEvents(deps.db, petitionId).then(caseEventsOf),
  ]);
  return {
    items: rows.filter((r) => mayRead(actor, loaded, r.addressed_to_petitioner === 1)).map(toView),
    generatable: DOCUMENT_KINDS.filter(
      (kind) => sourceEventFor(events, kind) !== undefined && mayGenerate(actor, loaded, kind),
    ),
  };
}

/**
 * Generate a document of `kind` from the case as it stands.
 * @throws NOT_FOUND (petition invisible), FORBIDDEN, DOCUMENT_SOURCE_MISSING (its step not recorded)
 */
export async function generateDocument(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  kind: DocumentKind,
): Promise<PetitionDocumentView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  if (!mayGenerate(actor, loaded, kind)) {
    throw new DomainError('FORBIDDEN', {
      message: `You may not generate a ${kind} for this petition`,
      details: { kind },
    });
  }
  const created = await deps.db.transaction().execute(async (trx) => {
    const document = await createDocument(deps, trx, actor, await documentCaseOf(deps, trx, loaded), kind);
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'generateDocument',
      data: {
        documentId: document.id,
        kind,
        number: document.number,
        templateVersion: document.templateVersion,
        sourceEventId: document.sourceEventId,
      },
      internal: !ADDRESSED_TO_PETITIONER[kind],
    });
    return document;
  });
  return getDocument(deps, actor, created.id);
}

/**
 * One document with its petition's access check. A document of a case the actor may not read is
 * answered exactly as one that does not exist: the refusal names the document asked for, never the
 * case it belongs to (issue #11: recusal hides the case's existence).
 * @throws NOT_FOUND when either is invisible to the actor
 */
async function readableDocument(
  deps: PetitionDeps,
  actor: Actor,
  documentId: string,
): Promise<{ row: DocumentRow; loaded: Loaded }> {
  const row = await findDocument(deps.db, documentId);
  const loaded = row === undefined ? null : await loadCase(deps.db, row.petition_id, deps.clock.now().toISOString());
  if (
    row === undefined ||
    loaded === null ||
    !canRead(actor, loaded.facts) ||
    !mayRead(actor, loaded, row.addressed_to_petitioner === 1)
  ) {
    throw new DomainError('NOT_FOUND', { message: 'Document not found', details: { documentId } });
  }
  return { row, loaded };
}

export async function getDocument(deps: PetitionDeps, actor: Actor, documentId: string): Promise<PetitionDocumentView> {
  return toView((await readableDocument(deps, actor, documentId)).row);
}

/**
 * Record that a document reached its addressee (or was posted: method `post` without a date means
 * sent, awaiting receipt — the receipt is recorded later the same way).
 * @throws DOCUMENT_ALREADY_DELIVERED, VALIDATION_FAILED (a date in the future or before the document existed)
 */
export async function recordDelivery(
  deps: PetitionDeps,
  actor: Actor,
  documentId: string,
  input: RecordDeliveryInput,
): Promise<PetitionDocumentView> {
  const { row, loaded } = await readableDocument(deps, actor, documentId);
  const kind = row.kind as DocumentKind;
  if (!mayGenerate(actor, loaded, kind)) {
    throw new DomainError('FORBIDDEN', {
      message: 'You may not record the delivery of this document',
      details: { kind },
    });
  }
  if (row.delivered_at !== null) {
    throw new DomainError('DOCUMENT_ALREADY_DELIVERED', {
      message: 'The delivery is already recorded',
      details: { deliveredAt: row.delivered_at },
    });
  }
  const now = deps.clock.now().toISOString();
  const awaitingReceipt = input.method === 'post' && input.deliveredAt === undefined;
  const deliveredAt = awaitingReceipt ? null : (input.deliveredAt ?? now);
  // A delivery date starts the petitioner's next window (第35–36条): between the document's
  // generation and now, the one rule of every date the law counts from (legal-dates.ts).
  const problem = deliveredAt === null ? null : legalDateProblem(deliveredAt, deps.clock.now(), row.created_at);
  if (problem !== null) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `deliveredAt ${LEGAL_DATE_MESSAGES[problem]}`,
      details: { in: 'body', issues: [{ path: ['deliveredAt'], message: LEGAL_DATE_MESSAGES[problem] }] },
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    const updated = await markDelivered(trx, documentId, {
      delivery_method: input.method,
      delivery_tracking: input.trackingNumber ?? row.delivery_tracking,
      sent_at: row.sent_at ?? now,
      delivered_at: deliveredAt,
      delivery_recorded_by: actor.id,
    });
    if (!updated) throw new DomainError('DOCUMENT_ALREADY_DELIVERED', { message: 'The delivery is already recorded' });
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'deliverDocument',
      data: {
        documentId,
        kind,
        number: row.number,
        // The step the document was made from: an extension notice announces that extension (第34条).
        sourceEventId: row.source_event_id,
        method: input.method,
        trackingNumber: input.trackingNumber ?? null,
        deliveredAt,
      },
      internal: row.addressed_to_petitioner !== 1,
      audit: { after: { documentId, kind, method: input.method, deliveredAt } },
    });
  });
  return getDocument(deps, actor, documentId);
}
