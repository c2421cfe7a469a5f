/** The dashboard module's surface for the scheduler. */
export { sendDailyDigests, DIGEST_HOUR } from './daily-digest.ts';
