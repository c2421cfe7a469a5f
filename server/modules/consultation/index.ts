/** The consultation module's surface: its figures; the demo seeds drafts through the same use cases. */
export { figureSources } from './consultation-figures.ts';
export {
  answerComment,
  commentFromPortal,
  decideConsultation,
  getConsultation,
  publishConsultation,
} from './consultation.service.ts';
