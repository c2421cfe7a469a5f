import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { DAILY_REPORT_ITEM_KINDS, type DailyReportItemKind } from '../../../../common/domain/daily-report.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { DailyReportInput, DailyReportView } from '../../../../common/schemas/daily-report.ts';
import { ApiError } from '../../api/client.ts';
import { fetchReportDay, submitDailyReport } from '../../api/daily-report.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { forgetReport, keepReport, keptReports } from './report-outbox.ts';
import { newReportKey } from './report-key.ts';

type ItemValues = { kind: DailyReportItemKind; text: string; headcount: number };
type Outcome = { kind: 'saved' } | { kind: 'sent'; report: DailyReportView } | { kind: 'refused'; reason: string };

/** While a report waits on the phone, try again this often (besides the `online` event and each open). */
const RETRY_MS = 15_000;

/**
 * 日报告 on the phone (390 px first): a nil report is one tap and a confirm; items are a short list.
 * Whatever is filed goes first into the phone's outbox (IndexedDB) with its report key, then to the
 * server; without network it stays there ("已保存，联网后自动上报") and is sent when the network
 * returns (the `online` event, every 15 s, and the next time the page opens) — the same key every
 * time, so the server keeps one report.
 */
export function DailyReportPage() {
  const t = useT();
  const r = t.report;
  const { locale } = useLocale();
  const { modal } = App.useApp();
  const day = useLoader(fetchReportDay);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<{ items: ItemValues[] }>();
  const flushing = useRef(false);

  /** Send every kept report; stop at the first network failure (the rest wait with it). */
  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const entry of await keptReports()) {
        if (entry.refused !== null) continue;
        try {
          const report = await submitDailyReport(entry.input);
          await forgetReport(entry.input.reportKey);
          setOutcome({ kind: 'sent', report });
        } catch (error) {
          if (error instanceof ApiError && error.network) {
            setOutcome({ kind: 'saved' });
            return;
          }
          const reason = errorText(t, error, locale);
          await keepReport({ ...entry, refused: reason });
          setOutcome({ kind: 'refused', reason });
        }
      }
    } finally {
      flushing.current = false;
    }
  }, [t, locale]);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = window.setInterval(online, RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      window.clearInterval(timer);
    };
  }, [flush]);

  const file = async (input: Omit<DailyReportInput, 'reportKey'>) => {
    setSending(true);
    try {
      // Kept on the phone before anything is sent: a report is never lost between the tap and the answer.
      await keepReport({
        input: { ...input, reportKey: newReportKey() },
        savedAt: new Date().toISOString(),
        refused: null,
      });
      setOutcome({ kind: 'saved' });
      await flush();
    } finally {
      setSending(false);
    }
  };

  const view = day.data;
  if ((day.error ?? null) !== null && view === undefined) {
    return <Alert type="warning" showIcon title={errorText(t, day.error, locale)} />;
  }
  if (view === undefined) return <Card loading />;

  const sent = outcome?.kind === 'sent' ? outcome.report : view.report;
  const date = view.reportDate;

  const confirmNil = () => {
    if (date === null) return;
    modal.confirm({
      title: r.nilConfirm,
      content: format(r.nilConfirmBody, { unit: view.unitName, date }),
      okText: t.common.confirm,
      cancelText: t.common.cancel,
      okButtonProps: { 'data-testid': 'report-nil-confirm' },
      onOk: () => file({ reportDate: date, nil: true, items: [] }),
    });
  };

  const submitItems = async () => {
    if (date === null) return;
    const values = await form.validateFields();
    await file({ reportDate: date, nil: false, items: values.items });
    form.resetFields();
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 560, margin: '0 auto' }} data-testid="daily-report-page">
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {view.unitName}
        </Typography.Title>
        <Typography.Text type="secondary">
          {date === null ? r.noDay : `${format(r.day, { date })} · ${format(r.cutoff, { cutoff: view.cutoff })}`}
        </Typography.Text>
      </Card>

      {outcome?.kind === 'saved' && (
        <Alert type="info" showIcon icon={<CloudUploadOutlined />} title={r.saved} data-testid="report-saved" />
      )}
      {outcome?.kind === 'refused' && (
        <Alert
          type="error"
          showIcon
          title={format(r.refused, { reason: outcome.reason })}
          data-testid="report-refused"
        />
      )}
      {!view.reportingUnit && <Alert type="info" showIcon title={r.notReporting} />}

      {sent !== null && outcome?.kind !== 'saved' ? (
        <Card size="small" data-testid="report-sent">
          <Flex vertical gap={8}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              <CheckCircleOutlined style={{ color: '#389e0d' }} />{' '}
              {format(r.sentAt, { time: formatDateTime(sent.submittedAt, locale) })}
            </Typography.Text>
            <Flex gap={4} wrap>
              {sent.nil && <Tag color="green">{r.nil}</Tag>}
              {sent.late && <Tag color="orange">{r.late}</Tag>}
            </Flex>
            {sent.items.map((item) => (
              <Typography.Text key={item.id}>
                <Tag>{r.kinds[item.kind]}</Tag>
                {item.text ?? r.restricted}（{item.headcount}）
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      ) : (
        date !== null &&
        view.reportingUnit &&
        outcome?.kind !== 'saved' && (
          <>
            <Button
              type="primary"
              size="large"
              block
              style={{ height: 64, fontSize: 18 }}
              loading={sending}
              onClick={confirmNil}
              data-testid="report-nil"
            >
              {r.nilButton}
            </Button>
            <Card size="small" title={r.itemsTitle}>
              <Form form={form} layout="vertical" initialValues={{ items: [] }}>
                <Form.List name="items">
                  {(fields, { add, remove }) => (
                    <Flex vertical gap={8}>
                      {fields.map((field) => (
                        <Card key={field.key} size="small" type="inner">
                          <Form.Item name={[field.name, 'kind']} label={r.kind} rules={[{ required: true }]}>
                            <Select options={DAILY_REPORT_ITEM_KINDS.map((k) => ({ value: k, label: r.kinds[k] }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'text']} label={r.text} rules={[{ required: true, min: 2 }]}>
                            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                          </Form.Item>
                          <Flex justify="space-between" align="end">
                            <Form.Item name={[field.name, 'headcount']} label={r.headcount} initialValue={1}>
                              <InputNumber min={1} max={10_000} />
                            </Form.Item>
                            <Button danger type="link" onClick={() => remove(field.name)}>
                              {r.removeItem}
                            </Button>
                          </Flex>
                        </Card>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'concern', headcount: 1 })} block>
                        {r.addItem}
                      </Button>
                      {fields.length > 0 && (
                        <Button type="primary" block loading={sending} onClick={() => void submitItems()}>
                          {r.submitItems}
                        </Button>
                      )}
                    </Flex>
                  )}
                </Form.List>
              </Form>
            </Card>
          </>
        )
      )}
    </Flex>
  );
}
