/** The petitioner module's surface: identity records, linked without ever being overwritten. */
export {
  indexesOf,
  resolvePetitioners,
  type PersonInput,
  type PetitionerSource,
  type Resolved,
} from './petitioner.service.ts';
export {
  findEncryptedIdentity,
  findPetitionerById,
  petitionersByIndexes,
  type EncryptedIdentity,
  latestPetitionOf,
  latestPetitionsOf,
  petitionsOfPetitioners,
  type PetitionerRow,
} from './petitioner.repository.ts';
export { lookupPetitioner, revealPetitioner } from './petitioner-lookup.service.ts';
