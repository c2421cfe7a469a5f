/** The taxonomy as options of a multiple select (top level, then its second level as 工资薪酬 / 拖欠工资). */
import type { CategoryView } from '../../../../common/schemas/category.ts';

export function categoryOptions(categories: readonly CategoryView[]): { value: string; label: string }[] {
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return [...categories]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((c) => ({
      value: c.code,
      label: c.parentCode === null ? c.name : `${names.get(c.parentCode) ?? c.parentCode} / ${c.name}`,
    }));
}

/** A code's label, or the code itself when the taxonomy no longer holds it. */
export function categoryLabel(categories: readonly CategoryView[], code: string): string {
  return categoryOptions(categories).find((o) => o.value === code)?.label ?? code;
}
