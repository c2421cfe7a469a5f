import { useCallback, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import type { SessionListView } from '../../../../common/schemas/partner.ts';
import { createSession, listPartnerAccounts, listSessions } from '../../api/partner.ts';
import { listUsers } from '../../api/user.ts';
import { partnerSessionPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';

type Row = SessionListView['items'][number];
type Values = {
  title: string;
  place: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
  accessUntil: Dayjs;
  partnerUserIds?: string[];
  leaderIds?: string[];
};
const FIELDS = ['title', 'place', 'startsAt', 'endsAt', 'accessUntil', 'partnerUserIds', 'leaderIds'] as const;

/** The people a session can seat: the partner accounts and the leaders (矿长/分管领导) of the office's units. */
async function seatable() {
  const [partners, chiefs, deputies] = await Promise.all([
    listPartnerAccounts(),
    listUsers({ role: 'chief', includeInactive: false }),
    listUsers({ role: 'deputy', includeInactive: false }),
  ]);
  return {
    partners: partners.items.map((p) => ({
      value: p.userId,
      label: p.organisationName === null ? p.name : `${p.name}（${p.organisationName}）`,
    })),
    leaders: [...chiefs, ...deputies].map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitPathName}）` })),
  };
}

/** partner.sessionsHeld adds nothing to the unit and the period. */
const NO_FILTERS = [] as const;

/** 联合接访 (第13条): the sessions the office arranges with the bodies that can decide, or those a partner sits in. */
export function SessionsPage() {
  const t = useT();
  const s = t.partner.sessions;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const mayCreate = useReach('partner.manage') !== 'none';
  const [filter, setFilter] = useRecordFilter(NO_FILTERS);
  const sessions = useLoader(useCallback(() => listSessions(filter), [filter]));
  const [creating, setCreating] = useState(false);
  const loadPeople = useCallback(() => (creating ? seatable() : Promise.resolve(undefined)), [creating]);
  const people = useLoader(loadPeople);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<Row> = [
    {
      title: s.sessionTitle,
      key: 'title',
      render: (_, row) => <Link to={partnerSessionPath(row.id)}>{row.title}</Link>,
    },
    { title: s.place, key: 'place', dataIndex: 'place' },
    { title: s.startsAt, key: 'startsAt', render: (_, row) => formatDateTime(row.startsAt, locale) },
    {
      title: s.partners,
      key: 'partners',
      render: (_, row) => row.partners.map((p) => p.organisationName ?? p.name).join('、'),
    },
    { title: s.caseCount, key: 'caseCount', dataIndex: 'caseCount', width: 96 },
  ];

  return (
    <Card
      title={s.title}
      extra={
        mayCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="session-create">
            {s.create}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {s.description}
        </Typography.Paragraph>
        {sessions.error !== null && <Alert type="error" showIcon title={errorText(t, sessions.error, locale)} />}
        <RecordFilters filter={filter} onChange={setFilter} extra={NO_FILTERS} />
        <DataTable<Row>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          loading={sessions.loading}
          locale={{ emptyText: s.empty }}
          pagination={false}
          data-testid="session-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={s.create}
        form={form}
        fieldNames={FIELDS}
        // Today's session by default: the morning's reception, its cases read by the partners for a week.
        initialValues={{
          startsAt: dayjs().minute(0).second(0),
          endsAt: dayjs().minute(0).second(0).add(3, 'hour'),
          accessUntil: dayjs().hour(18).minute(0).second(0).add(7, 'day'),
        }}
        okTestId="session-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await createSession({
            title: values.title,
            place: values.place,
            startsAt: values.startsAt.format(),
            endsAt: values.endsAt.format(),
            accessUntil: values.accessUntil.format(),
            partnerUserIds: values.partnerUserIds ?? [],
            leaderIds: values.leaderIds ?? [],
          });
          setCreating(false);
          void navigate(partnerSessionPath(created.id));
        }}
      >
        <Form.Item
          name="title"
          label={s.sessionTitle}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="session-title" />
        </Form.Item>
        <Form.Item
          name="place"
          label={s.place}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="session-place" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="startsAt" label={s.startsAt} rules={[{ required: true, message: t.common.required }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="session-starts" />
          </Form.Item>
          <Form.Item name="endsAt" label={s.endsAt} rules={[{ required: true, message: t.common.required }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="session-ends" />
          </Form.Item>
        </Flex>
        <Form.Item name="accessUntil" label={s.accessUntil} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="session-access" />
        </Form.Item>
        <Form.Item name="partnerUserIds" label={s.partners}>
          <Select
            mode="multiple"
            loading={people.loading}
            options={people.data?.partners ?? []}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="session-partners"
          />
        </Form.Item>
        <Form.Item name="leaderIds" label={s.leaders}>
          <Select
            mode="multiple"
            loading={people.loading}
            options={people.data?.leaders ?? []}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="session-leaders"
          />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
