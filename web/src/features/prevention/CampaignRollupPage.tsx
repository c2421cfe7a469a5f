import { useCallback } from 'react';
import { Alert, Button, Card, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CampaignRollupView, ReturnView } from '../../../../common/schemas/prevention.ts';
import { campaignRollup } from '../../api/prevention.ts';
import { campaignPath, SCREENING_PATH } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ReturnCountTags } from './ReturnCountTags.tsx';

type Row = CampaignRollupView['byUnit'][number];

/** 排查汇总: one campaign per unit below the one shown (each over its subtree), drilling down by mine. */
export function CampaignRollupPage() {
  const t = useT();
  const p = t.prevention;
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const unitId = params.get('unit') ?? undefined;
  const load = useCallback(() => campaignRollup(id, unitId), [id, unitId]);
  const rollup = useLoader(load);
  const data = rollup.data;

  const columns: TableColumnsType<Row> = [
    {
      title: p.unit,
      key: 'unit',
      render: (_, row) =>
        row.hasChildren ? (
          <Link to={campaignPath(id, row.unitId)} data-testid={`rollup-drill-${row.unitId}`}>
            {row.unitName}
          </Link>
        ) : (
          row.unitName
        ),
    },
    ...(['total', 'answered', 'answeredOnTime', 'nil', 'withHazards', 'hazards', 'missing'] as const).map((key) => ({
      title: p.counts[key],
      key,
      width: 76,
      render: (_: unknown, row: Row) =>
        key === 'missing' && row.missing > 0 ? (
          <Typography.Text type="danger">{row.missing}</Typography.Text>
        ) : (
          row[key]
        ),
    })),
  ];

  const returnColumns: TableColumnsType<ReturnView> = [
    { title: p.unit, key: 'unit', render: (_, row) => row.unit.name },
    {
      title: t.common.status,
      key: 'status',
      render: (_, row) => (
        <Flex gap={4} wrap data-testid={`return-status-${row.unit.id}`}>
          <Tag
            color={
              row.status === 'pending' ? (row.overdue ? 'red' : 'blue') : row.status === 'nil' ? 'green' : 'orange'
            }
          >
            {row.status === 'pending' && row.overdue ? p.overdue : p.status[row.status]}
          </Tag>
          {row.onTime === false && <Tag color="gold">{p.late}</Tag>}
          {row.chasedAt !== null && row.status === 'pending' && <Tag>{p.chased}</Tag>}
          {row.escalatedAt !== null && row.status === 'pending' && <Tag color="volcano">{p.escalated}</Tag>}
        </Flex>
      ),
    },
    {
      title: p.counts.hazards,
      key: 'hazards',
      width: 80,
      render: (_, row) => row.hazardCount,
    },
    {
      title: p.answeredColumn,
      key: 'answered',
      responsive: ['md'],
      render: (_, row) =>
        row.answeredAt === null
          ? t.common.none
          : `${row.answeredByName ?? ''} ${formatDateTime(row.answeredAt, locale)}`,
    },
  ];

  return (
    <Card
      title={
        <Flex gap={12} align="baseline" wrap>
          {data?.campaign.topic ?? p.rollup}
          {data !== undefined && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {data.unit.name} · {p.dueDate} {data.campaign.dueDate}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Link to={unitId === undefined ? SCREENING_PATH : campaignPath(id)}>
          <Button data-testid="rollup-back">{unitId === undefined ? p.campaigns : p.back}</Button>
        </Link>
      }
    >
      <Flex vertical gap={16}>
        {rollup.error !== null && <Alert type="error" showIcon title={errorText(t, rollup.error, locale)} />}
        {data !== undefined && <ReturnCountTags counts={data.total} testId="rollup-total" />}
        <DataTable<Row>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={data?.byUnit ?? []}
          loading={rollup.loading}
          cardTitleKey="unit"
          pagination={false}
          data-testid="rollup-table"
        />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {p.returnsOfUnit}
        </Typography.Title>
        <DataTable<ReturnView>
          rowKey="id"
          size="small"
          columns={returnColumns}
          dataSource={data?.returns ?? []}
          loading={rollup.loading}
          cardTitleKey="unit"
          pagination={false}
          data-testid="rollup-returns"
        />
      </Flex>
    </Card>
  );
}
