import { useCallback, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { STAFF_ROLES } from '../../../../common/domain/access.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { SessionListView } from '../../../../common/schemas/training.ts';
import { listCourses, createTrainingSession, listTrainingSessions } from '../../api/training.ts';
import { listUnits } from '../../api/unit.ts';
import { listUsers } from '../../api/user.ts';
import { trainingSessionPath } from '../../app/paths.ts';
import { useReach, useSession } from '../../app/session-context.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { TrainingTabs } from './TrainingTabs.tsx';

type Row = SessionListView['items'][number];
type Values = {
  courseId: string;
  unitId: string;
  heldOn: Dayjs;
  trainer: string;
  place?: string;
  attendeeIds: string[];
};
const FIELDS = ['courseId', 'unitId', 'heldOn', 'trainer', 'place', 'attendeeIds'] as const;

/** What the scheduling form offers: the courses, the units and the cadres of the office's subtree. */
async function choices() {
  const [courses, units, people] = await Promise.all([
    listCourses(),
    listUnits(false),
    Promise.all(STAFF_ROLES.map((role) => listUsers({ role, includeInactive: false }))),
  ]);
  return { courses: courses.items, units, people: people.flat() };
}

/** 培训场次 (第16条): the sessions held in the office's subtree; the office schedules one with its attendees. */
export function TrainingSessionsPage() {
  const t = useT();
  const s = t.training.sessions;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const mayManage = useReach('training.manage') !== 'none';
  const { user } = useSession();
  const sessions = useLoader(listTrainingSessions);
  const [creating, setCreating] = useState(false);
  const loadChoices = useCallback(() => (creating ? choices() : Promise.resolve(undefined)), [creating]);
  const options = useLoader(loadChoices);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<Row> = [
    { title: s.heldOn, key: 'heldOn', dataIndex: 'heldOn', width: 120 },
    {
      title: s.course,
      key: 'course',
      render: (_, row) => <Link to={trainingSessionPath(row.id)}>{row.courseTitle}</Link>,
    },
    { title: s.unit, key: 'unit', dataIndex: 'unitName' },
    { title: s.trainer, key: 'trainer', dataIndex: 'trainer' },
    {
      title: s.attendance,
      key: 'attendance',
      width: 96,
      render: (_, row) => format(s.attendanceValue, { attended: row.attendedCount, total: row.attendeeCount }),
    },
  ];

  return (
    <Card
      title={t.nav.training}
      extra={
        mayManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="training-session-create"
          >
            {s.create}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <TrainingTabs current="sessions" />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t.training.description}
        </Typography.Paragraph>
        {sessions.error !== null && <Alert type="error" showIcon title={errorText(t, sessions.error, locale)} />}
        <DataTable<Row>
          rowKey="id"
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          loading={sessions.loading}
          locale={{ emptyText: s.empty }}
          pagination={false}
          data-testid="training-session-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={s.create}
        form={form}
        fieldNames={FIELDS}
        // Today, at the office's own unit: the usual session; another unit of the subtree is one pick away.
        initialValues={{ heldOn: dayjs(), unitId: user.unitId }}
        okTestId="training-session-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await createTrainingSession({
            courseId: values.courseId,
            unitId: values.unitId,
            heldOn: values.heldOn.format('YYYY-MM-DD'),
            trainer: values.trainer,
            ...(values.place === undefined || values.place.trim() === '' ? {} : { place: values.place }),
            attendeeIds: values.attendeeIds,
          });
          setCreating(false);
          void navigate(trainingSessionPath(created.id));
        }}
      >
        <Form.Item name="courseId" label={s.course} rules={[{ required: true, message: t.common.required }]}>
          <Select
            data-testid="training-session-course"
            loading={options.loading}
            options={(options.data?.courses ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.unitName}）` }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label={s.unit} rules={[{ required: true, message: t.common.required }]}>
          <UnitTreeSelect units={options.data?.units ?? []} activeOnly id="training-session-unit" />
        </Form.Item>
        <Form.Item name="heldOn" label={s.heldOn} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker data-testid="training-session-date" />
        </Form.Item>
        <Form.Item
          name="trainer"
          label={s.trainer}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={50} data-testid="training-session-trainer" />
        </Form.Item>
        <Form.Item name="place" label={s.place}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="attendeeIds" label={s.attendees} rules={[{ required: true, message: t.common.required }]}>
          <Select
            mode="multiple"
            data-testid="training-session-attendees"
            showSearch={{ optionFilterProp: 'label' }}
            loading={options.loading}
            options={(options.data?.people ?? []).map((u) => ({
              value: u.id,
              label: format(t.petitions.userOption, {
                name: u.displayName,
                role: t.roles[u.role],
                unit: u.unitPathName,
              }),
            }))}
          />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
