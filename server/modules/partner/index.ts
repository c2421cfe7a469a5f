/** The partner module's surface: its figures, and a partner organisation as other modules name it. */
export { figureSources } from './partner-figures.ts';
export { findOrganisation as organisationOf } from './partner.repository.ts';
// The demo seeds its partners and joint reception through the same use cases as the routes.
export {
  addMember,
  createOrganisation,
  createSession,
  giveOpinion,
  referToPartner,
  registerVisit,
} from './partner.service.ts';
