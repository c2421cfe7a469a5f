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

/**
 * The codes the picker's search lists for `input`, in picker order: a top level whose name contains
 * it, and every second level whose own or whose parent's name contains it (case-insensitive).
 */
export function searchCategories(categories: readonly CategoryView[], input: string): string[] {
  const needle = input.trim().toLowerCase();
  if (needle === '') return [];
  const hit = (category: CategoryView) => category.name.toLowerCase().includes(needle);
  return buildCategoryTree(categories).flatMap(({ category, children }) => [
    ...(hit(category) ? [category.code] : []),
    ...children.filter((child) => hit(category) || hit(child)).map((child) => child.code),
  ]);
}

/**
 * What Enter picks while searching: the category named exactly `input`, else the only one listed;
 * nothing when several are listed (the arrow keys choose among them).
 */
export function categoryForEnter(categories: readonly CategoryView[], input: string): string | undefined {
  const needle = input.trim().toLowerCase();
  const exact = categories.filter((category) => category.name.toLowerCase() === needle);
  if (exact.length === 1) return exact[0]?.code;
  const listed = searchCategories(categories, input);
  return listed.length === 1 ? listed[0] : undefined;
}
