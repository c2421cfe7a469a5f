import { useState } from 'react';
import { Badge, Button, DatePicker, Flex, Select, Switch, Typography, Input } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { PETITION_STATES } from '../../../../common/domain/petition-state.ts';
import { PETITION_TYPES } from '../../../../common/domain/deadlines.ts';
import { CHANNELS } from '../../../../common/schemas/petition.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import type { PetitionFilter, PetitionFlag } from '../../api/petition.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { CategoryPicker } from '../categories/CategoryPicker.tsx';

const FLAGS: readonly PetitionFlag[] = ['group', 'skip_level', 'repeat', 'supervised', 'anonymous'];
const DATE = 'YYYY-MM-DD';

type Props = {
  units: readonly UnitView[];
  filter: PetitionFilter;
  onChange: (filter: PetitionFilter) => void;
  /** On a phone: only the search shows, the other filters open with a button that counts those in use. */
  collapsed?: boolean | undefined;
};

/** The filters other than the search, for the count on the phone's 筛选 button. */
const COUNTED = [
  'state',
  'channel',
  'type',
  'flag',
  'categoryCode',
  'unitId',
  'receivedFrom',
  'open',
  'overdue',
  'ownerId',
  'acceptance',
  'conclusion',
] as const satisfies readonly (keyof PetitionFilter)[];

/**
 * State, channel, type, flag, category (a top level covers its children), unit, received dates,
 * "open only" and "overdue only"; every change goes back to page 1. Controlled by the filter, which
 * the list page reads from the address.
 */
export function PetitionFilters({ units, filter, onChange, collapsed = false }: Props) {
  const t = useT();
  const p = t.petitions;
  const [expanded, setExpanded] = useState(false);
  const inUse = COUNTED.filter((key) => filter[key] !== undefined).length;
  const set = (patch: Partial<PetitionFilter>) => onChange({ ...filter, ...patch, page: 1 });
  const range: [Dayjs, Dayjs] | null =
    filter.receivedFrom !== undefined && filter.receivedTo !== undefined
      ? [dayjs(filter.receivedFrom), dayjs(filter.receivedTo)]
      : null;
  return (
    <Flex wrap gap={8} align="center">
      <Input.Search
        // Keyed by the filter's text, so going back to an earlier address shows that search again.
        key={filter.q ?? ''}
        allowClear
        placeholder={p.searchPlaceholder}
        style={{ width: collapsed ? 'calc(100% - 96px)' : 240 }}
        defaultValue={filter.q}
        onSearch={(value) => set({ q: value.trim() === '' ? undefined : value.trim() })}
        data-testid="petition-search"
      />
      {collapsed && (
        <Badge count={inUse} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setExpanded(!expanded)}
            type={expanded ? 'primary' : 'default'}
            data-testid="petition-filters-toggle"
          >
            {p.moreFilters}
          </Button>
        </Badge>
      )}
      {(!collapsed || expanded) && (
        <>
          <Select
            allowClear
            placeholder={p.allStates}
            style={{ width: 150 }}
            value={filter.state}
            onChange={(state) => set({ state })}
            options={PETITION_STATES.map((state) => ({ value: state, label: p.states[state] }))}
            data-testid="petition-filter-state"
          />
          <Select
            allowClear
            placeholder={p.allChannels}
            style={{ width: 130 }}
            value={filter.channel}
            onChange={(channel) => set({ channel })}
            options={CHANNELS.map((channel) => ({ value: channel, label: p.channels[channel] }))}
          />
          <Select
            allowClear
            placeholder={p.allTypes}
            style={{ width: 140 }}
            value={filter.type}
            onChange={(type) => set({ type })}
            options={PETITION_TYPES.map((type) => ({ value: type, label: p.types[type] }))}
          />
          <Select
            allowClear
            placeholder={p.allFlags}
            style={{ width: 130 }}
            value={filter.flag}
            onChange={(flag) => set({ flag })}
            options={FLAGS.map((flag) => ({ value: flag, label: p.flags[flag] }))}
          />
          <div style={{ width: 220, maxWidth: '100%' }}>
            <CategoryPicker
              value={filter.categoryCode}
              onChange={(categoryCode) => set({ categoryCode })}
              placeholder={t.categories.all}
              data-testid="petition-filter-category"
            />
          </div>
          <div style={{ width: 200, maxWidth: '100%' }}>
            <UnitTreeSelect
              units={units}
              value={filter.unitId}
              onChange={(unitId) => set({ unitId })}
              placeholder={p.allUnits}
              allowClear
            />
          </div>
          <DatePicker.RangePicker
            value={range}
            placeholder={[p.field.from, p.field.to]}
            onChange={(dates) => {
              const from = dates?.[0];
              const to = dates?.[1];
              set({ receivedFrom: from?.format(DATE), receivedTo: to?.format(DATE) });
            }}
          />
          <Flex align="center" gap={6}>
            <Switch
              size="small"
              id="petition-open-only"
              checked={filter.open === 'true'}
              onChange={(on) => set({ open: on ? 'true' : undefined })}
            />
            <Typography.Text>
              <label htmlFor="petition-open-only">{p.openOnly}</label>
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={6}>
            <Switch
              size="small"
              id="petition-overdue-only"
              checked={filter.overdue === 'true'}
              onChange={(on) => set({ overdue: on ? 'true' : undefined })}
              data-testid="petition-filter-overdue"
            />
            <Typography.Text>
              <label htmlFor="petition-overdue-only">{p.overdueOnly}</label>
            </Typography.Text>
          </Flex>
        </>
      )}
    </Flex>
  );
}
