/** The intake module's surface: registration of a petition (the portal, the demo, visits and calls), its receipt. */
export { registerInTransaction, registerPetition, transactionFor, type Registered } from './registration.service.ts';
export { assertMayRegister, noticesForRegistration, receiptOf, registerAtIntake } from './intake.service.ts';
export { hashTrackingCode, newTrackingCode } from './tracking-code.ts';
export { reserveCaseNumbers } from './case-number.repository.ts';
