import { useCallback, useMemo, useState } from 'react';
import { Cascader, Spin } from 'antd';
import type { CategoryView } from '../../../../common/schemas/category.ts';
import { listCategories } from '../../api/category.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { buildCategoryTree, categoryForEnter, categoryPathOf } from './category-tree.ts';

type Option = { value: string; label: string; children?: Option[] };

type Props = {
  value?: string | undefined;
  onChange?: ((code: string | undefined) => void) | undefined;
  placeholder?: string | undefined;
  /** The categories to offer; loaded (selectable ones) when not given. */
  categories?: readonly CategoryView[] | undefined;
  id?: string | undefined;
  'data-testid'?: string | undefined;
};

function toOptions(categories: readonly CategoryView[]): Option[] {
  return buildCategoryTree(categories).map(({ category, children }) => ({
    value: category.code,
    label: category.name,
    ...(children.length === 0 ? {} : { children: children.map((child) => ({ value: child.code, label: child.name })) }),
  }));
}

/**
 * Pick a category of the two-level taxonomy by name (search matches any level). A top level may be
 * chosen on its own (changeOnSelect): a petition may be classified only coarsely, and a list filter by
 * a top level covers its children. While searching, Enter picks the only category listed (or the one
 * named exactly), as a keyboard-first officer expects. Works as a Form.Item control whose value is
 * the category code.
 */
export function CategoryPicker({ value, onChange, placeholder, categories, id, 'data-testid': testId }: Props) {
  const t = useT();
  const load = useCallback(
    async () => (categories === undefined ? (await listCategories()).categories : [...categories]),
    [categories],
  );
  const { data, loading } = useLoader(load);
  const list = useMemo(() => data ?? [], [data]);
  const options = useMemo(() => toOptions(list), [list]);
  const path = value === undefined ? [] : categoryPathOf(list, value);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <Cascader<Option>
      {...(id === undefined ? {} : { id })}
      options={options}
      value={path.length > 0 ? path : value === undefined ? [] : [value]}
      onChange={(next) => {
        const codes = (next as string[] | undefined) ?? [];
        onChange?.(codes.at(-1));
      }}
      open={open}
      onOpenChange={setOpen}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || search.trim() === '') return;
        const code = categoryForEnter(list, search);
        if (code === undefined) return;
        event.preventDefault();
        event.stopPropagation();
        onChange?.(code);
        setSearch('');
        setOpen(false);
      }}
      changeOnSelect
      allowClear
      expandTrigger="hover"
      placeholder={placeholder ?? t.categories.picker}
      notFoundContent={loading && data === undefined ? <Spin size="small" /> : t.categories.noMatch}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filter: (input, options) =>
          options.some((option) => option.label.toLowerCase().includes(input.trim().toLowerCase())),
      }}
      displayRender={(labels) => labels.join(' / ')}
      style={{ width: '100%', minWidth: 200 }}
      {...(testId === undefined ? {} : { 'data-testid': testId })}
    />
  );
}
