import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadProps,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { CONSULTATION_ANSWERS, type ConsultationAnswer } from '../../../../common/domain/consultation.ts';
import type { ConsultationCommentView, ConsultationView } from '../../../../common/schemas/consultation.ts';
import { format } from '../../../../common/i18n/index.ts';
import {
  answerComment,
  consultationFileUrl,
  decideConsultation,
  getConsultation,
  searchComments,
  uploadConsultationFile,
} from '../../api/consultation.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { STAGE_COLOURS } from './ConsultationsPage.tsx';

const ANSWER_COLOURS = { adopted: 'success', partly: 'gold', not_adopted: 'default' } as const;

/** One draft: its text and files, the workers' comments searched and grouped, an answer with its reason for each, the decision. */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const t = useT();
  const c = t.consultation;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => getConsultation(id), [id]);
  const loaded = useLoader(load);
  const [view, setView] = useState<ConsultationView | null>(null);
  const current = view ?? loaded.data ?? null;
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Set<string> | null>(null);
  const loadComments = useCallback(() => searchComments(id, query), [id, query, current?.comments.length]);
  const found = useLoader(loadComments);
  const [decision, setDecision] = useState('');
  const [busy, setBusy] = useState(false);

  if (loaded.error !== null) return <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />;
  if (current === null) return <PageSpinner />;

  const shown = new Set((found.data?.items ?? current.comments).map((x) => x.id));
  const comments = current.comments.filter((x) => shown.has(x.id) && (filter === null || filter.has(x.id)));
  const undecided = current.stage !== 'decided';

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    uploadConsultationFile(id, file, file.name).then(
      (next) => {
        onSuccess?.(next);
        setView(next);
      },
      (caught: unknown) => {
        onError?.(caught instanceof Error ? caught : new Error(String(caught)));
        void message.error(errorText(t, caught, locale));
      },
    );
  };

  const decide = async () => {
    setBusy(true);
    try {
      setView(await decideConsultation(id, { decision }));
      void message.success(c.saved);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={current.title}
        extra={<Tag color={STAGE_COLOURS[current.stage]}>{c.stages[current.stage]}</Tag>}
        data-testid="consultation-card"
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={c.publishingUnit}>{current.unitName}</Descriptions.Item>
          <Descriptions.Item label={c.deadline}>{current.deadline}</Descriptions.Item>
          <Descriptions.Item label={c.unitsAsked}>{current.units.map((u) => u.name).join('、')}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{current.body}</Typography.Paragraph>
        {(current.attachments.length > 0 || (current.canManage && undecided)) && (
          <Space wrap>
            <Typography.Text strong>{c.attachments}</Typography.Text>
            {current.attachments.map((a) => (
              <a key={a.id} href={consultationFileUrl(id, a.id)}>
                {a.fileName}
              </a>
            ))}
            {current.canManage && undecided && (
              <Upload customRequest={customRequest} showUploadList={false}>
                <Button size="small" icon={<UploadOutlined />}>
                  {c.upload}
                </Button>
              </Upload>
            )}
          </Space>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="consultation-counts">
          {format(c.counts, current.counts)}
        </Typography.Paragraph>
        {current.decision !== null && current.decidedAt !== null && (
          <Alert
            type="success"
            showIcon
            title={format(c.decided, { date: formatDateTime(current.decidedAt, locale) })}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{current.decision}</span>}
          />
        )}
      </Card>

      <Card
        title={c.comments}
        extra={
          <Input.Search
            allowClear
            placeholder={c.search}
            onSearch={(value) => setQuery(value.trim())}
            style={{ width: 220 }}
            data-testid="comment-search"
          />
        }
      >
        {(found.data?.clusters.length ?? 0) > 0 && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{c.clusters}</Typography.Text>
            <Tag.CheckableTag checked={filter === null} onChange={() => setFilter(null)}>
              {c.showAll}
            </Tag.CheckableTag>
            {found.data?.clusters.map((cluster) => (
              <Tag.CheckableTag
                key={cluster.commentIds.join(',')}
                checked={filter !== null && cluster.commentIds.every((x) => filter.has(x))}
                onChange={() => setFilter(new Set(cluster.commentIds))}
              >
                {`${cluster.keywords.slice(0, 3).join(' · ')} (${format(c.clusterSize, { count: cluster.size })})`}
              </Tag.CheckableTag>
            ))}
          </Space>
        )}
        <List
          dataSource={comments}
          locale={{ emptyText: c.noComments }}
          renderItem={(comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              editable={current.canManage && undecided}
              onAnswer={async (answer, reason) => setView(await answerComment(id, comment.id, { answer, reason }))}
            />
          )}
          data-testid="comment-list"
        />
      </Card>

      {current.canManage && undecided && (
        <Card title={c.decide}>
          <Flex vertical gap={8}>
            <Input.TextArea
              rows={4}
              value={decision}
              placeholder={c.decisionHint}
              onChange={(e) => setDecision(e.target.value)}
              data-testid="consultation-decision"
            />
            <div>
              <Button type="primary" loading={busy} onClick={() => void decide()} data-testid="consultation-decide">
                {c.decide}
              </Button>
            </div>
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

function CommentItem({
  comment,
  editable,
  onAnswer,
}: {
  comment: ConsultationCommentView;
  editable: boolean;
  onAnswer: (answer: ConsultationAnswer, reason: string) => Promise<void>;
}) {
  const t = useT();
  const c = t.consultation;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [answer, setAnswer] = useState<ConsultationAnswer | null>(comment.answer);
  const [reason, setReason] = useState(comment.reason ?? '');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (answer === null) return;
    setBusy(true);
    try {
      await onAnswer(answer, reason);
      void message.success(c.saved);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item data-testid="comment-item">
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{comment.anonymous ? c.anonymous : comment.name}</Typography.Text>
          <Typography.Text type="secondary">{comment.unitName}</Typography.Text>
          <Typography.Text type="secondary">{formatDateTime(comment.createdAt, locale)}</Typography.Text>
          {comment.answer === null ? (
            <Tag color="error">{c.unanswered}</Tag>
          ) : (
            <Tag color={ANSWER_COLOURS[comment.answer]}>{c.answers[comment.answer]}</Tag>
          )}
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{comment.body}</Typography.Paragraph>
        {!editable && comment.reason !== null && (
          <Typography.Text type="secondary">
            {c.reason}：{comment.reason}
          </Typography.Text>
        )}
        {editable && (
          <Flex gap={8} wrap>
            <Select<ConsultationAnswer | null>
              value={answer}
              placeholder={c.answer}
              onChange={(next) => setAnswer(next)}
              options={CONSULTATION_ANSWERS.map((value) => ({ value, label: c.answers[value] }))}
              style={{ width: 130 }}
              data-testid="comment-answer"
            />
            <Input
              value={reason}
              placeholder={c.reasonHint}
              onChange={(e) => setReason(e.target.value)}
              style={{ flex: 1, minWidth: 200 }}
              data-testid="comment-reason"
            />
            <Button onClick={() => void save()} loading={busy} disabled={answer === null} data-testid="comment-save">
              {c.answer}
            </Button>
          </Flex>
        )}
      </Flex>
    </List.Item>
  );
}
