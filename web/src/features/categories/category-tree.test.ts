import { describe, expect, it } from 'vitest';
import type { CategoryView } from '../../../../common/schemas/category.ts';
import { categoryForEnter, searchCategories } from './category-tree.ts';

function category(code: string, name: string): CategoryView {
  return {
    code,
    name,
    parentCode: code.length === 4 ? code.slice(0, 2) : null,
    nationalCategory: null,
    sortOrder: Number(code),
    active: true,
    selectable: true,
  };
}

// In picker order: each top level followed by its children.
const TAXONOMY = [
  category('01', '工资薪酬'),
  category('0101', '拖欠工资'),
  category('0102', '加班费'),
  category('02', '社会保险'),
  category('0201', '养老保险'),
  category('0202', '工伤保险'),
  category('03', '工伤'),
];

describe('searchCategories', () => {
  it('lists a top level and all its children when the top level matches', () => {
    expect(searchCategories(TAXONOMY, '工资')).toEqual(['01', '0101', '0102']);
  });

  it('lists second levels by their own name', () => {
    expect(searchCategories(TAXONOMY, '保险')).toEqual(['02', '0201', '0202']);
    expect(searchCategories(TAXONOMY, '拖欠')).toEqual(['0101']);
  });

  it('lists nothing for an empty search', () => {
    expect(searchCategories(TAXONOMY, '  ')).toEqual([]);
  });
});

describe('categoryForEnter', () => {
  it('picks the only match', () => {
    expect(categoryForEnter(TAXONOMY, '拖欠')).toBe('0101');
    expect(categoryForEnter(TAXONOMY, ' 加班 ')).toBe('0102');
  });

  it('picks the category named exactly, even when others also match', () => {
    expect(categoryForEnter(TAXONOMY, '工伤')).toBe('03');
  });

  it('picks nothing when several match or none does', () => {
    expect(categoryForEnter(TAXONOMY, '工资')).toBeUndefined();
    expect(categoryForEnter(TAXONOMY, '住房')).toBeUndefined();
  });
});
