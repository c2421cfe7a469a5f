import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Flex, Grid, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { CallbackStatus, CallRecordView } from '../../../../common/schemas/call-record.ts';
import { listCalls } from '../../api/call-record.ts';
import { petitionPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { CellText } from '../../components/CellText.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { durationText } from './call-format.ts';
import { CallbackModal } from './CallbackModal.tsx';
import { CallerNumber } from './CallerNumber.tsx';
import { CallRecordModal } from './CallRecordModal.tsx';
import { CallToPetitionModal } from './CallToPetitionModal.tsx';

const FILTERS = ['pending', 'overdue', 'done', 'none', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 20;

const STATUS_COLORS: Record<CallbackStatus, string> = {
  none: 'default',
  pending: 'processing',
  overdue: 'error',
  done: 'success',
};

function filterOf(value: string | null): Filter {
  return (FILTERS as readonly string[]).includes(value ?? '') ? (value as Filter) : 'pending';
}

/**
 * 来电登记: the calls taken in the viewer's scope, by default the call-backs due (overdue in red),
 * soonest first — the list the office works through; record a call as the phone rings, record the
 * call-back, show a number to ring back (audited), turn a call into a petition. The filter and the
 * page are in the address.
 */
export function CallRecordsPage() {
  const t = useT();
  const c = t.intake.call;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canRecord = useReach('petition.register') !== 'none';
  const narrow = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params.get('callback'));
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const load = useCallback(() => listCalls({ callback: filter, page, pageSize: PAGE_SIZE }), [filter, page]);
  const calls = useLoader(load);
  const [recording, setRecording] = useState(false);
  const [callingBack, setCallingBack] = useState<CallRecordView | null>(null);
  const [converting, setConverting] = useState<CallRecordView | null>(null);

  const columns: TableColumnsType<CallRecordView> = [
    {
      title: c.calledAt,
      key: 'calledAt',
      width: 150,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.calledAt, locale)}</span>,
    },
    {
      title: c.callerName,
      key: 'caller',
      width: 150,
      render: (_, row) => (
        <Flex vertical gap={0}>
          <Typography.Text>{row.callerName ?? t.common.none}</Typography.Text>
          <CallerNumber call={row} />
        </Flex>
      ),
    },
    {
      title: c.duration,
      key: 'duration',
      width: 96,
      responsive: ['xl'],
      render: (_, row) => durationText(t, row.durationSeconds),
    },
    { title: c.summary, key: 'summary', render: (_, row) => <CellText text={row.summary} /> },
    {
      title: c.callbackDueAt,
      key: 'callback',
      width: 190,
      render: (_, row) => (
        <Flex vertical gap={4} align="start">
          <Tag color={STATUS_COLORS[row.callback.status]} data-testid={`call-status-${row.id}`}>
            {c.status[row.callback.status]}
          </Tag>
          {row.callback.status === 'done' && row.callback.doneAt !== null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format(c.doneBy, { name: row.callback.byName ?? '', time: formatDateTime(row.callback.doneAt, locale) })}
            </Typography.Text>
          ) : (
            row.callback.dueAt !== null && (
              <Typography.Text
                type={row.callback.status === 'overdue' ? 'danger' : 'secondary'}
                style={{ fontSize: 12 }}
              >
                {format(c.dueBy, { time: formatDateTime(row.callback.dueAt, locale) })}
              </Typography.Text>
            )
          )}
          {row.actions.includes('callback') && (
            <Button size="small" onClick={() => setCallingBack(row)} data-testid={`call-callback-${row.id}`}>
              {c.callback}
            </Button>
          )}
        </Flex>
      ),
    },
    {
      title: c.petition,
      key: 'petition',
      width: 128,
      render: (_, row) =>
        row.petition !== null ? (
          <Link to={petitionPath(row.petition.id)} data-testid={`call-case-${row.id}`}>
            {row.petition.caseNumber}
          </Link>
        ) : row.actions.includes('petition') ? (
          <Button size="small" onClick={() => setConverting(row)} data-testid={`call-to-petition-${row.id}`}>
            {c.toPetition}
          </Button>
        ) : (
          t.common.none
        ),
    },
  ];

  const total = calls.data?.total;
  const setQuery = (next: { callback?: Filter; page?: number }) =>
    setParams({ callback: next.callback ?? filter, page: String(next.page ?? 1) });

  return (
    <Card
      title={
        <Flex gap={12} align="baseline" wrap>
          {c.title}
          {total !== undefined && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="call-total">
              {format(c.total, { total })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        canRecord && (
          <Button type="primary" icon={<PhoneOutlined />} onClick={() => setRecording(true)} data-testid="call-record">
            {narrow ? null : c.record}
          </Button>
        )
      }
      styles={{ body: { padding: narrow ? 12 : 16 } }}
    >
      <Flex vertical gap={12}>
        <Segmented<Filter>
          value={filter}
          options={FILTERS.map((value) => ({ value, label: c.filters[value] }))}
          onChange={(value) => setQuery({ callback: value })}
          data-testid="call-filter"
        />
        {calls.error !== null && <Alert type="error" showIcon title={errorText(t, calls.error, locale)} />}
        <DataTable<CallRecordView>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={calls.data?.items ?? []}
          loading={calls.loading}
          cardTitleKey="calledAt"
          locale={{ emptyText: c.empty }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: total ?? 0,
            showSizeChanger: false,
            onChange: (next) => setQuery({ page: next }),
          }}
          data-testid="call-table"
        />
      </Flex>
      <CallRecordModal
        open={recording}
        onClose={() => setRecording(false)}
        onRecorded={() => {
          setRecording(false);
          void message.success(t.common.saved);
          calls.reload();
        }}
      />
      <CallbackModal
        call={callingBack}
        onClose={() => setCallingBack(null)}
        onDone={() => {
          setCallingBack(null);
          void message.success(t.common.saved);
          calls.reload();
        }}
      />
      <CallToPetitionModal call={converting} onClose={() => setConverting(null)} onDone={() => calls.reload()} />
    </Card>
  );
}
