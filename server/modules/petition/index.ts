/** The petition module's surface for other modules: the case, its one write path, its verbs and reads. */
export {
  accessFactsOf,
  caseAudience,
  caseOf,
  isCoHandlerKind,
  deadlinesOf,
  detailView,
  getPetition,
  loadCase,
  loadReadable,
  parseData,
  summariesFor,
  summaryOf,
  type Loaded,
  type PetitionDeps,
  type PetitionerOnPage,
} from './petition-read.service.ts';
export {
  createPetitions,
  recordPetitionEvent,
  refreshTimeDerived,
  type CaseChange,
  type CaseNotice,
  type DerivedColumns,
  type NewCase,
  type Recorded,
} from './petition-engine.ts';
export * from './petition.service.ts';
export {
  canAct,
  canRead,
  canRevealIdentity,
  canSeeIdentity,
  canSeeNamedPersons,
  reconsiderationBodyPath,
  reviewBodyPath,
  type PetitionAccessFacts,
  type PetitionCaseFacts,
  type PetitionVerb,
} from '../../../common/domain/petition-policy.ts';
export {
  casePeople,
  findPetition,
  findPetitionByCaseNumber,
  listEvents,
  listPetitioners,
  recusedPetitionIds,
  summaryRows,
  type CaseRow,
  type CasePersonRow,
  type EventRow,
  type PetitionRow,
} from './petition.repository.ts';
