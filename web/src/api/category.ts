/** Content taxonomy endpoints: the list (pickers and the admin page) and the category verbs. */
import {
  CategoryListViewSchema,
  CategoryViewSchema,
  type CategoryListView,
  type CategoryView,
  type CreateCategoryInput,
  type RenameCategoryInput,
  type ReorderCategoryInput,
} from '../../../common/schemas/category.ts';
import { api } from './client.ts';

export function listCategories(includeInactive = false): Promise<CategoryListView> {
  return api.get('/api/categories', CategoryListViewSchema, { includeInactive: includeInactive ? 'true' : undefined });
}

export function createCategory(input: CreateCategoryInput): Promise<CategoryView> {
  return api.post('/api/categories', CategoryViewSchema, input);
}

const at = (code: string, verb: string) => `/api/categories/${encodeURIComponent(code)}/${verb}`;

export function renameCategory(code: string, input: RenameCategoryInput): Promise<CategoryView> {
  return api.post(at(code, 'rename'), CategoryViewSchema, input);
}

export function reorderCategory(code: string, input: ReorderCategoryInput): Promise<CategoryView> {
  return api.post(at(code, 'reorder'), CategoryViewSchema, input);
}

export function deactivateCategory(code: string): Promise<CategoryView> {
  return api.post(at(code, 'deactivate'), CategoryViewSchema);
}

export function activateCategory(code: string): Promise<CategoryView> {
  return api.post(at(code, 'activate'), CategoryViewSchema);
}
