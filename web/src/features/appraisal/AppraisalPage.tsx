import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { Link, useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { AppraisalSchemeView } from '../../../../common/schemas/appraisal.ts';
import { listRounds, listSchemes, openRound } from '../../api/appraisal.ts';
import { appraisalRoundPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { SchemeModal } from './SchemeModal.tsx';

type RoundRow = Awaited<ReturnType<typeof listRounds>>['items'][number];

/**
 * 考核: the rounds (each opens its ranking) and, for the enterprise admin, the schemes and the
 * opening of a round on a closed period.
 */
export function AppraisalPage() {
  const t = useT();
  const a = t.appraisal;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const manages = useReach('appraisal.manage') !== 'none';
  const rounds = useLoader(useCallback(() => listRounds(), []));
  const schemes = useLoader(useCallback(() => listSchemes(), []));
  const [editing, setEditing] = useState<AppraisalSchemeView | null | undefined>(undefined);
  const [opening, setOpening] = useState(false);
  const [openForm] = Form.useForm<{ schemeId: string; period: string }>();
  const [openError, setOpenError] = useState<unknown>(null);

  const roundColumns: TableColumnsType<RoundRow> = [
    {
      title: a.scheme,
      key: 'scheme',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={appraisalRoundPath(r.id)}>{r.scheme.name}</Link>
          {r.scheme.subjectKind === 'leader' && <Tag color="purple">{a.subjectKinds.leader}</Tag>}
        </Space>
      ),
    },
    { title: a.period, key: 'period', width: 110, render: (_, r) => r.period },
    {
      title: a.status,
      key: 'status',
      width: 150,
      render: (_, r) => <Tag color={r.status === 'published' ? 'success' : 'processing'}>{a.statuses[r.status]}</Tag>,
    },
    {
      title: a.computedAt,
      key: 'computedAt',
      width: 170,
      responsive: ['md'],
      render: (_, r) => formatDateTime(r.computedAt, locale),
    },
  ];
  const schemeColumns: TableColumnsType<AppraisalSchemeView> = [
    {
      title: a.name,
      key: 'name',
      render: (_, s) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(s)}>
          {s.name}
        </Button>
      ),
    },
    { title: a.periodKind, key: 'kind', width: 90, render: (_, s) => a.periodKinds[s.periodKind] },
    { title: a.level, key: 'level', width: 90, render: (_, s) => a.levels[s.level] },
    { title: a.subjectKind, key: 'subject', width: 100, render: (_, s) => a.subjectKinds[s.subjectKind] },
    {
      title: a.status,
      key: 'version',
      width: 150,
      render: (_, s) => (
        <Flex gap={4}>
          <Tag>{format(a.version, { version: s.version })}</Tag>
          {s.frozen && <Tag color="default">{a.frozen}</Tag>}
        </Flex>
      ),
    },
  ];

  const submitRound = async () => {
    const values = await openForm.validateFields();
    setOpenError(null);
    try {
      const round = await openRound(values.schemeId, values.period.trim());
      setOpening(false);
      void message.success(t.common.saved);
      void navigate(appraisalRoundPath(round.id));
    } catch (caught) {
      setOpenError(caught);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={a.rounds}
        extra={
          manages && (
            <Button type="primary" onClick={() => setOpening(true)} data-testid="appraisal-open-round">
              {a.openRound}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{a.description}</Typography.Paragraph>
        {rounds.error !== null && <Alert type="error" showIcon title={errorText(t, rounds.error, locale)} />}
        <DataTable<RoundRow>
          rowKey="id"
          size="small"
          columns={roundColumns}
          dataSource={rounds.data?.items ?? []}
          loading={rounds.loading}
          cardTitleKey="scheme"
          pagination={false}
          locale={{ emptyText: a.empty }}
          data-testid="appraisal-rounds"
        />
      </Card>
      {manages && (
        <Card
          title={a.schemes}
          extra={
            <Button onClick={() => setEditing(null)} data-testid="appraisal-new-scheme">
              {a.newScheme}
            </Button>
          }
        >
          <DataTable<AppraisalSchemeView>
            rowKey="id"
            size="small"
            columns={schemeColumns}
            dataSource={schemes.data?.items ?? []}
            loading={schemes.loading}
            cardTitleKey="name"
            pagination={false}
            locale={{ emptyText: a.noSchemes }}
            data-testid="appraisal-schemes"
          />
        </Card>
      )}
      <SchemeModal
        scheme={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          schemes.reload();
        }}
      />
      <Modal
        open={opening}
        title={a.openRound}
        onCancel={() => setOpening(false)}
        onOk={() => void submitRound()}
        okButtonProps={{ ...({ 'data-testid': 'round-open-submit' } as object) }}
        forceRender
      >
        {openError !== null && (
          <Alert type="error" showIcon title={errorText(t, openError, locale)} style={{ marginBottom: 12 }} />
        )}
        <Form form={openForm} layout="vertical">
          <Form.Item name="schemeId" label={a.scheme} rules={[{ required: true }]}>
            <Select
              data-testid="round-scheme"
              options={(schemes.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${a.periodKinds[s.periodKind]}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="period" label={a.period} extra={a.periodHint} rules={[{ required: true }]}>
            <Input placeholder="2026-Q1" maxLength={7} data-testid="round-period" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
