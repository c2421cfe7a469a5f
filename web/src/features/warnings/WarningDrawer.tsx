import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import type { WarningDetailView } from '../../../../common/schemas/warning.ts';
import { acknowledgeWarning, analyseWarning, closeWarning, getWarning } from '../../api/warning.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { enterMovesOn } from '../../components/enter-moves-on.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { useReach } from '../../app/session-context.ts';
import { ActivatePlanModal } from '../emergency/ActivatePlanModal.tsx';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';
import { RiskTag } from './RiskTag.tsx';
import { LEVEL_COLORS, reasonText } from './warning-text.ts';

type AnalysisValues = { judgement: string; measures: string; responsible: string; dueDate: Dayjs };
const ANALYSIS_FIELDS = ['judgement', 'measures', 'responsible', 'dueDate'] as const;

/** One warning: why it fired, the cases behind it, what was judged and decided (研判). */
export function WarningDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useT();
  const w = t.warnings;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => (id === null ? Promise.resolve(null) : getWarning(id)), [id]);
  const loaded = useLoader(load);
  const [replaced, setReplaced] = useState<WarningDetailView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<AnalysisValues>();
  const detail = replaced !== null && replaced.id === id ? replaced : loaded.data;
  // 应急处置: a leader starts a contingency plan from the warning (a red one above all).
  const canActivate = useReach('emergency.activate') !== 'none';
  const [activating, setActivating] = useState(false);

  const run = async (action: () => Promise<WarningDetailView>) => {
    setBusy(true);
    setError(null);
    try {
      setReplaced(await action());
      form.resetFields();
      onChanged();
      void message.success(t.common.saved);
    } catch (caught) {
      if (!applyFieldIssues(form, caught, ANALYSIS_FIELDS)) setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const caseColumns: TableColumnsType<PetitionSummaryView> = [
    { key: 'case', render: (_, row) => <Link to={petitionPath(row.id)}>{row.caseNumber}</Link>, width: 140 },
    { key: 'title', render: (_, row) => row.title },
    { key: 'state', width: 100, render: (_, row) => <PetitionStateTag state={row.state} /> },
    { key: 'risk', width: 90, render: (_, row) => <RiskTag risk={row.risk} /> },
  ];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={Math.min(720, window.innerWidth)}
      title={detail?.title}
      destroyOnHidden
      data-testid="warning-drawer"
    >
      {detail === undefined || detail === null ? (
        loaded.error !== null ? (
          <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />
        ) : null
      ) : (
        <Flex vertical gap={16}>
          <Space wrap>
            <Tag color={LEVEL_COLORS[detail.level]}>{w.levels[detail.level]}</Tag>
            <Tag>{w.kinds[detail.kind]}</Tag>
            <Tag>{w.statuses[detail.status]}</Tag>
            {detail.escalationLevel > 0 && (
              <Tag color="red">{format(w.escalated, { level: detail.escalationLevel })}</Tag>
            )}
            <Typography.Text type="secondary">{detail.unitName}</Typography.Text>
          </Space>
          {canActivate && detail.status !== 'closed' && (
            <div>
              <Button
                danger={detail.level === 'red'}
                type={detail.level === 'red' ? 'primary' : 'default'}
                onClick={() => setActivating(true)}
                data-testid="warning-activate-plan"
              >
                {t.emergency.activate}
              </Button>
              <ActivatePlanModal
                open={activating}
                onClose={() => setActivating(false)}
                source={{ kind: 'warning', id: detail.id }}
                level={detail.level}
              />
            </div>
          )}
          <div>
            <Typography.Title level={5}>{w.reasons}</Typography.Title>
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="warning-reasons">
              {detail.reasons.map((r, i) => (
                <li key={i}>{reasonText(t, r)}</li>
              ))}
            </ul>
          </div>
          {detail.acknowledgedByName !== null && detail.acknowledgedAt !== null && (
            <Typography.Text type="secondary">
              {format(w.acknowledgedBy, {
                name: detail.acknowledgedByName,
                date: formatDateTime(detail.acknowledgedAt, locale),
              })}
            </Typography.Text>
          )}
          <div>
            <Typography.Title level={5}>{format(w.casesCount, { n: detail.petitionCount })}</Typography.Title>
            <DataTable<PetitionSummaryView>
              rowKey="id"
              size="small"
              showHeader={false}
              columns={caseColumns}
              cardTitleKey="title"
              dataSource={detail.petitions}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 480 }}
            />
          </div>
          <div>
            <Typography.Title level={5}>{w.analyses}</Typography.Title>
            {detail.analyses.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w.noAnalyses} />
            ) : (
              <Timeline
                items={detail.analyses.map((a) => ({
                  key: a.id,
                  content: (
                    <Flex vertical gap={2}>
                      <Typography.Text type="secondary">
                        {format(w.analysisBy, { name: a.authorName, date: formatDateTime(a.createdAt, locale) })}
                      </Typography.Text>
                      <Typography.Text>
                        {format(w.analysisLine, { label: w.judgement, text: a.judgement })}
                      </Typography.Text>
                      <Typography.Text>
                        {format(w.analysisLine, { label: w.measures, text: a.measures })}
                      </Typography.Text>
                      <Typography.Text>
                        {format(w.analysisLine, { label: w.responsible, text: a.responsible })}
                      </Typography.Text>
                      <Typography.Text>{format(w.analysisLine, { label: w.dueDate, text: a.dueDate })}</Typography.Text>
                    </Flex>
                  ),
                }))}
              />
            )}
          </div>
          {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
          {detail.actions.includes('analyse') && (
            <Form<AnalysisValues>
              form={form}
              layout="vertical"
              // Enter that confirms the typed 完成时限 (or any one-line field) moves on: it used to submit
              // the form at once, and the 研判 click that followed met the emptied form with 必填 everywhere.
              onKeyDown={enterMovesOn}
              onFinish={(values) =>
                void run(() =>
                  analyseWarning(detail.id, {
                    judgement: values.judgement,
                    measures: values.measures,
                    responsible: values.responsible,
                    dueDate: values.dueDate.format('YYYY-MM-DD'),
                  }),
                )
              }
            >
              <Form.Item name="judgement" label={w.judgement} rules={[{ required: true, message: t.common.required }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="analysis-judgement" />
              </Form.Item>
              <Form.Item name="measures" label={w.measures} rules={[{ required: true, message: t.common.required }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="analysis-measures" />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item
                  name="responsible"
                  label={w.responsible}
                  rules={[{ required: true, message: t.common.required }]}
                >
                  <Input maxLength={100} data-testid="analysis-responsible" />
                </Form.Item>
                <Form.Item name="dueDate" label={w.dueDate} rules={[{ required: true, message: t.common.required }]}>
                  <DatePicker data-testid="analysis-due" />
                </Form.Item>
              </Space>
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="analysis-submit">
                  {w.analyse}
                </Button>
                {detail.actions.includes('acknowledge') && (
                  <Button
                    loading={busy}
                    onClick={() => void run(() => acknowledgeWarning(detail.id))}
                    data-testid="warning-acknowledge"
                  >
                    {w.acknowledge}
                  </Button>
                )}
                {detail.actions.includes('close') && (
                  <Button
                    danger
                    loading={busy}
                    onClick={() => void run(() => closeWarning(detail.id))}
                    data-testid="warning-close"
                  >
                    {w.close}
                  </Button>
                )}
              </Space>
            </Form>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
