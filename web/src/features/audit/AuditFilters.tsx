import { DatePicker, Flex, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { AUDIT_ACTIONS } from '../../../../common/domain/audit-actions.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { UserView } from '../../../../common/schemas/user.ts';
import type { AuditFilter } from '../../api/audit.ts';
import { useT } from '../../i18n/locale-context.ts';
import { labelOr } from './audit-labels.ts';

const DATE = 'YYYY-MM-DD';

type Props = { users: readonly UserView[]; filter: AuditFilter; onChange: (filter: AuditFilter) => void };

/** Person, action, case number and date range; every change goes back to page 1. */
export function AuditFilters({ users, filter, onChange }: Props) {
  const t = useT();
  const a = t.audit;
  const set = (patch: Partial<AuditFilter>) => onChange({ ...filter, ...patch, page: 1 });
  const range: [Dayjs, Dayjs] | null =
    filter.from !== undefined && filter.to !== undefined ? [dayjs(filter.from), dayjs(filter.to)] : null;
  return (
    <Flex wrap gap={8} align="center">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={a.filterActor}
        style={{ width: 200 }}
        value={filter.actorId}
        onChange={(actorId?: string) => set({ actorId })}
        options={users.map((u) => ({
          value: u.id,
          label: format(a.actorOption, { name: u.displayName, username: u.username }),
        }))}
        data-testid="audit-filter-actor"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={a.filterAction}
        style={{ width: 220 }}
        value={filter.action}
        onChange={(action?: string) => set({ action })}
        options={AUDIT_ACTIONS.map((action) => ({ value: action, label: labelOr(a.actions, action) }))}
        data-testid="audit-filter-action"
      />
      <Input.Search
        allowClear
        placeholder={a.filterCaseNumber}
        style={{ width: 200 }}
        defaultValue={filter.caseNumber}
        onSearch={(value) => set({ caseNumber: value.trim() === '' ? undefined : value.trim() })}
        data-testid="audit-filter-case"
      />
      <DatePicker.RangePicker
        value={range}
        placeholder={[a.filterFrom, a.filterTo]}
        onChange={(dates) => set({ from: dates?.[0]?.format(DATE), to: dates?.[1]?.format(DATE) })}
      />
    </Flex>
  );
}
