/** The ledger module's surface for other modules: the import (the demo history uses it). */
export { importPetitions, importReferences, type ImportCandidate } from './ledger-import.service.ts';
