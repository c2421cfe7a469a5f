/** The knowledge module's surface: the built-in regulation, citation checks and quotes for replies and documents. */
export { ensureBuiltInKnowledge, REGULATION_ARTICLES, REGULATION_KEY, REGULATION_TITLE } from './built-in.ts';
export {
  addArticle,
  addVersion,
  assertCitable,
  createDocument,
  quoteCitations,
  searchArticles,
} from './knowledge.service.ts';
