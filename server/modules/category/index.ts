/** The category module's surface for other modules. */
export { DEFAULT_TAXONOMY, ensureDefaultTaxonomy } from './default-taxonomy.ts';
export { assertSelectableCategory } from './category.service.ts';
export { categoryCodesUnder, findCategoryLabel, listCategories as categoryRows } from './category.repository.ts';
