/** The figure module's surface: the registered figures' values (the dashboard; the appraisal). */
export { figureValues, type FigureValues } from './figure.service.ts';
