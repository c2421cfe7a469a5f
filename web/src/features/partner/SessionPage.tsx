import { useCallback, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Result, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { SessionView } from '../../../../common/schemas/partner.ts';
import type { ReceiptView } from '../../../../common/schemas/intake.ts';
import { getSession, registerVisit } from '../../api/partner.ts';
import { PARTNER_SESSIONS_PATH, petitionPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';
import { RegisterPetitionForm } from '../petitions/RegisterPetitionForm.tsx';

type CaseRow = SessionView['cases'][number];

/**
 * One joint reception: who sits, the cases registered in it, and — for the office — a walk-in
 * registered here on the spot with the same registration form as the window (来访), so the partners
 * sitting read the case until the session's access end.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const t = useT();
  const s = t.partner.sessions;
  const { locale } = useLocale();
  const load = useCallback(() => getSession(id), [id]);
  const session = useLoader(load);
  const [receipt, setReceipt] = useState<ReceiptView | null>(null);
  const [round, setRound] = useState(0);

  if (session.data === undefined) {
    if (session.loading) return <PageSpinner />;
    return (
      <Result
        status="warning"
        title={errorText(t, session.error, locale)}
        extra={<Link to={PARTNER_SESSIONS_PATH}>{s.back}</Link>}
      />
    );
  }
  const view = session.data;
  const columns: TableColumnsType<CaseRow> = [
    {
      title: t.petitions.caseNumber,
      key: 'caseNumber',
      render: (_, row) => <Link to={petitionPath(row.petitionId)}>{row.caseNumber}</Link>,
    },
    { title: t.petitions.caseTitle, key: 'title', dataIndex: 'title' },
    { title: t.common.status, key: 'state', render: (_, row) => <PetitionStateTag state={row.state} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={view.title}
        extra={
          <Link to={PARTNER_SESSIONS_PATH}>
            <ArrowLeftOutlined /> {s.back}
          </Link>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={s.place}>{view.place}</Descriptions.Item>
          <Descriptions.Item label={s.startsAt}>
            {formatDateTime(view.startsAt, locale)} – {formatDateTime(view.endsAt, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={s.accessUntil}>{formatDateTime(view.accessUntil, locale)}</Descriptions.Item>
          <Descriptions.Item label={s.partners}>
            <Flex wrap gap={4}>
              {view.partners.map((p) => (
                <Tag key={p.userId}>{p.organisationName === null ? p.name : `${p.name}（${p.organisationName}）`}</Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={s.leaders}>
            {view.leaders.map((l) => l.name).join('、') || t.common.none}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={s.cases}>
        <DataTable<CaseRow>
          rowKey="petitionId"
          columns={columns}
          dataSource={view.cases}
          locale={{ emptyText: s.noCases }}
          pagination={false}
          data-testid="session-cases"
        />
      </Card>
      {view.mayRegister && (
        <Card size="small" title={s.register}>
          <Typography.Paragraph type="secondary">{s.registerHint}</Typography.Paragraph>
          {receipt !== null && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              title={format(s.registered, { caseNumber: receipt.caseNumber })}
              action={
                receipt.readable ? (
                  <Link to={petitionPath(receipt.petitionId)} data-testid="session-case-link">
                    <Button size="small" type="primary">
                      {s.openCase}
                    </Button>
                  </Link>
                ) : undefined
              }
              data-testid="session-registered"
            />
          )}
          <RegisterPetitionForm
            key={round}
            submit={async (input) => {
              const answer = await registerVisit(view.id, input);
              setReceipt(answer.receipt);
              setRound((n) => n + 1);
              session.reload();
            }}
          />
        </Card>
      )}
    </Flex>
  );
}
