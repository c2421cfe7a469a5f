/** The text module's surface for other modules and the app. */
export {
  createTextModelCache,
  ensureClassifier,
  findRepeats,
  listHotspots,
  type TextDeps,
  type TextModelCache,
} from './text.service.ts';
