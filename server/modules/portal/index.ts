/** The portal module's surface for other modules: the office's side of the messages; the proof of work. */
export { listMessages } from './message.service.ts';
// Every portal write without an account (a comment on a draft too) spends the same proof of work.
export { issueChallenge, spendChallenge, type PortalDeps } from './portal.service.ts';
