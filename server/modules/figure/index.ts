/** The figure module's surface: the registered figures' values (the dashboard; the appraisal) and their sources. */
export { figureValues, ownerFigureValues, type FigureValues } from './figure.service.ts';
export { figureSourceOf, ownerFigureSourceOf } from './figure.registry.ts';
