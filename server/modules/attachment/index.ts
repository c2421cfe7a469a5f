/** The attachment module's surface: files of a case, checked by their bytes. */
export {
  ATTACHMENT_CONTENT_TYPES,
  listAttachments,
  recordAttachment,
  sanitizeFileName,
  sniffContentType,
  readStoredFile,
  removeStoredFile,
  storeFile,
  storedFileColumns,
  type UploadedFile,
} from './attachment.service.ts';
export { contentDisposition } from './attachment.routes.ts';
export { listStoredAttachments, type StoredAttachment } from './attachment.repository.ts';
