import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OPINION_CAPACITIES, type CasePartnersView, type OpinionCapacity } from '../../../../common/schemas/partner.ts';
import {
  casePartners,
  endInvitation,
  giveOpinion,
  grantIdentity,
  invitePartner,
  listOrganisations,
  listPartnerAccounts,
  referToPartner,
} from '../../api/partner.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type InviteValues = { userId: string; expiresAt: Dayjs };
type ReferValues = { organisationId: string; note: string; expiresAt: Dayjs };
type OpinionValues = { capacity: OpinionCapacity; opinion: string };
type Dialog = 'invite' | 'refer' | null;

/** What the office's dialogs pick from: the partner accounts and organisations of its units. */
async function choices() {
  const [accounts, organisations] = await Promise.all([listPartnerAccounts(), listOrganisations()]);
  return {
    accounts: accounts.items.map((a) => ({
      value: a.userId,
      label: a.organisationName === null ? a.name : `${a.name}（${a.organisationName}）`,
    })),
    organisations: organisations.items.map((o) => ({ value: o.id, label: o.name })),
  };
}

/**
 * The case page's 协作 card (第5条 多元化解, 第30条 identity): the office invites a partner until an
 * instant, grants the petitioner's identity on this case (audited), ends an invitation, refers the
 * case to the organisation that can decide; an invited partner writes his opinion (意见).
 */
export function CasePartnersCard({ petitionId, onChanged }: { petitionId: string; onChanged: () => void }) {
  const t = useT();
  const c = t.partner.case;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => casePartners(petitionId), [petitionId]);
  const loaded = useLoader(load);
  const [view, setView] = useState<CasePartnersView | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const loadChoices = useCallback(() => (dialog === null ? Promise.resolve(undefined) : choices()), [dialog]);
  const picks = useLoader(loadChoices);
  const [inviteForm] = Form.useForm<InviteValues>();
  const [referForm] = Form.useForm<ReferValues>();
  const [opinionForm] = Form.useForm<OpinionValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const current = view ?? loaded.data;
  if (current === undefined) return null;
  if (!current.mayManage && !current.mayGiveOpinion && current.invitations.length === 0) return null;

  const done = (next: CasePartnersView) => {
    setView(next);
    void message.success(t.common.saved);
    onChanged();
  };
  const run = async (work: () => Promise<CasePartnersView>) => {
    setError(null);
    try {
      done(await work());
    } catch (caught) {
      setError(errorText(t, caught, locale));
    }
  };
  const defaultExpiry = dayjs().add(30, 'day').hour(18).minute(0).second(0);

  return (
    <Card
      size="small"
      title={c.title}
      data-testid="case-partners"
      extra={
        current.mayManage && (
          <Space wrap>
            <Button size="small" onClick={() => setDialog('invite')} data-testid="partner-invite">
              {c.invite}
            </Button>
            <Button size="small" onClick={() => setDialog('refer')} data-testid="partner-refer">
              {c.refer}
            </Button>
          </Space>
        )
      }
    >
      <Flex vertical gap={12}>
        {error !== null && <Alert type="error" showIcon title={error} />}
        <List
          size="small"
          header={<Typography.Text strong>{c.invitations}</Typography.Text>}
          dataSource={current.invitations}
          locale={{ emptyText: c.none }}
          renderItem={(item) => (
            <List.Item
              data-testid={`partner-invitation-${item.userId}`}
              actions={
                current.mayManage && item.current
                  ? [
                      !item.identityGranted && (
                        <Popconfirm
                          key="grant"
                          title={c.grantConfirm}
                          okText={t.common.confirm}
                          cancelText={t.common.cancel}
                          onConfirm={() => void run(() => grantIdentity(petitionId, item.userId))}
                        >
                          <Button size="small" type="link" data-testid={`partner-grant-${item.userId}`}>
                            {c.grantIdentity}
                          </Button>
                        </Popconfirm>
                      ),
                      <Popconfirm
                        key="end"
                        title={c.endConfirm}
                        okText={t.common.confirm}
                        cancelText={t.common.cancel}
                        onConfirm={() => void run(() => endInvitation(petitionId, item.userId))}
                        okButtonProps={{ 'data-testid': 'partner-end-confirm' }}
                      >
                        <Button size="small" type="link" danger data-testid={`partner-end-${item.userId}`}>
                          {c.end}
                        </Button>
                      </Popconfirm>,
                    ].filter(Boolean)
                  : []
              }
            >
              <Flex vertical gap={2}>
                <Space wrap>
                  <Typography.Text>{item.name}</Typography.Text>
                  {item.organisationName !== null && (
                    <Typography.Text type="secondary">{item.organisationName}</Typography.Text>
                  )}
                  <Tag color={item.current ? 'green' : 'default'}>{item.current ? c.current : c.expired}</Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.expiresAt}：{formatDateTime(item.expiresAt, locale)} · {c.identity}：
                  {item.identityGranted ? c.identityGranted : c.identityHidden}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        {current.mayGiveOpinion && (
          <Form<OpinionValues>
            form={opinionForm}
            layout="vertical"
            initialValues={{ capacity: 'lawyer' }}
            disabled={busy}
            onFinish={(values) => {
              setBusy(true);
              void run(() => giveOpinion(petitionId, values)).finally(() => {
                setBusy(false);
                opinionForm.resetFields(['opinion']);
              });
            }}
          >
            <Typography.Text strong>{c.opinion}</Typography.Text>
            <Form.Item name="capacity" label={c.capacity} rules={[{ required: true, message: t.common.required }]}>
              <Select options={OPINION_CAPACITIES.map((value) => ({ value, label: t.partner.capacities[value] }))} />
            </Form.Item>
            <Form.Item
              name="opinion"
              label={c.opinionText}
              rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} data-testid="opinion-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="opinion-submit">
              {c.opinion}
            </Button>
          </Form>
        )}
      </Flex>
      <FormModal<InviteValues>
        open={dialog === 'invite'}
        title={c.invite}
        form={inviteForm}
        fieldNames={['userId', 'expiresAt']}
        initialValues={{ expiresAt: defaultExpiry }}
        okTestId="partner-invite-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          const next = await invitePartner(petitionId, { userId: values.userId, expiresAt: values.expiresAt.format() });
          setDialog(null);
          done(next);
        }}
      >
        <Form.Item name="userId" label={c.person} rules={[{ required: true, message: t.common.required }]}>
          <Select options={picks.data?.accounts ?? []} loading={picks.loading} data-testid="partner-invite-user" />
        </Form.Item>
        <Form.Item name="expiresAt" label={c.expiresAt} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </FormModal>
      <FormModal<ReferValues>
        open={dialog === 'refer'}
        title={c.refer}
        form={referForm}
        fieldNames={['organisationId', 'note', 'expiresAt']}
        initialValues={{ expiresAt: defaultExpiry }}
        okTestId="partner-refer-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          const next = await referToPartner(petitionId, {
            organisationId: values.organisationId,
            note: values.note,
            expiresAt: values.expiresAt.format(),
          });
          setDialog(null);
          done(next);
        }}
      >
        <Form.Item
          name="organisationId"
          label={c.organisation}
          rules={[{ required: true, message: t.common.required }]}
        >
          <Select options={picks.data?.organisations ?? []} loading={picks.loading} data-testid="partner-refer-org" />
        </Form.Item>
        <Form.Item
          name="note"
          label={c.note}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="partner-refer-note" />
        </Form.Item>
        <Form.Item name="expiresAt" label={c.expiresAt} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
