/**
 * Files attached to a petition (材料: ID copies, photos, agreements, scans). Whoever may read a
 * petition may list and download its attachments — except a file marked at upload as an identity
 * document, which follows the identity rule (《信访工作条例》第30条: an accuser's identity is shown
 * only to the office). Uploading is an `addNote`-like activity, allowed to the same people in the
 * same states. The bytes live in the deployment's file store under `<id>` (a directory outside the
 * web root, or the database when several instances share it: server/platform/file-store.ts); the
 * row and an `attach` event through the petition engine are written in one transaction after the
 * file, and the file is removed again if that transaction fails.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentListView,
  type AttachmentView,
} from '../../../common/schemas/petition.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  canSeeIdentity,
  checkVerb,
  loadReadable,
  recordPetitionEvent,
  type Loaded,
  type PetitionDeps,
} from '../petition/index.ts';
import { findAttachment, insertAttachment, listAttachmentRows, type AttachmentRow } from './attachment.repository.ts';

/** What the client sent: the name and declared type are kept for the record, never trusted. */
export type UploadedFile = { fileName: string; contentType: string; data: Buffer };

const MAX_FILE_NAME_CHARS = 200;

export const ATTACHMENT_CONTENT_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
} as const;

function startsWith(data: Buffer, signature: readonly number[]): boolean {
  return data.length >= signature.length && signature.every((byte, i) => data[i] === byte);
}

/** Names of the entries in a ZIP's central directory; null when it is not a readable ZIP. */
function zipEntryNames(data: Buffer): string[] | null {
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65 535 bytes.
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let i = data.length - 22; i >= lowest; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > data.length) return null;
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** UTF-8 text: decodes strictly and holds no control characters besides tab, newlines and form feed. */
function isPlainText(data: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * The content type of `data` judged by its bytes (magic numbers), or null when it is not one of the
 * allowed kinds. The declared type and the file name play no part: an .exe named photo.jpg is refused.
 */
export function sniffContentType(data: Buffer): string | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return ATTACHMENT_CONTENT_TYPES.jpeg;
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ATTACHMENT_CONTENT_TYPES.png;
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ATTACHMENT_CONTENT_TYPES.pdf;
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML is a ZIP; only a Word document or an Excel workbook is accepted, not any archive.
    const names = zipEntryNames(data);
    if (names === null || !names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return ATTACHMENT_CONTENT_TYPES.docx;
    if (names.includes('xl/workbook.xml')) return ATTACHMENT_CONTENT_TYPES.xlsx;
    return null;
  }
  return isPlainText(data) ? ATTACHMENT_CONTENT_TYPES.text : null;
}

/**
 * The name to keep: the last path segment, without control or invisible format characters (a
 * right-to-left override could disguise `exe.pdf`), trimmed, at most 200 characters. Chinese and
 * other non-ASCII names are kept as they are.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  const limited = Array.from(cleaned).slice(0, MAX_FILE_NAME_CHARS).join('').trim();
  return limited === '' || /^\.+$/.test(limited) ? 'attachment' : limited;
}

function viewOf(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    createdAt: row.created_at,
    identityDocument: row.identity_document === 1,
  };
}

/** An identity document is shown only to whom the petitioner's identity is (第30条). */
function mayOpen(actor: Actor, loaded: Loaded, row: AttachmentRow): boolean {
  return row.identity_document === 0 || (canSeeIdentity(actor, loaded.facts) && loaded.petition.is_anonymous === 0);
}

/**
 * Check a file, then write its bytes (never overwriting, readable by the server's user only).
 * @returns the stored file's id, path and type
 * @throws PAYLOAD_TOO_LARGE, VALIDATION_FAILED (empty), ATTACHMENT_TYPE_NOT_ALLOWED
 */
export async function storeFile(deps: PetitionDeps, file: UploadedFile, allowed?: ReadonlySet<string>) {
  if (file.data.length > ATTACHMENT_MAX_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', {
      message: 'The attachment is over 10 MiB',
      details: { max: ATTACHMENT_MAX_BYTES },
    });
  }
  if (file.data.length === 0) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'The file is empty',
      details: { in: 'body', issues: [{ path: ['file'], message: 'The file is empty' }] },
    });
  }
  const contentType = sniffContentType(file.data);
  if (contentType === null || (allowed !== undefined && !allowed.has(contentType))) {
    throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', {
      message: 'Only JPEG, PNG, PDF, DOCX, XLSX and UTF-8 text are accepted',
    });
  }
  const id = deps.ids.next();
  // Never overwritten; on disk readable by the server's user only.
  await deps.files.put(id, file.data);
  return { id, contentType };
}

/**
 * The columns every table of stored files keeps (a case's attachments, a self-assessment's evidence, a
 * consultation's files): what `storeFile` stored, its cleaned name, who uploaded it and when.
 */
export function storedFileColumns(
  stored: { id: string; contentType: string },
  file: UploadedFile,
  uploadedBy: string,
  at: string,
) {
  return {
    id: stored.id,
    file_name: sanitizeFileName(file.fileName),
    content_type: stored.contentType,
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    storage_key: stored.id,
    uploaded_by: uploadedBy,
    created_at: at,
  };
}

/** Remove a stored file whose row was not written (its transaction failed). */
export async function removeStoredFile(deps: PetitionDeps, id: string): Promise<void> {
  await deps.files.remove(id);
}

/** The bytes of a stored file named by a row's `storage_key`. */
export async function readStoredFile(deps: PetitionDeps, storageKey: string): Promise<Buffer> {
  return deps.files.get(storageKey);
}

/** The attachment row of a stored file, pointing at the event that recorded it. */
export async function recordAttachment(
  trx: Kysely<DB>,
  row: Omit<AttachmentRow, 'sha256' | 'storage_key' | 'size'> & { data: Buffer },
): Promise<void> {
  const { data, ...rest } = row;
  await insertAttachment(trx, {
    ...rest,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    storage_key: rest.id,
  });
}

/**
 * Attach a file to a petition: checked, stored on disk, then recorded with an `attach` event
 * through the petition engine in one transaction. Nothing is left behind when any step fails.
 * @throws NOT_FOUND (cannot read the petition), FORBIDDEN (may not add notes to it),
 *   PETITION_TRANSITION_ILLEGAL (its state allows no notes), PAYLOAD_TOO_LARGE (over 10 MiB),
 *   VALIDATION_FAILED (an empty file), ATTACHMENT_TYPE_NOT_ALLOWED (not JPEG, PNG, PDF, DOCX, XLSX or UTF-8 text)
 */
export async function addAttachment(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  file: UploadedFile,
  options: { identityDocument?: boolean } = {},
): Promise<AttachmentView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  checkVerb(actor, loaded, 'addNote');
  const stored = await storeFile(deps, file);
  const fileName = sanitizeFileName(file.fileName);
  const identityDocument = options.identityDocument === true;
  const at = deps.clock.now().toISOString();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const recorded = await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
        kind: 'attach',
        data: { attachmentId: stored.id, fileName, size: file.data.length, identityDocument },
        // Like an internal note: the petitioner's portal does not list office material.
        internal: true,
        // The audit row names the file by id, size and type; the name may carry personal details.
        audit: { after: { attachmentId: stored.id, contentType: stored.contentType, size: file.data.length } },
      });
      await recordAttachment(trx, {
        id: stored.id,
        petition_id: petitionId,
        event_id: recorded.event.id,
        file_name: fileName,
        content_type: stored.contentType,
        data: file.data,
        uploaded_by: actor.id,
        created_at: at,
        identity_document: identityDocument ? 1 : 0,
      });
    });
  } catch (error) {
    await removeStoredFile(deps, stored.id);
    throw error;
  }
  return {
    id: stored.id,
    fileName,
    contentType: stored.contentType,
    size: file.data.length,
    createdAt: at,
    identityDocument,
  };
}

/** The attachments of a petition `actor` may open, oldest first. @throws NOT_FOUND */
export async function listAttachments(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<AttachmentListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  return {
    items: (await listAttachmentRows(deps.db, petitionId)).filter((row) => mayOpen(actor, loaded, row)).map(viewOf),
  };
}

/**
 * One attachment with its bytes, for download.
 * @throws NOT_FOUND (cannot read the petition, no such attachment on it, or an identity document
 *   the actor may not see — the same answer, so its existence is not told either)
 */
export async function openAttachment(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  attachmentId: string,
): Promise<{ attachment: AttachmentView; data: Buffer }> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const row = await findAttachment(deps.db, petitionId, attachmentId);
  if (row === undefined || !mayOpen(actor, loaded, row)) {
    throw new DomainError('NOT_FOUND', { message: 'Attachment not found', details: { attachmentId } });
  }
  // storage_key is always an id we generated; the store refuses any other key (no path outside it).
  const data = await readStoredFile(deps, row.storage_key);
  return { attachment: viewOf(row), data };
}
