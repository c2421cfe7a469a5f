import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { ENTRY_KINDS, type EntryKind, type IncidentView } from '../../../../common/schemas/emergency.ts';
import { assignTask, confirmTask, getIncident, recordEntry, standDown } from '../../api/emergency.ts';
import { incidentReportPath } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { instantOfLocalInput, LEVEL_TAG_COLORS, localInputOf, telHref } from './emergency-text.ts';

type EntryValues = {
  occurredAt: string;
  text: string;
  headcount?: number | undefined;
  outsideBody?: string | undefined;
};
const ENTRY_FIELDS = ['occurredAt', 'text', 'headcount', 'outsideBody'] as const;

/**
 * One incident, phone first (390×844) for the people on the spot: a step recorded in two taps (its
 * kind, then 记录 — the time is now unless changed), my tasks to confirm, the timeline, the plan's
 * outside contacts with tel: links, the people and steps of the plan; for the commander or the office
 * the tasks to hand out and the stand-down. Drills say so at the top.
 */
export function IncidentPage() {
  const t = useT();
  const e = t.emergency;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { user } = useSession();
  const { id = '' } = useParams();
  const load = useCallback(() => getIncident(id), [id]);
  const loaded = useLoader(load);
  const [replaced, setReplaced] = useState<IncidentView | null>(null);
  const [entryKind, setEntryKind] = useState<EntryKind | null>(null);
  // When the kind was tapped: the time sent unless the person changes it (the input shows minutes only).
  const [openedAt, setOpenedAt] = useState(() => new Date());
  const [standingDown, setStandingDown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [entryForm] = Form.useForm<EntryValues>();
  const [taskForm] = Form.useForm<{ assigneeId: string; title: string }>();
  const [standForm] = Form.useForm<{ note: string }>();
  const incident = replaced ?? loaded.data;

  if (incident === undefined) {
    if (loaded.loading) return <PageSpinner />;
    return <Result status="warning" title={errorText(t, loaded.error, locale)} />;
  }

  const run = async (action: () => Promise<IncidentView>, form?: FormInstance<EntryValues>) => {
    setBusy(true);
    setError(null);
    try {
      setReplaced(await action());
      void message.success(e.recorded);
      return true;
    } catch (caught) {
      if (form === undefined || !applyFieldIssues(form, caught, ENTRY_FIELDS)) setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const active = incident.status === 'active';
  const mine = incident.tasks.filter((task) => task.assigneeId === user.id);
  const people = [...new Map(incident.roles.flatMap((r) => r.people).map((p) => [p.id, p])).values()];
  const minutes = (n: number | null) => (n === null ? e.notYet : format(e.minutes, { n }));

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760, margin: '0 auto' }} data-testid="incident-page">
      <Card size="small">
        <Flex vertical gap={6}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="incident-title">
            {incident.drill ? `${e.drillMark}${incident.title}` : incident.title}
          </Typography.Title>
          <Space wrap size={4}>
            {incident.drill && <Tag color="purple">{e.drill}</Tag>}
            <Tag color={LEVEL_TAG_COLORS[incident.level]}>{e.levels[incident.level]}</Tag>
            <Tag>{e.incidentTypes[incident.incidentType]}</Tag>
            <Tag color={active ? 'processing' : 'default'} data-testid="incident-status">
              {e.statuses[incident.status]}
            </Tag>
          </Space>
          <Typography.Text>{incident.summary}</Typography.Text>
          <Typography.Text type="secondary">
            {incident.unitName} · {e.commander}：{incident.commanderName} · {e.sources[incident.source.kind]}
          </Typography.Text>
          <Typography.Text type="secondary">
            {e.activatedAt}：{formatDateTime(incident.activatedAt, locale)}
            {incident.stoodDownAt !== null && ` · ${e.stoodDownAt}：${formatDateTime(incident.stoodDownAt, locale)}`}
          </Typography.Text>
          <Typography.Text data-testid="incident-response-times">
            {e.toFirstArrival} {minutes(incident.responseTimes.toFirstArrival)} · {e.toStandDown}{' '}
            {minutes(incident.responseTimes.toStandDown)}
          </Typography.Text>
          <Space wrap>
            <Link to={incidentReportPath(incident.id)} data-testid="incident-report-link">
              <Button icon={<PrinterOutlined />}>{e.printReport}</Button>
            </Link>
            {incident.actions.includes('standDown') && (
              <Button danger onClick={() => setStandingDown(true)} data-testid="incident-stand-down">
                {e.standDown}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}

      {active && (
        <Card size="small" title={e.quickRecord}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(96px, 1fr))', gap: 8 }}>
            {ENTRY_KINDS.map((kind) => (
              <Button
                key={kind}
                size="large"
                onClick={() => {
                  const now = new Date();
                  setOpenedAt(now);
                  entryForm.setFieldsValue({
                    occurredAt: localInputOf(now),
                    text: e.entryKinds[kind],
                    headcount: undefined,
                    outsideBody: undefined,
                  });
                  setEntryKind(kind);
                }}
                data-testid={`entry-kind-${kind}`}
              >
                {e.entryKinds[kind]}
              </Button>
            ))}
          </div>
        </Card>
      )}

      {mine.length > 0 && (
        <Card size="small" title={e.myTasks} data-testid="my-tasks">
          <Flex vertical gap={8}>
            {mine.map((task) => (
              <Flex key={task.id} justify="space-between" align="center" gap={8} wrap>
                <Typography.Text>{task.title}</Typography.Text>
                {task.confirmedAt === null ? (
                  active && (
                    <Button
                      type="primary"
                      size="large"
                      loading={busy}
                      onClick={() => void run(() => confirmTask(task.id))}
                      data-testid="task-confirm"
                    >
                      {e.confirm}
                    </Button>
                  )
                ) : (
                  <Tag color="success">
                    {e.confirmed} {formatDateTime(task.confirmedAt, locale)}
                  </Tag>
                )}
              </Flex>
            ))}
          </Flex>
        </Card>
      )}

      <Card
        size="small"
        title={e.tasks}
        extra={
          incident.unconfirmedTasks > 0 && (
            <Tag color="warning">{format(e.unconfirmedCount, { n: incident.unconfirmedTasks })}</Tag>
          )
        }
      >
        <Flex vertical gap={6} data-testid="incident-tasks">
          {incident.tasks.map((task) => (
            <Flex key={task.id} justify="space-between" gap={8} wrap>
              <Typography.Text>
                {task.assigneeName}：{task.title}
              </Typography.Text>
              {task.confirmedAt === null ? (
                <Tag color="warning">{e.unconfirmed}</Tag>
              ) : (
                <Tag color="success">{e.confirmed}</Tag>
              )}
            </Flex>
          ))}
          {incident.actions.includes('assign') && (
            <Form
              form={taskForm}
              layout="vertical"
              onFinish={(values) =>
                void run(() => assignTask(incident.id, values)).then((ok) => {
                  if (ok) taskForm.resetFields();
                })
              }
            >
              <Form.Item name="assigneeId" label={e.assignee} rules={[{ required: true }]}>
                <Select
                  options={people.map((p) => ({ value: p.id, label: p.name }))}
                  data-testid="task-assignee"
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
              <Form.Item name="title" label={e.taskTitle} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={200} data-testid="task-title" />
              </Form.Item>
              <Button htmlType="submit" loading={busy} data-testid="task-assign">
                {e.assign}
              </Button>
            </Form>
          )}
        </Flex>
      </Card>

      <Card size="small" title={e.timeline}>
        <Timeline
          data-testid="incident-timeline"
          items={incident.timeline.map((entry) => ({
            key: entry.id,
            color: entry.kind === 'stood_down' ? 'gray' : entry.kind === 'activated' ? 'red' : 'blue',
            content: (
              <Flex vertical gap={0} data-testid="timeline-entry">
                <Typography.Text strong>
                  {formatDateTime(entry.occurredAt, locale)} {e.entryKinds[entry.kind]}
                  {entry.headcount !== null && ` · ${entry.headcount} ${e.headcount}`}
                  {entry.outsideBody !== null && ` · ${entry.outsideBody}`}
                </Typography.Text>
                <Typography.Text>{entry.text}</Typography.Text>
                <Typography.Text type="secondary">{entry.recordedByName}</Typography.Text>
              </Flex>
            ),
          }))}
        />
      </Card>

      <Card size="small" title={e.contacts}>
        <Flex vertical gap={8} data-testid="incident-contacts">
          {incident.contacts.map((c) => (
            <Flex key={`${c.body}${c.phone}`} justify="space-between" align="center" gap={8}>
              <Typography.Text>
                {c.body} {c.name}
              </Typography.Text>
              <a href={telHref(c.phone)} data-testid="contact-call">
                <Button icon={<PhoneOutlined />}>{c.phone}</Button>
              </a>
            </Flex>
          ))}
        </Flex>
      </Card>

      <Card size="small" title={e.people}>
        <Flex vertical gap={4}>
          {incident.roles.map((r) => (
            <Typography.Text key={r.role}>
              {e.roles[r.role]}：
              {r.people.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && '、'}
                  {p.phone === null ? p.name : <a href={telHref(p.phone)}>{p.name}</a>}
                </span>
              ))}
            </Typography.Text>
          ))}
        </Flex>
      </Card>

      <Card size="small" title={e.planSteps}>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {incident.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      </Card>
      <Typography.Text type="secondary">{e.privacyNote}</Typography.Text>

      <Modal
        open={entryKind !== null}
        title={entryKind === null ? '' : e.entryKinds[entryKind]}
        onCancel={() => setEntryKind(null)}
        okText={e.record}
        okButtonProps={{ loading: busy, 'data-testid': 'entry-submit', size: 'large' }}
        onOk={() => entryForm.submit()}
        forceRender
      >
        <Form<EntryValues>
          form={entryForm}
          layout="vertical"
          onFinish={(values) => {
            if (entryKind === null) return;
            const occurredAt =
              values.occurredAt === localInputOf(openedAt)
                ? openedAt.toISOString()
                : instantOfLocalInput(values.occurredAt);
            void run(
              () =>
                recordEntry(incident.id, {
                  kind: entryKind,
                  // Without a time the server refuses naming the field, which the form then shows.
                  occurredAt: occurredAt ?? '',
                  text: values.text,
                  ...(values.headcount === undefined ? {} : { headcount: values.headcount }),
                  ...(values.outsideBody === undefined || values.outsideBody === ''
                    ? {}
                    : { outsideBody: values.outsideBody }),
                }),
              entryForm,
            ).then((ok) => {
              if (ok) setEntryKind(null);
            });
          }}
        >
          <Form.Item name="occurredAt" label={e.occurredAt} rules={[{ required: true }]}>
            <Input type="datetime-local" data-testid="entry-time" />
          </Form.Item>
          {entryKind === 'gathered' && (
            <Form.Item name="headcount" label={e.headcount} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                max={100000}
                style={{ width: '100%' }}
                inputMode="numeric"
                data-testid="entry-headcount"
              />
            </Form.Item>
          )}
          {entryKind === 'liaison' && (
            <Form.Item name="outsideBody" label={e.outsideBody} rules={[{ required: true }]}>
              <Input maxLength={60} data-testid="entry-outside-body" />
            </Form.Item>
          )}
          <Form.Item name="text" label={e.text} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="entry-text" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={standingDown}
        title={e.standDown}
        onCancel={() => setStandingDown(false)}
        okText={e.standDown}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'stand-down-submit' }}
        onOk={() => standForm.submit()}
        forceRender
      >
        <Typography.Paragraph type="secondary">{e.standDownHint}</Typography.Paragraph>
        <Form
          form={standForm}
          layout="vertical"
          onFinish={(values) =>
            void run(() => standDown(incident.id, values)).then((ok) => {
              if (ok) setStandingDown(false);
            })
          }
        >
          <Form.Item name="note" label={e.standDownNote} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="stand-down-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
