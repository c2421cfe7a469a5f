/** The partner module's surface: its figures, and a partner organisation as other modules name it. */
export { figureSources } from './partner-figures.ts';
export { findOrganisation as organisationOf } from './partner.repository.ts';
