import { useState } from 'react';
import { Flex, Input, Select, Switch, Typography } from 'antd';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { ROLES } from '../../../../common/schemas/user.ts';
import type { UserFilter } from '../../api/user.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Props = { units: readonly UnitView[]; filter: UserFilter; onChange: (filter: UserFilter) => void };

/** Unit, role, free text and "include disabled"; the text applies on Enter or the search button. */
export function UserFilters({ units, filter, onChange }: Props) {
  const t = useT();
  const [text, setText] = useState(filter.q ?? '');
  return (
    <Flex wrap gap={8} align="center">
      <div style={{ width: 220, maxWidth: '100%' }}>
        <UnitTreeSelect
          units={units}
          value={filter.unitId}
          onChange={(unitId) => onChange({ ...filter, unitId })}
          placeholder={t.users.allUnits}
          allowClear
        />
      </div>
      <Select
        allowClear
        placeholder={t.users.allRoles}
        style={{ width: 160 }}
        value={filter.role}
        onChange={(role) => onChange({ ...filter, role })}
        options={ROLES.map((role) => ({ value: role, label: t.roles[role] }))}
        data-testid="user-filter-role"
      />
      <Input.Search
        allowClear
        placeholder={t.users.searchPlaceholder}
        style={{ width: 220, maxWidth: '100%' }}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(q) => onChange({ ...filter, q })}
        data-testid="user-filter-q"
      />
      <Flex align="center" gap={6}>
        <Switch
          size="small"
          id="user-include-inactive"
          checked={filter.includeInactive}
          onChange={(includeInactive) => onChange({ ...filter, includeInactive })}
        />
        <Typography.Text>
          <label htmlFor="user-include-inactive">{t.users.includeInactive}</label>
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
