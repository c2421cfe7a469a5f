/** The category module's surface for other modules. */
export { DEFAULT_TAXONOMY, ensureDefaultTaxonomy } from './default-taxonomy.ts';
