import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import type { Dayjs } from 'dayjs';
import { format } from '../../../../common/i18n/index.ts';
import { SENSITIVE_PERIOD_KINDS, type RiskPolicyView } from '../../../../common/schemas/warning.ts';
import { listCategories } from '../../api/category.ts';
import {
  addSensitivePeriod,
  getRiskPolicy,
  listSensitivePeriods,
  removeSensitivePeriod,
  saveRiskPolicy,
  type SensitivePeriodListView,
} from '../../api/warning.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Period = SensitivePeriodListView['items'][number];
type PeriodValues = {
  name: string;
  kind: (typeof SENSITIVE_PERIOD_KINDS)[number];
  range: [Dayjs, Dayjs];
  note?: string | undefined;
};

/** 预警设置: sensitive periods (thresholds tighten during one) and the risk rules of the enterprise. */
export function WarningSettingsPage() {
  const t = useT();
  const w = t.warnings;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const loadPeriods = useCallback(() => listSensitivePeriods(), []);
  const periods = useLoader(loadPeriods);
  const loadPolicy = useCallback(() => getRiskPolicy(), []);
  const policy = useLoader(loadPolicy);
  const loadCategories = useCallback(() => listCategories(), []);
  const categories = useLoader(loadCategories);
  const categoryName = (code: string) => categories.data?.categories.find((c) => c.code === code)?.name ?? code;
  const [periodForm] = Form.useForm<PeriodValues>();
  const [policyForm] = Form.useForm<RiskPolicyView>();
  const [error, setError] = useState<unknown>(null);
  const [replacedPeriods, setReplacedPeriods] = useState<SensitivePeriodListView | null>(null);
  const periodList = replacedPeriods ?? periods.data;

  useEffect(() => {
    if (policy.data !== undefined) policyForm.setFieldsValue(policy.data);
  }, [policy.data, policyForm]);

  const columns: TableColumnsType<Period> = [
    {
      title: w.periods.name,
      key: 'name',
      render: (_, p) =>
        periodList?.current?.id === p.id ? (
          <Space>
            {p.name}
            <Tag color="orange">●</Tag>
          </Space>
        ) : (
          p.name
        ),
    },
    { title: w.periods.kind, key: 'kind', width: 110, render: (_, p) => w.periods.kinds[p.kind] },
    { title: w.periods.start, key: 'start', width: 120, dataIndex: 'startDate' },
    { title: w.periods.end, key: 'end', width: 120, dataIndex: 'endDate' },
    { title: w.periods.note, key: 'note', render: (_, p) => p.note ?? '' },
    {
      key: 'remove',
      width: 80,
      render: (_, p) => (
        <Popconfirm
          title={w.periods.remove}
          onConfirm={() => void removeSensitivePeriod(p.id).then(setReplacedPeriods, (e: unknown) => setError(e))}
        >
          <Button type="link" danger size="small">
            {w.periods.remove}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {w.settingsTitle}
      </Typography.Title>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      <Card size="small" title={w.periods.title}>
        <Flex vertical gap={12}>
          <Typography.Text type={periodList?.current == null ? 'secondary' : 'warning'}>
            {periodList?.current == null
              ? w.periods.none
              : format(w.periods.current, {
                  name: periodList.current.name,
                  start: periodList.current.startDate,
                  end: periodList.current.endDate,
                })}
          </Typography.Text>
          <DataTable<Period>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={periodList?.items ?? []}
            loading={periods.loading}
            pagination={false}
            scroll={{ x: 640 }}
          />
          <Form<PeriodValues>
            form={periodForm}
            layout="inline"
            onFinish={(values) => {
              setError(null);
              addSensitivePeriod({
                name: values.name,
                kind: values.kind,
                startDate: values.range[0].format('YYYY-MM-DD'),
                endDate: values.range[1].format('YYYY-MM-DD'),
                ...(values.note === undefined || values.note === '' ? {} : { note: values.note }),
              }).then(
                (next) => {
                  setReplacedPeriods(next);
                  periodForm.resetFields();
                  void message.success(t.common.saved);
                },
                (caught: unknown) => {
                  if (!applyFieldIssues(periodForm, caught, ['name', 'kind', 'note'])) setError(caught);
                },
              );
            }}
          >
            <Form.Item name="name" rules={[{ required: true, message: t.common.required }]}>
              <Input placeholder={w.periods.name} maxLength={60} />
            </Form.Item>
            <Form.Item name="kind" initialValue="holiday">
              <Select
                style={{ width: 120 }}
                options={SENSITIVE_PERIOD_KINDS.map((k) => ({ value: k, label: w.periods.kinds[k] }))}
              />
            </Form.Item>
            <Form.Item name="range" rules={[{ required: true, message: t.common.required }]}>
              <DatePicker.RangePicker />
            </Form.Item>
            <Form.Item name="note">
              <Input placeholder={w.periods.note} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {w.periods.add}
            </Button>
          </Form>
        </Flex>
      </Card>
      <Card size="small" title={w.policy.title} loading={policy.loading && policy.data === undefined}>
        <Form<RiskPolicyView>
          form={policyForm}
          layout="vertical"
          onFinish={(values) => {
            setError(null);
            saveRiskPolicy({
              ...values,
              categoryWeights: { ...policy.data?.categoryWeights, ...values.categoryWeights },
            }).then(
              () => void message.success(t.common.saved),
              (caught: unknown) => {
                if (!applyFieldIssues(policyForm, caught, ['threatTerms', 'thresholds', 'sensitiveTightening']))
                  setError(caught);
              },
            );
          }}
        >
          <Form.Item name="threatTerms" label={w.policy.threatTerms} extra={w.policy.threatTermsHelp}>
            <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} />
          </Form.Item>
          <Form.Item label={w.policy.categoryWeights}>
            <Space wrap>
              {Object.keys(policy.data?.categoryWeights ?? {}).map((code) => (
                <Space.Compact key={code}>
                  <Button disabled>{categoryName(code)}</Button>
                  <Form.Item name={['categoryWeights', code]} noStyle>
                    <InputNumber min={0} max={30} style={{ width: 80 }} />
                  </Form.Item>
                </Space.Compact>
              ))}
            </Space>
          </Form.Item>
          <Form.Item label={w.policy.thresholds}>
            <Space wrap>
              {(['blue', 'yellow', 'orange', 'red'] as const).map((level) => (
                <Space.Compact key={level}>
                  <Button disabled>{w.levels[level]}</Button>
                  <Form.Item name={['thresholds', level]} noStyle>
                    <InputNumber min={1} max={100} style={{ width: 80 }} />
                  </Form.Item>
                </Space.Compact>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="sensitiveTightening" label={w.policy.tightening}>
            <InputNumber min={0} max={30} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {w.policy.save}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
