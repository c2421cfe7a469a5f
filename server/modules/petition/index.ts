/** The petition module's surface for other modules. */
export { DEFAULT_PETITION_SETTINGS, type PetitionDeps, type PetitionSettings } from './petition.service.ts';
export {
  checkImportCandidates,
  importPetitions,
  prepareImport,
  writeImport,
  importReferences,
  ledgerRecords,
  loadImportCalendar,
  unitNamePaths,
  type ImportCandidate,
  type ImportIssue,
  type ImportProgress,
  type PreparedImport,
  type ImportReferences,
  type LedgerRecord,
} from './petition-ledger.service.ts';
export { existingSourceKeys as importedSourceKeys } from './petition-ledger.repository.ts';
export {
  evaluateFromPortal,
  fileFromPortal,
  messageFromPetitioner,
  openByCode,
  portalActor,
  portalCaseView,
  requestReviewFromPortal,
  similarOpenCases,
} from './petitioner.service.ts';
export { type UploadedFile } from './attachment.service.ts';
export { refreshDerived, scopedPetitions, summariesFor } from './petition.service.ts';
export { findTextMatches, type LookupStats, type TextMatch } from './petition-fingerprint.ts';
export { deadlineStatusSql } from './petition.repository.ts';
export { RISK_POLICY_KEY, sensitivePeriodOn } from './petition-risk.ts';
export { recusedPetitionIds } from './petition.repository.ts';
export {
  findEncryptedIdentity,
  listStoredAttachments,
  type EncryptedIdentity,
  type StoredAttachment,
} from './at-rest.repository.ts';
