/** The figure module's surface: the registered figures' values (the dashboard; the appraisal) and their sources. */
export { figureValues, type FigureValues } from './figure.service.ts';
export { figureSourceOf } from './figure.registry.ts';
