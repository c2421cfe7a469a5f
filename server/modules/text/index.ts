/** The text module's surface for other modules and the app. */
export {
  createTextModelCache,
  ensureClassifier,
  findRepeats,
  listHotspots,
  type TextDeps,
  type TextModelCache,
} from './text.service.ts';
export {
  insertSearchTexts,
  searchTextOf,
  TEXT_FIELDS,
  writeSearchText,
  searchPredicate,
  searchHits,
  amongHits,
  highlightOf,
  knowledgeSearchPredicate,
  salientWords,
  writeKnowledgeSearchText,
  type SearchHighlight,
} from './search-index.ts';
export {
  ensureRepeatIndex,
  findTextMatches,
  insertFingerprints,
  type LookupStats,
  type TextMatch,
} from './fingerprint-index.ts';
