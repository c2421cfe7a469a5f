/**
 * The ledger module's surface for other modules: the 台账 as a query (the list's filter, which the
 * dashboard and the text engine count with), the import (the demo history uses it), and the
 * import's worker runner and resume job (the server starts them).
 */
export { importPetitions, importReferences, type ImportCandidate } from './ledger-import.service.ts';
export { listPetitions, petitionFilterOf, scopedPetitions } from './ledger-list.service.ts';
export { figureSources } from './ledger-figures.ts';
export { ownerFigureSources } from './ledger-owner-figures.ts';
export { xlsxTable, xlsxWorkbook, type XlsxColumn } from './ledger-xlsx.ts';
export {
  deadlineStatusSql,
  filteredPetitions,
  type DeadlineStatus,
  type KeptDeadline,
  type PetitionFilter,
} from './ledger-list.repository.ts';
export { resumeLedgerImports, type ImportJobDeps } from './ledger-import.job.ts';
export { workerImportRunner, workerSheetChecker, type ImportWorkerSetup } from './ledger-import.thread.ts';
