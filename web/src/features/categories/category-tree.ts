/**
 * The taxonomy as a two-level tree built from the flat list the server returns in picker order
 * (each top level followed by its children).
 */
import type { CategoryView } from '../../../../common/schemas/category.ts';

export type CategoryNode = { category: CategoryView; children: CategoryView[] };

export function buildCategoryTree(categories: readonly CategoryView[]): CategoryNode[] {
  const tops = categories
    .filter((c) => c.parentCode === null)
    .map((category) => ({ category, children: [] as CategoryView[] }));
  const byCode = new Map(tops.map((node) => [node.category.code, node]));
  for (const category of categories) {
    if (category.parentCode !== null) byCode.get(category.parentCode)?.children.push(category);
  }
  return tops;
}

/** The codes from the top level down to `code` ([top] or [top, code]); empty for an unknown code. */
export function categoryPathOf(categories: readonly CategoryView[], code: string): string[] {
  const found = categories.find((c) => c.code === code);
  if (found === undefined) return [];
  return found.parentCode === null ? [found.code] : [found.parentCode, found.code];
}
