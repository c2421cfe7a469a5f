/** The publicity module's surface: its figures, the topics beside the dashboard's hotspots, the demo's use case. */
export { figureSources } from './publicity-figures.ts';
export { publicityByTopic, recordActivity } from './publicity.service.ts';
