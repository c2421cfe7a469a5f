/** The mediation module's surface: its figures (the app registers its routes). */
export { figureSources } from './mediation-figures.ts';
