/**
 * 来访登记 (visit record): a walk-in visit registered as it happens — a new case, or the same
 * person's open case — with who received the visitors, when they came and left, who came along (a
 * group chooses at most five representatives, 《信访工作条例》第20条第3款), what was said as a
 * transcript (笔录: an oral petition is recorded faithfully, 第19条) and what was handed over.
 *
 * The petitioner confirms the transcript: read back on screen and signed on a tablet (the drawn
 * signature is a PNG attachment of the case, an identity document), or printed and signed on paper
 * (签字确认). What was confirmed never changes: its SHA-256 is kept with the confirmation, and an
 * amendment is refused afterwards.
 *
 * Every step touches the case and goes through the petition engine (`recordVisit`,
 * `amendTranscript`, `confirmTranscript`), in one transaction with the visit row. A visit is part of
 * its case: whoever may read the case reads the visit, and so does the person who recorded it (a
 * frontline head registers for the office above and cannot open the case afterwards) — never a
 * person recused from it (第28条). Who came and what they said identify the petitioner: shown only to
 * whom the petitioner's identity is (第30条).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../../common/domain/access.ts';
import { LEGAL_DATE_MESSAGES, legalDateProblem } from '../../../common/domain/legal-dates.ts';
import { isOpen } from '../../../common/domain/petition-state.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import type { ReceiptView } from '../../../common/schemas/intake.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type {
  ConfirmTranscriptInput,
  RecordedVisitView,
  VisitRecordData,
  VisitRecordListView,
  VisitRecordView,
} from '../../../common/schemas/visit-record.ts';
import { SIGNATURE_MAX_BYTES } from '../../../common/schemas/visit-record.ts';
import type { DB } from '../../db/schema.ts';
import {
  ATTACHMENT_CONTENT_TYPES,
  recordAttachment,
  sanitizeFileName,
  sniffContentType,
  removeStoredFile,
  storeFile,
} from '../attachment/index.ts';
import { assertMayRegister, noticesForRegistration, receiptOf, registerInTransaction } from '../intake/index.ts';
import {
  canAct,
  canRead,
  canSeeIdentity,
  listPetitioners,
  loadCase,
  loadReadable,
  recordPetitionEvent,
  type Loaded,
  type PetitionDeps,
  type Recorded,
} from '../petition/index.ts';
import { findUnitById } from '../unit/index.ts';
import { usersByIds } from '../user/index.ts';
import {
  confirmPendingTranscript,
  findVisitRecord,
  insertVisitRecord,
  updatePendingTranscript,
  visitRecordsOfPetition,
  type VisitRecordNamedRow,
} from './visit-record.repository.ts';

/** A date that starts something the law counts (the receipt of a new case): between `notBefore` and now. */
function checkDate(field: string, value: string, now: Date, notBefore?: string | null): void {
  const problem = legalDateProblem(value, now, notBefore);
  if (problem !== null) throw fieldError(field, LEGAL_DATE_MESSAGES[problem]);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The PNG bytes of a drawn signature. @throws VALIDATION_FAILED naming the field when they are not a PNG */
function signatureBytes(field: string, base64: string): Buffer {
  const data = Buffer.from(base64.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (
    data.length === 0 ||
    data.length > SIGNATURE_MAX_BYTES ||
    sniffContentType(data) !== ATTACHMENT_CONTENT_TYPES.png
  ) {
    throw fieldError(field, 'the signature must be a PNG image of at most 512 KiB');
  }
  return data;
}

const PNG_ONLY = new Set<string>([ATTACHMENT_CONTENT_TYPES.png]);

// ---------------------------------------------------------------------------------------------
// Who sees a visit

function isRecused(actor: Actor, loaded: Loaded): boolean {
  return loaded.facts.recusedUserIds.includes(actor.id);
}

/** The case's readers and the visit's recorder, never a person recused from the case. */
function mayRead(actor: Actor, row: Pick<VisitRecordNamedRow, 'recorded_by'>, loaded: Loaded): boolean {
  return !isRecused(actor, loaded) && (canRead(actor, loaded.facts) || row.recorded_by === actor.id);
}

/** Who came and what they said: to whom the petitioner's identity is shown (第30条), and the recorder. */
function maySeeWhoCame(actor: Actor, row: Pick<VisitRecordNamedRow, 'recorded_by'>, loaded: Loaded): boolean {
  return row.recorded_by === actor.id || (canSeeIdentity(actor, loaded.facts) && loaded.petition.is_anonymous === 0);
}

/** The recorder, or an office that may register on the case, may amend or confirm the transcript. */
function mayWork(actor: Actor, row: Pick<VisitRecordNamedRow, 'recorded_by'>, loaded: Loaded): boolean {
  return mayRead(actor, row, loaded) && (row.recorded_by === actor.id || canAct(actor, 'register', loaded.facts));
}

type Companion = { name: string; relation: string | null; isRepresentative: boolean };
type Material = { name: string; copies: number; original: boolean };

/** The case's petitioners by name, in their order: the visitors the transcript is signed by. */
type Visitor = { name: string; isRepresentative: boolean };

async function visitorsOf(db: Kysely<DB>, petitionId: string): Promise<Visitor[]> {
  return (await listPetitioners(db, petitionId)).map((p) => ({
    name: p.name,
    isRepresentative: p.is_representative === 1,
  }));
}

function viewOf(actor: Actor, row: VisitRecordNamedRow, loaded: Loaded, visitors: readonly Visitor[]): VisitRecordView {
  const whoCame = maySeeWhoCame(actor, row, loaded);
  return {
    id: row.id,
    petitionId: row.petition_id,
    caseNumber: loaded.petition.case_number,
    unitName: row.unit_name,
    receivedByName: row.received_by_name,
    recordedByName: row.recorded_by_name,
    arrivedAt: row.arrived_at,
    leftAt: row.left_at,
    headcount: row.headcount,
    petitioners: whoCame ? [...visitors] : null,
    companions: whoCame ? (JSON.parse(row.companions_json) as Companion[]) : null,
    transcript: whoCame ? row.transcript : null,
    materials: JSON.parse(row.materials_json) as Material[],
    confirmation:
      row.confirmation_method === null || row.confirmed_at === null || row.transcript_sha256 === null
        ? null
        : {
            method: row.confirmation_method,
            at: row.confirmed_at,
            byName: row.confirmed_by_name,
            signatureAttachmentId: whoCame ? row.signature_attachment_id : null,
            transcriptSha256: row.transcript_sha256,
          },
    canConfirm: row.confirmed_at === null && mayWork(actor, row, loaded),
    createdAt: row.created_at,
  };
}

/** A visit and its case, as `actor` may see them. @throws NOT_FOUND (missing, out of sight, recused) */
async function loadVisit(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<{ row: VisitRecordNamedRow; loaded: Loaded }> {
  const row = await findVisitRecord(db, id);
  const loaded = row === undefined ? null : await loadCase(db, row.petition_id);
  if (row === undefined || loaded === null || !mayRead(actor, row, loaded)) {
    throw new DomainError('NOT_FOUND', { message: 'Visit record not found', details: { visitId: id } });
  }
  return { row, loaded };
}

// ---------------------------------------------------------------------------------------------
// Recording a visit

/** 接待人: the registrar, or an active person of the registrar's unit subtree. @throws VALIDATION_FAILED */
async function receiverOf(trx: Kysely<DB>, actor: Actor, id: string | undefined): Promise<string> {
  if (id === undefined || id === actor.id) return actor.id;
  const user = (await usersByIds(trx, [id]))[0];
  if (user === undefined || user.active !== 1 || !user.unit_path.startsWith(actor.unitPath)) {
    throw fieldError('receivedById', 'the receiving person must be an active member of your unit');
  }
  return user.id;
}

/** The same person's open case the visit is about, when `actor` may register on it. */
async function openCaseFor(trx: Kysely<DB>, actor: Actor, petitionId: string): Promise<Loaded> {
  const loaded = await loadCase(trx, petitionId);
  if (loaded === null || !canRead(actor, loaded.facts)) {
    throw new DomainError('NOT_FOUND', { message: 'Petition not found', details: { petitionId } });
  }
  if (!canAct(actor, 'register', loaded.facts)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the office in scope records a visit on a case' });
  }
  if (!isOpen(loaded.petition.state)) {
    throw fieldError('petitionId', 'the case is closed: register the visit as a new petition');
  }
  return loaded;
}

type Signature = { stored: { id: string }; data: Buffer };

/** Store a drawn signature's bytes before the transaction; removed again if the transaction fails. */
async function storeSignature(
  deps: PetitionDeps,
  field: string,
  base64: string | undefined,
): Promise<Signature | null> {
  if (base64 === undefined) return null;
  const data = signatureBytes(field, base64);
  const stored = await storeFile(deps, { fileName: 'signature.png', contentType: 'image/png', data }, PNG_ONLY);
  return { stored, data };
}

/**
 * The petitioner's confirmation of the transcript, on the case: the event, the signature's PNG
 * attachment (an identity document: it identifies the petitioner), the visit row.
 * @throws TRANSCRIPT_ALREADY_CONFIRMED
 */
async function confirmOnCase(
  trx: Kysely<DB>,
  deps: PetitionDeps,
  actor: Actor,
  current: Recorded['petition'],
  registeredPath: string,
  visit: { id: string; transcript: string },
  signature: Signature | null,
): Promise<Recorded> {
  const at = deps.clock.now().toISOString();
  const method = signature === null ? 'printed' : 'signature';
  const transcriptSha256 = sha256(visit.transcript);
  const recorded = await recordPetitionEvent(trx, deps, actor, current, registeredPath, {
    kind: 'confirmTranscript',
    data: { visitId: visit.id, method, transcriptSha256, attachmentId: signature?.stored.id ?? null },
    internal: true,
    audit: { after: { visitId: visit.id, method, attachmentId: signature?.stored.id ?? null } },
  });
  if (signature !== null) {
    await recordAttachment(trx, {
      id: signature.stored.id,
      petition_id: current.id,
      event_id: recorded.event.id,
      file_name: sanitizeFileName(`来访笔录签名-${current.case_number}.png`),
      content_type: ATTACHMENT_CONTENT_TYPES.png,
      data: signature.data,
      uploaded_by: actor.id,
      created_at: at,
      identity_document: 1,
    });
  }
  const confirmed = await confirmPendingTranscript(trx, visit.id, {
    confirmation_method: method,
    confirmed_at: at,
    confirmed_by: actor.id,
    transcript_sha256: transcriptSha256,
    signature_attachment_id: signature?.stored.id ?? null,
  });
  if (!confirmed) {
    throw new DomainError('TRANSCRIPT_ALREADY_CONFIRMED', { message: 'The transcript was already confirmed' });
  }
  return recorded;
}

/**
 * Record a walk-in visit: a new case registered from it (channel 来访, received at the arrival, the
 * visit's headcount) or a visit on the same person's open case; with the signature drawn on the
 * tablet, the transcript is confirmed in the same transaction.
 * @throws FORBIDDEN (may not register here, or not the office of the case), NOT_FOUND (the case),
 *   VALIDATION_FAILED (a date, the receiving person, the signature, a closed case, or any rule of
 *   registration — each naming its field)
 */
export async function recordVisit(
  deps: PetitionDeps,
  actor: Actor,
  input: VisitRecordData,
): Promise<RecordedVisitView> {
  assertMayRegister(actor, { id: actor.unitId, path: actor.unitPath });
  const now = deps.clock.now();
  const at = now.toISOString();
  checkDate('arrivedAt', input.arrivedAt, now);
  const arrivedAt = new Date(input.arrivedAt).toISOString();
  const leftAt = input.leftAt === undefined ? at : new Date(input.leftAt).toISOString();
  checkDate('leftAt', leftAt, now, arrivedAt);
  const signature = await storeSignature(deps, 'signaturePng', input.signaturePng);
  const visitId = deps.ids.next();
  try {
    const { loaded, receipt } = await deps.db.transaction().execute(async (trx) => {
      const receivedBy = await receiverOf(trx, actor, input.receivedById);
      let current: Loaded;
      let receipt: ReceiptView;
      if (input.petition !== undefined) {
        const unit = await findUnitById(trx, actor.unitId);
        const registration: RegisterPetitionData = {
          ...input.petition,
          channel: 'visit',
          receivedAt: arrivedAt,
          headcount: input.headcount,
        };
        const notices = unit === undefined ? [] : await noticesForRegistration(trx, actor, unit);
        const registered = await registerInTransaction(deps, trx, actor, registration, { notices });
        current = registered.loaded;
        receipt = receiptOf(registered, actor);
      } else {
        current = await openCaseFor(trx, actor, input.petitionId ?? '');
        checkDate('arrivedAt', arrivedAt, now, current.petition.received_at);
        receipt = {
          petitionId: current.petition.id,
          caseNumber: current.petition.case_number,
          trackingCode: null,
          receivedAt: arrivedAt,
          unitName: current.petition.registered_name,
          readable: true,
        };
      }
      const registeredPath = current.petition.registered_path;
      let recorded = await recordPetitionEvent(trx, deps, actor, current.petition, registeredPath, {
        kind: 'recordVisit',
        data: { visitId, arrivedAt, leftAt, headcount: input.headcount, materials: input.materials.length },
        internal: true,
        audit: { after: { visitId, headcount: input.headcount } },
      });
      await insertVisitRecord(trx, {
        id: visitId,
        petition_id: current.petition.id,
        unit_id: actor.unitId,
        recorded_by: actor.id,
        received_by: receivedBy,
        arrived_at: arrivedAt,
        left_at: leftAt,
        headcount: input.headcount,
        companions_json: JSON.stringify(
          input.companions.map((c) => ({
            name: c.name,
            relation: c.relation ?? null,
            isRepresentative: c.isRepresentative,
          })),
        ),
        transcript: input.transcript,
        materials_json: JSON.stringify(input.materials),
        confirmation_method: null,
        confirmed_at: null,
        confirmed_by: null,
        transcript_sha256: null,
        signature_attachment_id: null,
        created_at: at,
        updated_at: at,
      });
      if (signature !== null) {
        recorded = await confirmOnCase(
          trx,
          deps,
          actor,
          recorded.petition,
          registeredPath,
          {
            id: visitId,
            transcript: input.transcript,
          },
          signature,
        );
      }
      return { loaded: { ...current, petition: { ...current.petition, ...recorded.petition } }, receipt };
    });
    const row = await findVisitRecord(deps.db, visitId);
    if (row === undefined) throw new Error('the visit was not written');
    return { visit: viewOf(actor, row, loaded, await visitorsOf(deps.db, row.petition_id)), receipt };
  } catch (error) {
    if (signature !== null) await removeStoredFile(deps, signature.stored.id);
    throw error;
  }
}

/** One visit as `actor` may see it. @throws NOT_FOUND */
export async function getVisit(deps: PetitionDeps, actor: Actor, id: string): Promise<VisitRecordView> {
  const { row, loaded } = await loadVisit(deps.db, actor, id);
  return viewOf(actor, row, loaded, await visitorsOf(deps.db, row.petition_id));
}

/** The visits of a case, for its page. @throws NOT_FOUND (the case) */
export async function listVisitsOfPetition(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<VisitRecordListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const [rows, visitors] = await Promise.all([
    visitRecordsOfPetition(deps.db, petitionId),
    visitorsOf(deps.db, petitionId),
  ]);
  return { items: rows.map((row) => viewOf(actor, row, loaded, visitors)) };
}

/** Load a visit for a change to its transcript. @throws NOT_FOUND, FORBIDDEN, TRANSCRIPT_ALREADY_CONFIRMED */
async function pendingVisit(trx: Kysely<DB>, actor: Actor, id: string) {
  const { row, loaded } = await loadVisit(trx, actor, id);
  if (!mayWork(actor, row, loaded)) {
    throw new DomainError('FORBIDDEN', { message: 'Only the recorder or the office amends or confirms a transcript' });
  }
  if (row.confirmed_at !== null) {
    throw new DomainError('TRANSCRIPT_ALREADY_CONFIRMED', { message: 'The transcript was already confirmed' });
  }
  return { row, loaded };
}

/**
 * Correct the transcript as it is read back, before the petitioner confirms it.
 * @throws NOT_FOUND, FORBIDDEN, TRANSCRIPT_ALREADY_CONFIRMED
 */
export async function amendTranscript(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: { transcript: string },
): Promise<VisitRecordView> {
  await deps.db.transaction().execute(async (trx) => {
    const { loaded } = await pendingVisit(trx, actor, id);
    if (!(await updatePendingTranscript(trx, id, input.transcript, deps.clock.now().toISOString()))) {
      throw new DomainError('TRANSCRIPT_ALREADY_CONFIRMED', { message: 'The transcript was already confirmed' });
    }
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'amendTranscript',
      data: { visitId: id },
      internal: true,
      audit: { after: { visitId: id } },
    });
  });
  return getVisit(deps, actor, id);
}

/**
 * 签字确认: the petitioner confirms the transcript — signed on the tablet now, or the printed
 * transcript signed on paper, as recorded by the office.
 * @throws NOT_FOUND, FORBIDDEN, TRANSCRIPT_ALREADY_CONFIRMED, VALIDATION_FAILED (the signature)
 */
export async function confirmTranscript(
  deps: PetitionDeps,
  actor: Actor,
  id: string,
  input: ConfirmTranscriptInput,
): Promise<VisitRecordView> {
  await pendingVisit(deps.db, actor, id);
  const signature = await storeSignature(
    deps,
    'signaturePng',
    input.method === 'signature' ? input.signaturePng : undefined,
  );
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { row, loaded } = await pendingVisit(trx, actor, id);
      await confirmOnCase(trx, deps, actor, loaded.petition, loaded.petition.registered_path, row, signature);
    });
  } catch (error) {
    if (signature !== null) await removeStoredFile(deps, signature.stored.id);
    throw error;
  }
  return getVisit(deps, actor, id);
}
