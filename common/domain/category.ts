/**
 * The content taxonomy (内容分类, DOMAIN.md §6.3): exactly two levels. A top-level code is two digits
 * (`01`…`99`); a second-level code is its parent's code followed by two digits (`0103`), so a
 * category's parent can be read from its code and a top level with its children is one code prefix.
 * Entries are never deleted (petitions keep their codes); they are deactivated. These functions are
 * pure; the category service applies them before writing.
 */

/** The shape of a category code: two digits (top level) or four (second level). */
export const CATEGORY_CODE_PATTERN = /^\d{2}(\d{2})?$/;

/** What the code check needs of a would-be parent. */
export type ParentFacts = { code: string; parentCode: string | null; active: boolean };

/** Why a new category cannot be created as given, naming the field; null when it can. */
export type CategoryIssue = { path: 'code' | 'parentCode'; message: string };

/**
 * Check the code of a new category against its parent (null = top level).
 * A second level may not have children (no third level), an inactive top level takes no new children.
 */
export function newCategoryIssue(code: string, parent: ParentFacts | null): CategoryIssue | null {
  if (parent !== null && parent.parentCode !== null) {
    return { path: 'parentCode', message: 'the taxonomy has two levels: a second-level category cannot have children' };
  }
  if (!CATEGORY_CODE_PATTERN.test(code))
    return { path: 'code', message: 'code must be 2 digits (top level) or 4 digits (second level)' };
  if (parent === null) {
    return code.length === 2 ? null : { path: 'code', message: 'a top-level code has 2 digits' };
  }
  if (!parent.active) return { path: 'parentCode', message: 'the parent category is inactive' };
  if (code.length !== 4 || !code.startsWith(parent.code))
    return {
      path: 'code',
      message: `a second-level code is the parent's code followed by 2 digits (${parent.code}01…${parent.code}99)`,
    };
  return null;
}

/** A category as far as pickers care: its own flag and its parent's. */
export type ActivityFacts = { active: boolean; parentActive: boolean | null };

/**
 * Whether a category may be chosen for a petition: it is active and so is its parent (deactivating
 * a top level hides its children without touching their own flags, so activating it brings them back).
 */
export function isSelectable(facts: ActivityFacts): boolean {
  return facts.active && facts.parentActive !== false;
}

/** Move the entry at `from` to `to` within `list` (both clamped), returning a new list. */
export function moveWithin<T>(list: readonly T[], from: number, to: number): T[] {
  const result = [...list];
  if (from < 0 || from >= result.length) return result;
  const [item] = result.splice(from, 1);
  if (item === undefined) return result;
  result.splice(Math.max(0, Math.min(to, result.length)), 0, item);
  return result;
}

/** How a petition shows its category: `上级 / 本级` for a second level, the name alone for a top level. */
export function categoryLabel(name: string, parentName: string | null): string {
  return parentName === null ? name : `${parentName} / ${name}`;
}
