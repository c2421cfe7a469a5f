import { useCallback } from 'react';
import { Alert, Card, Empty, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PersonRecordView } from '../../../../common/schemas/accountability.ts';
import type { TrainingRecordView } from '../../../../common/schemas/training.ts';
import { personRecord } from '../../api/accountability.ts';
import { myTrainingRecord, trainingRecordOf } from '../../api/training.ts';
import { appraisalRoundPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { MeasureList } from './MeasureList.tsx';

type Score = PersonRecordView['scores'][number];
const STATE_COLOR = { current: 'success', expiring: 'warning', expired: 'error', missing: 'default' } as const;

/** His training as the training module keeps it (read-only): hours, sessions, qualifications. */
function TrainingCard({ userId, self }: { userId: string; self: boolean }) {
  const t = useT();
  const p = t.accountability.person;
  const record = useLoader(
    useCallback(
      (): Promise<TrainingRecordView> => (self ? myTrainingRecord() : trainingRecordOf(userId)),
      [userId, self],
    ),
  );
  const data = record.data;
  return (
    <Card title={p.training} loading={record.loading} data-testid="person-training">
      {data === undefined || (data.sessions.length === 0 && data.qualifications.length === 0) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.trainingNone} />
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text strong>{format(p.trainingHours, { hours: data.totalHours })}</Typography.Text>
          {data.sessions.map((s) => (
            <Flex key={s.sessionId} gap={8} wrap>
              <Typography.Text>{s.heldOn}</Typography.Text>
              <Typography.Text>{s.courseTitle}</Typography.Text>
              <Typography.Text type="secondary">{format(t.training.hoursValue, { hours: s.hours })}</Typography.Text>
            </Flex>
          ))}
          <Flex gap={8} wrap>
            {data.qualifications.map((q) => (
              <Tag key={q.courseId} color={STATE_COLOR[q.state]}>
                {q.courseTitle} · {t.training.states[q.state]}
                {q.expiresOn === null ? '' : ` · ${q.expiresOn}`}
              </Tag>
            ))}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}

/**
 * 个人档案 (issue #18): one person's rewards and penalties with their 整改 (he reports his own done
 * here), his training record, and his scores in the published leader appraisals (第39条). Reached from
 * the user list, from a measure and from a leader's result; the server decides who may see whose.
 */
export function PersonRecordPage() {
  const t = useT();
  const p = t.accountability.person;
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const record = useLoader(useCallback(() => personRecord(id), [id]));
  if (record.error !== null) return <Alert type="error" showIcon title={errorText(t, record.error, locale)} />;
  const data = record.data;
  if (data === undefined) return <Card loading />;
  const columns: TableColumnsType<Score> = [
    {
      title: p.scheme,
      key: 'scheme',
      render: (_, s) => <Link to={appraisalRoundPath(s.roundId)}>{s.scheme}</Link>,
    },
    { title: p.period, key: 'period', width: 100, render: (_, s) => s.period },
    { title: p.total, key: 'total', width: 80, render: (_, s) => s.total.toFixed(2) },
    { title: p.rank, key: 'rank', width: 64, render: (_, s) => s.rank ?? '—' },
  ];
  return (
    <Flex vertical gap={16} data-testid="person-record">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="person-name">
          {p.title} · {data.person.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {format(p.description, { role: t.roles[data.person.role], unit: data.person.unit.name })}
        </Typography.Text>
      </Card>
      {data.measures !== null && (
        <Card title={p.measures} data-testid="person-measures">
          <MeasureList query={{ userId: data.person.id }} />
        </Card>
      )}
      <TrainingCard userId={data.person.id} self={data.self} />
      <Card title={p.scores} data-testid="person-scores">
        {data.scores.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.scoresNone} />
        ) : (
          <DataTable<Score>
            rowKey="roundId"
            size="small"
            columns={columns}
            dataSource={data.scores}
            pagination={false}
            cardTitleKey="scheme"
          />
        )}
      </Card>
    </Flex>
  );
}
