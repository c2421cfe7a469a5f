import { useCallback } from 'react';
import { Alert, Card, Flex, Segmented, Tag, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { HAZARD_STATES, type HazardSummary } from '../../../../common/schemas/prevention.ts';
import { listHazards } from '../../api/prevention.ts';
import { hazardPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RISK_COLORS, STATE_COLORS } from './hazard-colors.ts';

const PAGE_SIZE = 20;
type Filter = (typeof HAZARD_STATES)[number] | 'all';
/** The hazard figures' own filters: which date the period is of, and cleared by the date due. */
const HAZARD_FILTERS = ['dateOf', 'clearedOnTime'] as const;

/** 排查台账: the hazards in the viewer's scope and those he leads, open and riskiest first. */
export function HazardLedgerPage() {
  const t = useT();
  const p = t.prevention;
  const h = p.hazard;
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'all') as Filter;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [filter, setFilter] = useRecordFilter(HAZARD_FILTERS);
  const load = useCallback(
    () => listHazards({ ...filter, ...(state === 'all' ? {} : { state }), page, pageSize: PAGE_SIZE }),
    [filter, state, page],
  );
  const hazards = useLoader(load);

  const columns: TableColumnsType<HazardSummary> = [
    {
      title: h.title,
      key: 'title',
      render: (_, row) => (
        <Link to={hazardPath(row.id)} data-testid={`hazard-link-${row.id}`}>
          {row.title}
        </Link>
      ),
    },
    { title: h.unit, key: 'unit', width: 130, render: (_, row) => row.unit.name },
    {
      title: h.riskLevel,
      key: 'risk',
      width: 90,
      render: (_, row) => <Tag color={RISK_COLORS[row.riskLevel]}>{p.riskLevels[row.riskLevel]}</Tag>,
    },
    {
      title: h.state,
      key: 'state',
      width: 100,
      render: (_, row) => <Tag color={STATE_COLORS[row.state]}>{p.states[row.state]}</Tag>,
    },
    {
      title: h.leadLeader,
      key: 'lead',
      width: 100,
      responsive: ['md'],
      render: (_, row) => row.leadLeader?.name ?? t.common.none,
    },
    { title: h.dueDate, key: 'due', width: 110, responsive: ['md'], render: (_, row) => row.dueDate ?? t.common.none },
  ];

  return (
    <Card title={p.ledger}>
      <Flex vertical gap={12}>
        <Segmented<Filter>
          value={state}
          options={(['all', ...HAZARD_STATES] as const).map((value) => ({
            value,
            label: value === 'all' ? p.all : p.states[value],
          }))}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            next.set('state', value);
            next.set('page', '1');
            setParams(next);
          }}
          data-testid="hazard-filter"
        />
        <RecordFilters filter={filter} onChange={setFilter} extra={HAZARD_FILTERS} />
        {hazards.error !== null && <Alert type="error" showIcon title={errorText(t, hazards.error, locale)} />}
        <DataTable<HazardSummary>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={hazards.data?.items ?? []}
          loading={hazards.loading}
          cardTitleKey="title"
          locale={{ emptyText: h.none }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: hazards.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (next) => {
              const out = new URLSearchParams(params);
              out.set('page', String(next));
              setParams(out);
            },
          }}
          data-testid="hazard-table"
        />
      </Flex>
    </Card>
  );
}
