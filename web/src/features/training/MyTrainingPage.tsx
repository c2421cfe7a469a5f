import { useState } from 'react';
import { Alert, Button, Card, Flex, List, Statistic, Tag, Typography } from 'antd';
import { BorderOutlined, CheckCircleFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { completeStep, myTrainingRecord } from '../../api/training.ts';
import { trainingTestPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { QualificationTag } from './QualificationTag.tsx';

/**
 * 我的培训 (phone-first): the first weeks' checklist (required courses and the enterprise's setup steps),
 * the hours attended, each session with its test, and the qualifications with their validity.
 */
export function MyTrainingPage() {
  const t = useT();
  const r = t.training.record;
  const { locale } = useLocale();
  const record = useLoader(myTrainingRecord);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (record.data === undefined) {
    if (record.loading) return <PageSpinner />;
    return <Alert type="error" showIcon title={errorText(t, record.error, locale)} />;
  }
  const view = record.data;
  const tick = async (stepId: string) => {
    setBusy(stepId);
    setError(null);
    try {
      await completeStep(stepId);
      record.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const doneCount = view.checklist.items.filter((i) => i.done).length;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      <Card
        size="small"
        title={
          <Flex gap={8} align="center">
            <span>{r.checklist}</span>
            {view.checklist.newcomer && <Tag color="blue">{r.newcomer}</Tag>}
          </Flex>
        }
        extra={`${doneCount}/${view.checklist.items.length}`}
        data-testid="training-checklist"
      >
        <Typography.Paragraph type="secondary">{r.checklistHint}</Typography.Paragraph>
        <List
          dataSource={view.checklist.items}
          renderItem={(item) => (
            <List.Item
              key={item.kind === 'course' ? item.courseId : item.stepId}
              actions={
                item.kind === 'step' && !item.done
                  ? [
                      <Button
                        key="done"
                        size="small"
                        loading={busy === item.stepId}
                        onClick={() => void tick(item.stepId)}
                        data-testid={`step-done-${item.stepId}`}
                      >
                        {r.markDone}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex gap={8} align="start" data-done={item.done ? 'true' : 'false'}>
                {item.done ? (
                  <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} aria-label={r.done} />
                ) : (
                  <BorderOutlined style={{ color: '#bfbfbf', marginTop: 4 }} />
                )}
                <Typography.Text delete={item.done} {...(item.done ? { type: 'secondary' as const } : {})}>
                  {item.kind === 'course' ? format(r.courseItem, { title: item.title }) : item.title}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={r.sessions}>
        <Statistic title={r.totalHours} value={view.totalHours} suffix={t.training.courses.hours} />
        <List
          locale={{ emptyText: r.emptySessions }}
          dataSource={view.sessions}
          renderItem={(s) => (
            <List.Item
              key={s.sessionId}
              actions={
                s.testOpen
                  ? [
                      <Link key="test" to={trainingTestPath(s.sessionId)} data-testid={`take-test-${s.sessionId}`}>
                        {r.takeTest}
                      </Link>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={s.courseTitle}
                description={
                  <Flex gap={8} wrap>
                    <span>{s.heldOn}</span>
                    <span>{s.trainer}</span>
                    <span>{format(t.training.hoursValue, { hours: s.hours })}</span>
                    {s.attended !== null && (
                      <Tag color={s.attended ? 'green' : 'default'}>
                        {s.attended ? t.training.session.present : t.training.session.absent}
                      </Tag>
                    )}
                    {s.score !== null && (
                      <Tag color={s.passed === true ? 'green' : 'red'}>
                        {format(t.training.session.scoreValue, { score: s.score })}
                      </Tag>
                    )}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={r.qualifications}>
        <List
          locale={{ emptyText: r.emptyQualifications }}
          dataSource={view.qualifications}
          renderItem={(q) => (
            <List.Item key={q.courseId} extra={<QualificationTag state={q.state} />}>
              <List.Item.Meta
                title={q.courseTitle}
                description={
                  <Flex gap={8} wrap>
                    <Tag>{q.required ? r.required : r.optional}</Tag>
                    {q.expiresOn !== null && <span>{`${r.expiresOn} ${q.expiresOn}`}</span>}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
