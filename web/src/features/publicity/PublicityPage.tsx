import { useCallback, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { localDateOf } from '../../../../common/domain/calendar.ts';
import { PUBLICITY_KINDS, type PublicityKind, type PublicityView } from '../../../../common/schemas/publicity.ts';
import { listCategories } from '../../api/category.ts';
import { listPublicity, recordPublicity } from '../../api/publicity.ts';
import { listUnits } from '../../api/unit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { UnitsTreeSelect } from '../consultation/UnitsTreeSelect.tsx';

type Values = {
  kind: PublicityKind;
  title: string;
  summary: string;
  heldOn: string;
  unitIds: string[];
  peopleReached: number;
  categoryCodes: string[];
  published: boolean;
  knowledgeRef?: string;
};
const FIELDS = [
  'kind',
  'title',
  'summary',
  'heldOn',
  'unitIds',
  'peopleReached',
  'categoryCodes',
  'published',
  'knowledgeRef',
] as const;

/** 宣传教育: the activities held (法治宣传进区队, 典型案例, 政策解读), their reach and topics. */
export function PublicityPage() {
  const t = useT();
  const p = t.publicity;
  const { locale } = useLocale();
  const [version, setVersion] = useState(0);
  // A new activity reloads the list (the version is the reload's only input).
  const load = useCallback(() => listPublicity().then((v) => (version >= 0 ? v : v)), [version]);
  const list = useLoader(load);
  const [creating, setCreating] = useState(false);
  const loadRefs = useCallback(
    () =>
      creating
        ? Promise.all([listUnits(false), listCategories()]).then(([units, categories]) => ({ units, categories }))
        : Promise.resolve(undefined),
    [creating],
  );
  const refs = useLoader(loadRefs);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<PublicityView> = [
    { title: p.heldOn, key: 'heldOn', dataIndex: 'heldOn', width: 110 },
    { title: p.kind, key: 'kind', render: (_, row) => <Tag>{p.kinds[row.kind]}</Tag> },
    { title: p.activityTitle, key: 'title', dataIndex: 'title' },
    { title: p.organiser, key: 'unit', dataIndex: 'unitName' },
    { title: p.unitsReached, key: 'units', render: (_, row) => row.units.map((u) => u.name).join('、') },
    { title: p.peopleReached, key: 'people', dataIndex: 'peopleReached', width: 100 },
    { title: p.topics, key: 'topics', render: (_, row) => row.categories.map((c) => c.name).join('、') },
    { title: p.published, key: 'published', render: (_, row) => (row.published ? p.yes : p.no), width: 90 },
  ];

  const categoryOptions = (refs.data?.categories.categories ?? [])
    .filter((c) => c.selectable)
    .map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));

  return (
    <Card
      title={p.title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="publicity-create">
          {p.create}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {p.description}
        </Typography.Paragraph>
        {list.error !== null && <Alert type="error" showIcon title={errorText(t, list.error, locale)} />}
        <DataTable<PublicityView>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          locale={{ emptyText: p.none }}
          pagination={false}
          data-testid="publicity-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={p.create}
        form={form}
        fieldNames={FIELDS}
        initialValues={{
          kind: 'law_to_teams',
          heldOn: localDateOf(new Date().toISOString()),
          unitIds: [],
          categoryCodes: [],
          peopleReached: 0,
          published: true,
        }}
        okTestId="publicity-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const { knowledgeRef, ...rest } = values;
          await recordPublicity({
            ...rest,
            ...(knowledgeRef === undefined || knowledgeRef.trim() === '' ? {} : { knowledgeRef }),
          });
          setCreating(false);
          setVersion((v) => v + 1);
        }}
      >
        <Form.Item name="kind" label={p.kind} rules={[{ required: true, message: t.common.required }]}>
          <Select options={PUBLICITY_KINDS.map((value) => ({ value, label: p.kinds[value] }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={p.activityTitle}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="publicity-title" />
        </Form.Item>
        <Form.Item
          name="summary"
          label={p.summary}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea rows={4} maxLength={20000} data-testid="publicity-summary" />
        </Form.Item>
        <Form.Item name="heldOn" label={p.heldOn} rules={[{ required: true, message: t.common.required }]}>
          <Input type="date" data-testid="publicity-held-on" />
        </Form.Item>
        <Form.Item name="unitIds" label={p.unitsReached} rules={[{ required: true, message: t.common.required }]}>
          <UnitsTreeSelect units={refs.data?.units ?? []} data-testid="publicity-units" />
        </Form.Item>
        <Form.Item
          name="peopleReached"
          label={p.peopleReached}
          rules={[{ required: true, message: t.common.required }]}
        >
          <InputNumber min={0} max={1_000_000} data-testid="publicity-people" />
        </Form.Item>
        <Form.Item name="categoryCodes" label={p.topics} rules={[{ required: true, message: t.common.required }]}>
          <Select
            mode="multiple"
            options={categoryOptions}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="publicity-topics"
          />
        </Form.Item>
        <Form.Item name="published" label={p.published} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="knowledgeRef" label={p.knowledgeRef}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
