import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  PARTNER_ORGANISATION_KINDS,
  type PartnerOrganisationInput,
  type PartnerOrganisationView,
} from '../../../../common/schemas/partner.ts';
import {
  addMember,
  createOrganisation,
  listOrganisations,
  listPartnerAccounts,
  removeMember,
} from '../../api/partner.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const FIELDS = ['name', 'kind', 'contact'] as const;

/**
 * 协作单位: the township, 人社局, union, police liaison, law firms and social-work bodies the office
 * works with (第5条 多元化解), and which partner accounts belong to each.
 */
export function PartnerOrganisationsPage() {
  const t = useT();
  const o = t.partner.organisations;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(async () => {
    const [organisations, accounts] = await Promise.all([listOrganisations(), listPartnerAccounts()]);
    return { organisations: organisations.items, accounts: accounts.items };
  }, []);
  const loaded = useLoader(load);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<PartnerOrganisationInput>();
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      void message.success(t.common.saved);
      loaded.reload();
    } catch (caught) {
      setError(errorText(t, caught, locale));
    }
  };

  const accounts = loaded.data?.accounts ?? [];
  const free = accounts.filter((a) => a.organisationId === null);

  const card = (org: PartnerOrganisationView) => (
    <Card
      key={org.id}
      size="small"
      title={
        <Space wrap>
          <span>{org.name}</span>
          <Tag>{t.partner.kinds[org.kind]}</Tag>
        </Space>
      }
      data-testid={`partner-org-${org.id}`}
    >
      {org.contact !== null && (
        <Typography.Paragraph type="secondary">
          {o.contact}：{org.contact}
        </Typography.Paragraph>
      )}
      <Typography.Text strong>{o.members}</Typography.Text>
      <List
        size="small"
        dataSource={org.members}
        locale={{ emptyText: t.common.empty }}
        renderItem={(member) => (
          <List.Item
            actions={[
              <Popconfirm
                key="remove"
                title={o.removeMember}
                okText={t.common.confirm}
                cancelText={t.common.cancel}
                onConfirm={() => void run(() => removeMember(org.id, member.userId))}
              >
                <Button size="small" danger type="link">
                  {o.removeMember}
                </Button>
              </Popconfirm>,
            ]}
          >
            {member.name}
          </List.Item>
        )}
      />
      <Select<string | null>
        style={{ width: '100%', marginTop: 8 }}
        placeholder={free.length === 0 ? o.noAccounts : o.addMember}
        disabled={free.length === 0}
        value={null}
        options={free.map((a) => ({ value: a.userId, label: a.name }))}
        onChange={(userId) => {
          if (userId !== null) void run(() => addMember(org.id, userId));
        }}
        data-testid={`partner-org-add-${org.id}`}
      />
    </Card>
  );

  return (
    <Card
      title={o.title}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="partner-org-create"
        >
          {o.create}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {o.description}
        </Typography.Paragraph>
        {loaded.error !== null && <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />}
        {error !== null && <Alert type="error" showIcon title={error} />}
        {loaded.data !== undefined && loaded.data.organisations.length === 0 && (
          <Typography.Text type="secondary">{o.empty}</Typography.Text>
        )}
        {(loaded.data?.organisations ?? []).map(card)}
      </Flex>
      <FormModal<PartnerOrganisationInput>
        open={creating}
        title={o.create}
        form={form}
        fieldNames={FIELDS}
        initialValues={{ kind: 'township' }}
        okTestId="partner-org-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const contact = values.contact?.trim();
          await createOrganisation({
            name: values.name,
            kind: values.kind,
            ...(contact === undefined || contact === '' ? {} : { contact }),
          });
          setCreating(false);
          loaded.reload();
        }}
      >
        <Form.Item
          name="name"
          label={o.name}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="partner-org-name" />
        </Form.Item>
        <Form.Item name="kind" label={o.kind} rules={[{ required: true, message: t.common.required }]}>
          <Select options={PARTNER_ORGANISATION_KINDS.map((value) => ({ value, label: t.partner.kinds[value] }))} />
        </Form.Item>
        <Form.Item name="contact" label={o.contact}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
