import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Radio,
  Result,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { SessionView } from '../../../../common/schemas/training.ts';
import { getTrainingSession, issueCertificate, recordAttendance } from '../../api/training.ts';
import { TRAINING_SESSIONS_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Attendee = SessionView['attendees'][number];

/**
 * One training session: the office records who attended, sees each attendee's test score (given by the
 * server) and issues the certificate to those who attended and passed.
 */
export function TrainingSessionPage() {
  const { id = '' } = useParams();
  const t = useT();
  const s = t.training.session;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const mayManage = useReach('training.manage') !== 'none';
  const load = useCallback(() => getTrainingSession(id), [id]);
  const session = useLoader(load);
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (session.data === undefined) {
    if (session.loading) return <PageSpinner />;
    return (
      <Result
        status="warning"
        title={errorText(t, session.error, locale)}
        extra={<Link to={TRAINING_SESSIONS_PATH}>{s.back}</Link>}
      />
    );
  }
  const view = session.data;
  const attendedOf = (a: Attendee) => marks[a.userId] ?? a.attended;
  const act = async (key: string, run: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(null);
    try {
      await run();
      setMarks({});
      session.reload();
      void message.success(done);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<Attendee> = [
    { title: s.person, key: 'name', dataIndex: 'name' },
    { title: s.unit, key: 'unit', dataIndex: 'unitName' },
    {
      title: s.recordAttendance,
      key: 'attended',
      render: (_, row) =>
        mayManage && row.certificate === null ? (
          <Radio.Group
            size="small"
            optionType="button"
            value={attendedOf(row)}
            data-testid={`attendance-${row.userId}`}
            onChange={(e) => setMarks((m) => ({ ...m, [row.userId]: e.target.value as boolean }))}
            options={[
              { value: true, label: s.present },
              { value: false, label: s.absent },
            ]}
          />
        ) : (
          <Tag color={row.attended === true ? 'green' : 'default'}>
            {row.attended === null ? s.notRecorded : row.attended ? s.present : s.absent}
          </Tag>
        ),
    },
    {
      title: s.score,
      key: 'score',
      render: (_, row) =>
        !view.course.hasTest ? (
          <Typography.Text type="secondary">{s.noTest}</Typography.Text>
        ) : row.score === null ? (
          <Typography.Text type="secondary">{s.notTaken}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            <span>{format(s.scoreValue, { score: row.score })}</span>
            <Tag color={row.passed === true ? 'green' : 'red'}>{row.passed === true ? s.passed : s.failed}</Tag>
          </Flex>
        ),
    },
    {
      title: s.certificate,
      key: 'certificate',
      render: (_, row) =>
        row.certificate !== null ? (
          <Flex vertical align="start">
            <Tag color="blue" data-testid={`certificate-${row.userId}`}>
              {s.issued}
            </Tag>
            {row.certificate.expiresOn !== null && (
              <Typography.Text type="secondary">
                {format(s.validUntil, { date: row.certificate.expiresOn })}
              </Typography.Text>
            )}
          </Flex>
        ) : mayManage && row.eligible ? (
          <Button
            size="small"
            type="primary"
            loading={busy === row.userId}
            data-testid={`certificate-issue-${row.userId}`}
            onClick={() => void act(row.userId, () => issueCertificate(view.id, row.userId), s.issued)}
          >
            {s.issue}
          </Button>
        ) : (
          <Typography.Text type="secondary">{s.notYet}</Typography.Text>
        ),
    },
  ];
  const changed = Object.entries(marks).map(([userId, attended]) => ({ userId, attended }));

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <Link to={TRAINING_SESSIONS_PATH} aria-label={s.back}>
            <ArrowLeftOutlined />
          </Link>
          <span>{view.course.title}</span>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'heldOn', label: t.training.sessions.heldOn, children: view.heldOn },
            { key: 'unit', label: t.training.sessions.unit, children: view.unit.name },
            { key: 'trainer', label: t.training.sessions.trainer, children: view.trainer },
            {
              key: 'hours',
              label: t.training.courses.hours,
              children: format(t.training.hoursValue, { hours: view.course.hours }),
            },
          ]}
        />
        {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
        <DataTable<Attendee>
          rowKey="userId"
          columns={columns}
          dataSource={view.attendees}
          pagination={false}
          data-testid="training-attendee-table"
        />
        {mayManage && view.attendees.some((a) => a.certificate === null) && (
          <Button
            type="primary"
            disabled={changed.length === 0}
            loading={busy === 'attendance'}
            style={{ alignSelf: 'start' }}
            data-testid="attendance-save"
            onClick={() =>
              void act('attendance', () => recordAttendance(view.id, { attendance: changed }), s.attendanceSaved)
            }
          >
            {s.saveAttendance}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
