import { useCallback } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import type { UnitDayStatus } from '../../../../common/domain/daily-report.ts';
import type { MorningView } from '../../../../common/schemas/daily-report.ts';
import { fetchMorningView } from '../../api/daily-report.ts';
import { ItemActions } from './ItemActions.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Group = MorningView['groups'][number];
type UnitRow = MorningView['units'][number];

const STATUS_COLORS: Record<UnitDayStatus, string> = {
  on_time: 'green',
  late: 'orange',
  pending: 'default',
  missing: 'red',
};

/**
 * 晨报: a report day (by default the last working day) by mine — due, on time, late, nil, missing —
 * with the items that came up; a mine opens unit by unit. Date and mine are in the address. On a
 * phone the tables scroll sideways; the figures stay in one row per mine.
 */
export function MorningReportPage() {
  const t = useT();
  const m = t.report.morning;
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const unitId = params.get('unit') ?? undefined;
  const load = useCallback(() => fetchMorningView({ date, unitId }), [date, unitId]);
  const view = useLoader(load);

  const go = (next: { date?: string | undefined; unit?: string | undefined }) => {
    const out = new URLSearchParams();
    const d = 'date' in next ? next.date : date;
    const u = 'unit' in next ? next.unit : unitId;
    if (d !== undefined) out.set('date', d);
    if (u !== undefined) out.set('unit', u);
    setParams(out);
  };

  const count = (key: keyof Omit<Group, 'unitId' | 'unitName'>, title: string, danger = false) => ({
    key,
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (value: number) => (danger && value > 0 ? <Typography.Text type="danger">{value}</Typography.Text> : value),
  });
  const groupColumns: TableColumnsType<Group> = [
    {
      key: 'unit',
      title: m.unit,
      render: (_, row) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => go({ unit: row.unitId })} data-testid="morning-drill">
          {row.unitName}
        </Button>
      ),
    },
    count('due', m.due),
    count('onTime', m.onTime),
    count('late', m.late),
    count('nil', m.nil),
    count('missing', m.missing, true),
    count('pending', m.pending),
    count('items', m.items),
  ];
  const unitColumns: TableColumnsType<UnitRow> = [
    { key: 'unit', title: m.unit, dataIndex: 'unitName' },
    {
      key: 'status',
      title: m.submittedAt,
      render: (_, row) => (
        <Flex gap={4} wrap>
          <Tag color={STATUS_COLORS[row.status]}>{m.status[row.status]}</Tag>
          {row.nil && <Tag>{m.nil}</Tag>}
          {row.submittedAt !== null && (
            <Typography.Text type="secondary">{formatDateTime(row.submittedAt, locale)}</Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'items', title: m.items, dataIndex: 'itemCount', align: 'right' },
  ];

  const data = view.data;
  return (
    <Flex vertical gap={12} data-testid="morning-page">
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.title}
        </Typography.Title>
        <DatePicker
          allowClear={false}
          value={data === undefined ? null : dayjs(data.date)}
          onChange={(value) => go({ date: value?.format('YYYY-MM-DD') })}
          aria-label={m.date}
        />
        {unitId !== undefined && <Button onClick={() => go({ unit: undefined })}>{m.back}</Button>}
      </Flex>
      {(view.error ?? null) !== null && <Alert type="error" showIcon title={errorText(t, view.error, locale)} />}
      {data !== undefined && (
        <>
          <Typography.Text type="secondary" data-testid="morning-state">
            {data.unit.name} · {data.date} · {!data.workingDay ? m.notWorkingDay : data.closed ? m.closed : m.open}
          </Typography.Text>
          <Flex gap={8} wrap data-testid="morning-totals">
            {(['due', 'onTime', 'late', 'nil', 'missing', 'items'] as const).map((key) => (
              <Card key={key} size="small" style={{ minWidth: 88 }}>
                <Typography.Text type="secondary">{m[key]}</Typography.Text>
                <Typography.Title
                  level={3}
                  style={{ margin: 0 }}
                  {...(key === 'missing' && data.totals.missing > 0 ? { type: 'danger' as const } : {})}
                >
                  {data.totals[key]}
                </Typography.Title>
              </Card>
            ))}
          </Flex>
          {unitId === undefined ? (
            <Table<Group>
              size="small"
              rowKey="unitId"
              columns={groupColumns}
              dataSource={data.groups}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="morning-groups"
            />
          ) : (
            <Table<UnitRow>
              size="small"
              rowKey="unitId"
              title={() => m.unitsTitle}
              columns={unitColumns}
              dataSource={data.units}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="morning-units"
            />
          )}
          <Card size="small" title={m.itemsTitle} data-testid="morning-items">
            {data.items.length === 0 ? (
              <Typography.Text type="secondary">{m.noItems}</Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {data.items.map((item) => (
                  <Flex key={item.id} gap={8} wrap align="baseline">
                    <Tag color={item.kind === 'hazard' ? 'volcano' : item.kind === 'difficulty' ? 'purple' : 'blue'}>
                      {t.report.kinds[item.kind]}
                    </Tag>
                    <Typography.Text strong>{item.unitName}</Typography.Text>
                    <Typography.Text {...(item.restricted ? { type: 'secondary' as const } : {})}>
                      {item.text ?? t.report.restricted}（{item.headcount}）
                    </Typography.Text>
                    <ItemActions item={item} onChanged={view.reload} />
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </>
      )}
    </Flex>
  );
}
