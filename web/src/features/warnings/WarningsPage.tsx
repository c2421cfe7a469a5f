import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Badge, Card, Col, Flex, Row, Segmented, Statistic, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { format } from '../../../../common/i18n/index.ts';
import { WARNING_LEVELS, type WarningSummaryView } from '../../../../common/schemas/warning.ts';
import { listSensitivePeriods, listWarnings } from '../../api/warning.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { WarningDrawer } from './WarningDrawer.tsx';
import { HotspotsCard } from '../text/HotspotsCard.tsx';
import { LEVEL_COLORS, reasonText } from './warning-text.ts';

type LevelFilter = (typeof WARNING_LEVELS)[number] | 'all';

/** 预警研判: warnings in the user's scope, red first; a row opens its reasons, cases and analyses. */
export function WarningsPage() {
  const t = useT();
  const w = t.warnings;
  const { locale } = useLocale();
  const [status, setStatus] = useState<'active' | 'closed'>('active');
  const [level, setLevel] = useState<LevelFilter>('all');
  // A notification about a warning opens it here (/warnings?open=<id>).
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const setOpenId = (id: string | null) => setParams(id === null ? {} : { open: id });
  const load = useCallback(() => listWarnings({ status, ...(level === 'all' ? {} : { level }) }), [status, level]);
  const warnings = useLoader(load);
  const loadPeriods = useCallback(() => listSensitivePeriods(), []);
  const periods = useLoader(loadPeriods);
  const current = periods.data?.current ?? null;

  const columns: TableColumnsType<WarningSummaryView> = [
    {
      title: w.level,
      key: 'level',
      width: 80,
      render: (_, row) => <Tag color={LEVEL_COLORS[row.level]}>{w.levels[row.level]}</Tag>,
    },
    { title: w.kind, key: 'kind', width: 120, render: (_, row) => w.kinds[row.kind] },
    {
      title: w.subject,
      key: 'title',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => setOpenId(row.id)} data-testid={`warning-${row.kind}`}>
            {row.title}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.reasons
              .slice(0, 2)
              .map((r) => reasonText(t, r))
              .join('；')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: w.unit, key: 'unit', width: 130, render: (_, row) => row.unitName },
    { title: w.cases, key: 'cases', width: 90, render: (_, row) => row.petitionCount },
    {
      title: w.status,
      key: 'status',
      width: 130,
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Badge
            status={row.status === 'open' ? 'error' : row.status === 'closed' ? 'default' : 'processing'}
            text={w.statuses[row.status]}
          />
          {row.escalationLevel > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {format(w.escalated, { level: row.escalationLevel })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: w.updatedAt, key: 'updated', width: 150, render: (_, row) => formatDateTime(row.updatedAt, locale) },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {w.title}
      </Typography.Title>
      {current !== null && (
        <Alert
          type="warning"
          showIcon
          title={format(w.periods.current, { name: current.name, start: current.startDate, end: current.endDate })}
          data-testid="sensitive-period-banner"
        />
      )}
      <Row gutter={[12, 12]}>
        {(['red', 'orange', 'yellow', 'blue'] as const).map((l) => (
          <Col xs={12} md={6} key={l}>
            <Card
              size="small"
              hoverable
              onClick={() => setLevel(level === l ? 'all' : l)}
              style={{ borderColor: level === l ? LEVEL_COLORS[l] : undefined }}
            >
              <Statistic
                title={<Tag color={LEVEL_COLORS[l]}>{w.levels[l]}</Tag>}
                value={warnings.data?.counts[l] ?? 0}
                data-testid={`warning-count-${l}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small">
        <Flex vertical gap={12}>
          <Segmented
            value={status}
            onChange={(value) => setStatus(value === 'closed' ? 'closed' : 'active')}
            options={[
              { value: 'active', label: w.filterActive },
              { value: 'closed', label: w.statuses.closed },
            ]}
          />
          {warnings.error !== null && <Alert type="error" showIcon title={errorText(t, warnings.error, locale)} />}
          <DataTable<WarningSummaryView>
            rowKey="id"
            size="small"
            columns={columns}
            cardTitleKey="title"
            dataSource={warnings.data?.items ?? []}
            loading={warnings.loading}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: w.empty }}
            onRow={(row) => ({ onDoubleClick: () => setOpenId(row.id) })}
          />
        </Flex>
      </Card>
      <HotspotsCard />
      <WarningDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => warnings.reload()} />
    </Flex>
  );
}
