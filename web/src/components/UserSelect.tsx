import { useCallback, useMemo } from 'react';
import { Select, Spin } from 'antd';
import { format } from '../../../common/i18n/index.ts';
import type { Role, UserListItemView } from '../../../common/schemas/user.ts';
import { listUsers } from '../api/user.ts';
import { useLoader } from '../hooks/use-loader.ts';
import { useT } from '../i18n/locale-context.ts';

type Props = {
  /** Only active users of these roles are offered. */
  roles: readonly Role[];
  value?: string | undefined;
  onChange?: ((value: string | undefined) => void) | undefined;
  id?: string | undefined;
  placeholder?: string | undefined;
};

async function usersOf(roles: readonly Role[]): Promise<UserListItemView[]> {
  const lists = await Promise.all(roles.map((role) => listUsers({ role, includeInactive: false })));
  return lists.flat();
}

/** Pick one person of the given roles within the viewer's scope; searchable. Works as a Form.Item control. */
export function UserSelect({ roles, value, onChange, id, placeholder }: Props) {
  const t = useT();
  const load = useCallback(() => usersOf(roles), [roles]);
  const users = useLoader(load);
  const options = useMemo(
    () =>
      (users.data ?? []).map((user) => ({
        value: user.id,
        label: format(t.petitions.userOption, {
          name: user.displayName,
          role: t.roles[user.role],
          // With the mine or company: three mines each have a 人力资源科.
          unit: user.unitPathName,
        }),
      })),
    [users.data, t],
  );
  return (
    <Select<string | null>
      {...(id === undefined ? {} : { id })}
      {...(placeholder === undefined ? {} : { placeholder })}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={users.loading}
      // Until the list arrives the dropdown shows a spinner, not 暂无数据.
      {...(users.data === undefined && users.error === null ? { notFoundContent: <Spin size="small" /> } : {})}
      value={value ?? null}
      onChange={(next: string | null | undefined) => onChange?.(next ?? undefined)}
      options={options}
      // As wide as the longest name with its unit: cut labels would hide the mine again.
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
