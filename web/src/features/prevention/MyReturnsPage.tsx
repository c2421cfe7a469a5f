import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { CheckOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import type { ReturnView } from '../../../../common/schemas/prevention.ts';
import { answerCampaign, listReturns, myReturns } from '../../api/prevention.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { HazardModal } from './HazardModal.tsx';

/** screening.answeredOnTime's own filter: answered by the cut-off. */
const RETURN_FILTERS = ['onTime'] as const;

/**
 * 排查报送, phone-first (390×844 at the pit head): the unit's campaign returns, pending first. 无隐患
 * is one tap; a hazard found opens a one-column form. Each return is answered once. With `scope`, the
 * returns of the reader's scope instead, filtered by unit, period and on time from the address
 * (screening.answeredOnTime's drill-down); those are read, not answered, here.
 */
export function MyReturnsPage({ scope = false }: { scope?: boolean }) {
  const t = useT();
  const p = t.prevention;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [filter, setFilter] = useRecordFilter(RETURN_FILTERS);
  const returns = useLoader(useCallback(() => (scope ? listReturns(filter) : myReturns()), [scope, filter]));
  const [reporting, setReporting] = useState<ReturnView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const answerNil = async (row: ReturnView) => {
    setBusy(row.id);
    try {
      await answerCampaign(row.campaignId, { nil: true });
      void message.success(p.nilDone);
      returns.reload();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {scope ? p.scopeReturns : p.myReturns}
      </Typography.Title>
      {scope && <RecordFilters filter={filter} onChange={setFilter} extra={RETURN_FILTERS} />}
      {returns.error !== null && <Alert type="error" showIcon title={errorText(t, returns.error, locale)} />}
      {returns.data?.items.length === 0 && <Empty description={p.noReturns} />}
      {(returns.data?.items ?? []).map((row) => (
        <Card key={row.id} size="small" data-testid={`return-card-${row.campaignId}`}>
          <Flex vertical gap={8}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {row.topic}
            </Typography.Text>
            <Flex gap={4} wrap>
              <Tag
                color={
                  row.status === 'pending' ? (row.overdue ? 'red' : 'blue') : row.status === 'nil' ? 'green' : 'orange'
                }
              >
                {row.status === 'pending' && row.overdue ? p.overdue : p.status[row.status]}
              </Tag>
              <Typography.Text type="secondary">
                {p.dueDate} {row.dueDate}
              </Typography.Text>
            </Flex>
            {row.answeredAt !== null && (
              <Typography.Text type="secondary" data-testid={`return-answered-${row.campaignId}`}>
                {row.status === 'nil' ? p.nilDone : format(p.hazardDone, { count: row.hazardCount })} ·{' '}
                {format(p.answeredAt, { name: row.answeredByName ?? '', time: formatDateTime(row.answeredAt, locale) })}
              </Typography.Text>
            )}
            {row.canAnswer && !scope && (
              <Flex gap={8} vertical>
                <Button
                  type="primary"
                  size="large"
                  block
                  icon={<CheckOutlined />}
                  loading={busy === row.id}
                  onClick={() => void answerNil(row)}
                  data-testid={`return-nil-${row.campaignId}`}
                >
                  {p.answerNil}
                </Button>
                <Button
                  size="large"
                  block
                  danger
                  icon={<ExclamationCircleOutlined />}
                  onClick={() => setReporting(row)}
                  data-testid={`return-hazard-${row.campaignId}`}
                >
                  {p.reportHazard}
                </Button>
              </Flex>
            )}
          </Flex>
        </Card>
      ))}
      <HazardModal
        open={reporting !== null}
        title={p.reportHazard}
        onClose={() => setReporting(null)}
        onSubmit={async (hazard) => {
          if (reporting === null) return;
          await answerCampaign(reporting.campaignId, { nil: false, hazards: [hazard] });
          setReporting(null);
          void message.success(format(p.hazardDone, { count: 1 }));
          returns.reload();
        }}
      />
    </Flex>
  );
}
