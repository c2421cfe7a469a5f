/** The training module's surface: its figures, the expiry job (server/main.ts) and the use cases the demo seeds through. */
export { figureSources } from './training-figures.ts';
export {
  completeStep,
  createCourse,
  createSession,
  issueCertificate,
  recordAttendance,
  remindExpiringQualifications,
  submitTest,
} from './training.service.ts';
