import { useCallback, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { MEDIATION_TOPICS, type MatterListView, type MediationTopic } from '../../../../common/schemas/mediation.ts';
import { createMatter, listMatters } from '../../api/mediation.ts';
import { listOrganisations } from '../../api/partner.ts';
import { mediationMatterPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';

type Row = MatterListView['items'][number];
type Values = { title: string; topic: MediationTopic; locality: string; organisationId?: string };
const FIELDS = ['title', 'topic', 'locality', 'organisationId'] as const;

/** partner.mattersMediated's own filter: agreement signed in the period. */
const MATTER_FILTERS = ['signed'] as const;

/** 企地联调: the matters between the enterprise and the villages around it, each many petitions on one topic. */
export function MattersPage() {
  const t = useT();
  const m = t.mediation;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [filter, setFilter] = useRecordFilter(MATTER_FILTERS);
  const matters = useLoader(useCallback(() => listMatters(filter), [filter]));
  const [creating, setCreating] = useState(false);
  const loadOrgs = useCallback(() => (creating ? listOrganisations() : Promise.resolve(undefined)), [creating]);
  const orgs = useLoader(loadOrgs);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<Row> = [
    {
      title: m.matterTitle,
      key: 'title',
      render: (_, row) => <Link to={mediationMatterPath(row.id)}>{row.title}</Link>,
    },
    { title: m.topic, key: 'topic', render: (_, row) => m.topics[row.topic] },
    { title: m.locality, key: 'locality', dataIndex: 'locality' },
    {
      title: m.state,
      key: 'state',
      render: (_, row) => <Tag color={row.state === 'open' ? 'processing' : 'success'}>{m.states[row.state]}</Tag>,
    },
    { title: m.petitionCount, key: 'petitionCount', dataIndex: 'petitionCount', width: 96 },
    { title: m.obligationsOpen, key: 'obligationsOpen', dataIndex: 'obligationsOpen', width: 110 },
    { title: t.petitions.receivedAt, key: 'createdAt', render: (_, row) => formatDateTime(row.createdAt, locale) },
  ];

  return (
    <Card
      title={m.title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="matter-create">
          {m.create}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {m.description}
        </Typography.Paragraph>
        {matters.error !== null && <Alert type="error" showIcon title={errorText(t, matters.error, locale)} />}
        <RecordFilters filter={filter} onChange={setFilter} extra={MATTER_FILTERS} />
        <DataTable<Row>
          rowKey="id"
          columns={columns}
          dataSource={matters.data?.items ?? []}
          loading={matters.loading}
          locale={{ emptyText: m.empty }}
          pagination={false}
          data-testid="matter-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={m.create}
        form={form}
        fieldNames={FIELDS}
        initialValues={{ topic: 'subsidence' }}
        okTestId="matter-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await createMatter({
            title: values.title,
            topic: values.topic,
            locality: values.locality,
            ...(values.organisationId === undefined ? {} : { organisationId: values.organisationId }),
          });
          setCreating(false);
          void navigate(mediationMatterPath(created.id));
        }}
      >
        <Form.Item
          name="title"
          label={m.matterTitle}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="matter-title" />
        </Form.Item>
        <Form.Item name="topic" label={m.topic} rules={[{ required: true, message: t.common.required }]}>
          <Select options={MEDIATION_TOPICS.map((value) => ({ value, label: m.topics[value] }))} />
        </Form.Item>
        <Form.Item
          name="locality"
          label={m.locality}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="matter-locality" />
        </Form.Item>
        <Form.Item name="organisationId" label={m.organisation}>
          <Select
            allowClear
            loading={orgs.loading}
            options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="matter-organisation"
          />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
