/** The intake module's surface: registration of a petition, for the portal and the demo. */
export { registerInTransaction, registerPetition, type Registered } from './registration.service.ts';
