/** Proposals for the code of a new category: the next free number at its level. */
import type { CategoryView } from '../../../../common/schemas/category.ts';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The next free code under `parentCode` (null = top level): one past the highest in use, skipping the
 * catch-all 99 at the top level; the first free one when that runs past 99.
 */
export function suggestCategoryCode(categories: readonly CategoryView[], parentCode: string | null): string {
  const prefix = parentCode ?? '';
  const used = new Set(
    categories.filter((c) => c.parentCode === parentCode).map((c) => Number(c.code.slice(prefix.length))),
  );
  const highest = Math.max(0, ...[...used].filter((n) => parentCode !== null || n !== 99));
  if (highest + 1 <= 99 && !used.has(highest + 1)) return `${prefix}${pad(highest + 1)}`;
  for (let n = 1; n <= 99; n += 1) if (!used.has(n)) return `${prefix}${pad(n)}`;
  return prefix;
}
