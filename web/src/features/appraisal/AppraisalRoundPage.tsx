import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadProps,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { AppraisalResultView, AppraisalRoundView } from '../../../../common/schemas/appraisal.ts';
import type { FigureDrill } from '../../../../common/schemas/figure.ts';
import { evidenceUrl, getRound, publishRound, reviewResult, selfAssess, uploadEvidence } from '../../api/appraisal.ts';
import { drillDownPath, recordsDrillPath } from '../../api/dashboard.ts';
import { APPRAISAL_PATH, personRecordPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ScoreChart } from './ScoreChart.tsx';
import { IndicatorChart } from './IndicatorChart.tsx';
import { hasAction } from '../../../../common/domain/access.ts';
import { roundExportUrl } from '../../api/accountability.ts';
import { useSession } from '../../app/session-context.ts';
import { MeasureList } from '../accountability/MeasureList.tsx';
import { MeasureModal } from '../accountability/MeasureModal.tsx';

type Item = AppraisalResultView['items'][number];

/** Who a result is about: the leader (with his unit) in a leader round, else the unit. */
const subjectName = (r: AppraisalResultView) =>
  r.leader === null ? r.unit.name : `${r.leader.name}（${r.unit.name}）`;

/** The rank change against the previous published round of the scheme: ↑2, ↓1, unchanged, or new. */
function RankChange({ result }: { result: AppraisalResultView }) {
  const a = useT().appraisal;
  const { rank, previousRank } = result;
  if (rank === null) return null;
  const [text, color] =
    previousRank === null
      ? [a.rankNew, 'default']
      : previousRank > rank
        ? [format(a.rankUp, { n: previousRank - rank }), 'success']
        : previousRank < rank
          ? [format(a.rankDown, { n: rank - previousRank }), 'error']
          : [a.rankSame, 'default'];
  return (
    <Tooltip title={a.rankChangeHint}>
      <Tag color={color} data-testid="rank-change">
        {text}
      </Tag>
    </Tooltip>
  );
}
const ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,.txt';

/** The rows behind a point: the petition list filtered as the figure counted (numerator, then what it is out of). */
function DrillLinks({ drill, testId }: { drill: FigureDrill; testId: string }) {
  const t = useT();
  const a = t.appraisal;
  if (drill.kind === 'records')
    return (
      <Space size={8} wrap>
        <Link to={recordsDrillPath(drill.path, drill.query)} data-testid={testId}>
          {a.records}
        </Link>
        {drill.of === null ? null : (
          <Link to={recordsDrillPath(drill.path, drill.of)} style={{ color: 'inherit' }}>
            {format(a.drillOf, { n: 1 })}
          </Link>
        )}
      </Space>
    );
  return (
    <Space size={8} wrap>
      {drill.value.map((d, i) => (
        <Link key={`v${i}`} to={drillDownPath(d)} data-testid={i === 0 ? testId : undefined}>
          {a.drill}
        </Link>
      ))}
      {(drill.of ?? []).map((d, i) => (
        <Link key={`o${i}`} to={drillDownPath(d)} style={{ color: 'inherit' }}>
          {format(a.drillOf, { n: i + 1 })}
        </Link>
      ))}
    </Space>
  );
}

/** One unit's points: every indicator with what was measured, its weight, its points and its cases. */
function Breakdown({ result }: { result: AppraisalResultView }) {
  const t = useT();
  const a = t.appraisal;
  const columns: TableColumnsType<Item> = [
    {
      title: a.indicator,
      key: 'key',
      render: (_, i) => (
        <Tooltip title={t.figures.definitions[i.key]}>
          <span>{t.figures.keys[i.key]}</span>
        </Tooltip>
      ),
    },
    {
      title: a.measured,
      key: 'measured',
      width: 130,
      render: (_, i) =>
        i.of === null
          ? String(i.value)
          : `${i.measured === null ? '—' : `${i.measured.toFixed(1)}%`}（${i.value}/${i.of}）`,
    },
    { title: a.weight, key: 'weight', width: 70, render: (_, i) => i.weight },
    { title: a.score, key: 'points', width: 80, render: (_, i) => i.points.toFixed(2) },
    {
      title: a.drill,
      key: 'drill',
      width: 180,
      render: (_, i) => <DrillLinks drill={i.drill} testId={`drill-${i.key}`} />,
    },
  ];
  return (
    <Flex vertical gap={8}>
      <DataTable<Item>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={result.items}
        pagination={false}
        cardTitleKey="key"
        data-testid="appraisal-items"
      />
      {result.rules.map((r, i) => (
        <Flex key={i} gap={8} align="center" wrap data-testid="appraisal-rule">
          <Typography.Text>{r.label ?? t.figures.keys[r.key]}</Typography.Text>
          <Tag color={r.points < 0 ? 'error' : 'success'}>
            {format(a.ruleLine, { count: r.count, points: r.points.toFixed(2) })}
          </Tag>
          <DrillLinks drill={r.drill} testId={`drill-rule-${i}`} />
        </Flex>
      ))}
    </Flex>
  );
}

/** 单位自评: the explanation and the evidence; the unit's own leaders write it until the review. */
function SelfAssessment({
  result,
  onChange,
}: {
  result: AppraisalResultView;
  onChange: (v: AppraisalRoundView) => void;
}) {
  const t = useT();
  const a = t.appraisal;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [text, setText] = useState(result.selfAssessment?.text ?? '');
  const [busy, setBusy] = useState(false);
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    setBusy(true);
    uploadEvidence(result.id, file, file.name).then(
      (view) => {
        setBusy(false);
        onSuccess?.(view);
        onChange(view);
      },
      (caught: unknown) => {
        setBusy(false);
        onError?.(caught instanceof Error ? caught : new Error(String(caught)));
        void message.error(errorText(t, caught, locale));
      },
    );
  };
  const submit = async () => {
    setBusy(true);
    try {
      onChange(await selfAssess(result.id, text));
      void message.success(t.common.saved);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="appraisal-self">
      <Typography.Text strong>{result.leader === null ? a.selfAssessment : a.leaderSelf}</Typography.Text>
      {result.can.selfAssess ? (
        <>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            maxLength={4000}
            placeholder={a.selfText}
            data-testid="self-text"
          />
          <Flex gap={8} wrap>
            <Button
              type="primary"
              loading={busy}
              disabled={text.trim() === ''}
              onClick={() => void submit()}
              data-testid="self-submit"
            >
              {a.selfSubmit}
            </Button>
            <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
              <Button icon={<UploadOutlined />} loading={busy} data-testid="self-upload">
                {a.upload}
              </Button>
            </Upload>
          </Flex>
        </>
      ) : (
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="self-shown">
          {result.selfAssessment?.text ?? t.common.none}
        </Typography.Paragraph>
      )}
      {result.evidence.length > 0 && (
        <Flex gap={8} wrap align="center" data-testid="self-evidence">
          <Typography.Text type="secondary">{a.evidence}</Typography.Text>
          {result.evidence.map((e) => (
            <a key={e.id} href={evidenceUrl(e.id)} download={e.fileName}>
              {e.fileName}
            </a>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

/** 上级审核: an adjustment (a reason required when not zero), then the review is done. */
function Review({ result, onChange }: { result: AppraisalResultView; onChange: (v: AppraisalRoundView) => void }) {
  const t = useT();
  const a = t.appraisal;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ adjustment: number | null; reason?: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      onChange(await reviewResult(result.id, { adjustment: values.adjustment ?? 0, reason: values.reason }));
      void message.success(t.common.saved);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="appraisal-review">
      <Typography.Text strong>{a.review}</Typography.Text>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ adjustment: result.adjustment, reason: result.adjustReason ?? undefined }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="adjustment" label={a.adjustment} style={{ width: 140 }}>
            <InputNumber min={-100} max={100} step={0.5} style={{ width: '100%' }} data-testid="review-adjustment" />
          </Form.Item>
          <Form.Item name="reason" label={a.reason} extra={a.reasonHint} style={{ flex: '1 1 260px' }}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="review-reason" />
          </Form.Item>
        </Flex>
        <Button type="primary" onClick={() => void submit()} data-testid="review-submit">
          {a.reviewSubmit}
        </Button>
      </Form>
    </Flex>
  );
}

/**
 * One 考核轮次: the ranking (a mine sees its own line until publication), and for the unit picked its
 * points with the cases behind each, its self-assessment with evidence, the review by the level
 * above and its score over the published rounds.
 */
export function AppraisalRoundPage() {
  const t = useT();
  const a = t.appraisal;
  const { locale } = useLocale();
  const { modal, message } = App.useApp();
  const { id = '' } = useParams();
  const round = useLoader(useCallback(() => getRound(id), [id]));
  const [view, setView] = useState<AppraisalRoundView | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const data = view?.id === id ? view : round.data;
  const result = data?.results.find((r) => r.id === picked) ?? data?.results[0];
  const { user } = useSession();
  const [measuring, setMeasuring] = useState(false);
  const [measured, setMeasured] = useState(0);
  const mayDecide = hasAction(user.role, 'accountability.decide');

  const columns: TableColumnsType<AppraisalResultView> = [
    { title: a.rank, key: 'rank', width: 64, render: (_, r) => r.rank ?? '—' },
    { title: a.rankChanges, key: 'change', width: 90, render: (_, r) => <RankChange result={r} /> },
    {
      title: data?.scheme.subjectKind === 'leader' ? a.leader : a.unit,
      key: 'unit',
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => setPicked(r.id)}
          data-testid={`result-${r.leader?.name ?? r.unit.name}`}
        >
          {subjectName(r)}
        </Button>
      ),
    },
    { title: a.computed, key: 'computed', width: 90, render: (_, r) => r.computed.toFixed(2) },
    {
      title: a.adjustment,
      key: 'adjustment',
      width: 90,
      render: (_, r) =>
        r.adjustment === 0 ? (
          '0'
        ) : (
          <Tooltip title={format(a.adjustReason, { reason: r.adjustReason ?? '' })}>
            <span>{r.adjustment > 0 ? `+${r.adjustment}` : r.adjustment}</span>
          </Tooltip>
        ),
    },
    {
      title: a.total,
      key: 'total',
      width: 80,
      render: (_, r) => <Typography.Text strong>{r.total.toFixed(2)}</Typography.Text>,
    },
    {
      title: a.selfAssessed,
      key: 'self',
      width: 80,
      responsive: ['md'],
      render: (_, r) => (r.selfAssessment === null ? <Tag>{a.pending}</Tag> : <Tag color="success">{a.done}</Tag>),
    },
    {
      title: a.reviewed,
      key: 'reviewed',
      width: 80,
      responsive: ['md'],
      render: (_, r) => (r.reviewedAt === null ? <Tag>{a.pending}</Tag> : <Tag color="success">{a.done}</Tag>),
    },
  ];

  const publish = () =>
    modal.confirm({
      title: a.publish,
      content: a.publishConfirm,
      okButtonProps: { ...({ 'data-testid': 'publish-confirm' } as object) },
      onOk: async () => {
        try {
          setView(await publishRound(id));
          void message.success(t.common.saved);
        } catch (caught) {
          void message.error(errorText(t, caught, locale));
        }
      },
    });

  if (round.error !== null) return <Alert type="error" showIcon title={errorText(t, round.error, locale)} />;
  if (data === undefined) return <Card loading />;
  return (
    <Flex vertical gap={16}>
      <Card
        title={`${data.scheme.name} · ${data.period}`}
        extra={
          <Space>
            <Link to={APPRAISAL_PATH}>{a.back}</Link>
            <a href={roundExportUrl(data.id)} data-testid="round-export">
              {a.exportXlsx}
            </a>
            {data.can.publish && (
              <Button type="primary" onClick={() => void publish()} data-testid="round-publish">
                {a.publish}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'status',
              label: a.status,
              children: (
                <Tag color={data.status === 'published' ? 'success' : 'processing'} data-testid="round-status">
                  {a.statuses[data.status]}
                </Tag>
              ),
            },
            { key: 'period', label: a.period, children: `${data.from} – ${data.to}` },
            { key: 'computed', label: a.computedAt, children: formatDateTime(data.computedAt, locale) },
          ]}
        />
        <DataTable<AppraisalResultView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.results}
          pagination={false}
          cardTitleKey="unit"
          rowClassName={(r) => (r.id === result?.id ? 'ant-table-row-selected' : '')}
          data-testid="round-ranking"
        />
      </Card>
      {result !== undefined && (
        <Card
          title={subjectName(result)}
          data-testid="round-breakdown"
          extra={
            result.leader !== null && (
              <Link to={personRecordPath(result.leader.id)} data-testid="leader-record">
                {a.personRecord}
              </Link>
            )
          }
        >
          <Flex vertical gap={16}>
            <IndicatorChart result={result} />
            <Breakdown result={result} />
            <SelfAssessment
              key={`${result.id}-${result.selfAssessment?.at ?? ''}`}
              result={result}
              onChange={setView}
            />
            {result.can.review && <Review key={result.id} result={result} onChange={setView} />}
            <ScoreChart unitId={result.unit.id} schemeId={data.scheme.id} userId={result.leader?.id} />
          </Flex>
        </Card>
      )}
      {result !== undefined && (
        <Card
          title={`${a.measures} · ${subjectName(result)}`}
          data-testid="round-measures"
          extra={
            mayDecide && (
              <Button onClick={() => setMeasuring(true)} data-testid="measure-open">
                {t.accountability.record}
              </Button>
            )
          }
        >
          <MeasureList
            query={result.leader === null ? { unitId: result.unit.id } : { userId: result.leader.id }}
            reloadKey={measured}
          />
          <MeasureModal
            open={measuring}
            unit={result.unit}
            person={result.leader ?? undefined}
            roundId={data.id}
            figureKeys={result.items.map((i) => i.key)}
            onClose={() => setMeasuring(false)}
            onRecorded={() => {
              setMeasuring(false);
              setMeasured((n) => n + 1);
            }}
          />
        </Card>
      )}
    </Flex>
  );
}
