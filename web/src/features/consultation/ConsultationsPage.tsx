import { useCallback, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { addCalendarDays, localDateOf } from '../../../../common/domain/calendar.ts';
import type { ConsultationListView } from '../../../../common/schemas/consultation.ts';
import { listConsultations, publishConsultation } from '../../api/consultation.ts';
import { listUnits } from '../../api/unit.ts';
import { consultationPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { format } from '../../../../common/i18n/index.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { UnitsTreeSelect } from './UnitsTreeSelect.tsx';

type Row = ConsultationListView['items'][number];
type Values = { title: string; body: string; unitIds: string[]; deadline: string };
const FIELDS = ['title', 'body', 'unitIds', 'deadline'] as const;

export const STAGE_COLOURS = { open: 'processing', closed: 'warning', decided: 'success' } as const;

/** 征求意见: the drafts an office has published for the workers' comments, newest first. */
export function ConsultationsPage() {
  const t = useT();
  const c = t.consultation;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const list = useLoader(listConsultations);
  const [creating, setCreating] = useState(false);
  const loadUnits = useCallback(() => (creating ? listUnits(false) : Promise.resolve(undefined)), [creating]);
  const units = useLoader(loadUnits);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<Row> = [
    { title: c.draftTitle, key: 'title', render: (_, row) => <Link to={consultationPath(row.id)}>{row.title}</Link> },
    { title: c.publishingUnit, key: 'unit', dataIndex: 'unitName' },
    {
      title: c.stage,
      key: 'stage',
      render: (_, row) => <Tag color={STAGE_COLOURS[row.stage]}>{c.stages[row.stage]}</Tag>,
    },
    { title: c.deadline, key: 'deadline', dataIndex: 'deadline' },
    { title: c.comments, key: 'counts', render: (_, row) => format(c.counts, row.counts) },
  ];

  return (
    <Card
      title={c.title}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="consultation-create"
        >
          {c.create}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {c.description}
        </Typography.Paragraph>
        {list.error !== null && <Alert type="error" showIcon title={errorText(t, list.error, locale)} />}
        <DataTable<Row>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={false}
          data-testid="consultation-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={c.create}
        form={form}
        fieldNames={FIELDS}
        initialValues={{ unitIds: [], deadline: addCalendarDays(localDateOf(new Date().toISOString()), 14) }}
        okTestId="consultation-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await publishConsultation(values);
          setCreating(false);
          void navigate(consultationPath(created.id));
        }}
      >
        <Form.Item
          name="title"
          label={c.draftTitle}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="consultation-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={c.draftBody}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea rows={6} maxLength={20000} data-testid="consultation-body" />
        </Form.Item>
        <Form.Item name="unitIds" label={c.unitsAsked} rules={[{ required: true, message: t.common.required }]}>
          <UnitsTreeSelect units={units.data ?? []} data-testid="consultation-units" />
        </Form.Item>
        <Form.Item name="deadline" label={c.deadline} rules={[{ required: true, message: t.common.required }]}>
          <Input type="date" data-testid="consultation-deadline" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
