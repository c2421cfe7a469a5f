/** The mediation module's surface: its figures (the app registers its routes). */
export { figureSources } from './mediation-figures.ts';
// The demo seeds a matter through the same use cases as the routes.
export { createMatter, fulfil, recordAgreement, recordMeeting } from './mediation.service.ts';
