import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { setUserContact } from '../../api/user.ts';
import { CHANGE_PASSWORD_PATH } from '../../app/paths.ts';
import { useSession, useSessionState } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CONTACT_FIELDS, ContactFields } from '../users/ContactFields.tsx';
import { contactFormOf, contactInputOf, type ContactValues } from '../users/contact-input.ts';

/**
 * 我的账户: who one is signed in as, and one's own contact details for SMS and e-mail notifications
 * (every role may set their own: user.service setUserContact).
 */
export function AccountPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { user } = useSession();
  const { updateUser } = useSessionState();
  const [form] = Form.useForm<ContactValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: ContactValues) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await setUserContact(user.id, contactInputOf(values));
      updateUser(saved);
      form.setFieldsValue(contactFormOf(saved));
      void message.success(t.contact.saved);
    } catch (caught) {
      if (!applyFieldIssues(form, caught, CONTACT_FIELDS)) setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 640 }}>
      <Card title={t.account.title}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t.users.displayName, children: user.displayName },
            { key: 'username', label: t.users.username, children: user.username },
            { key: 'role', label: t.users.role, children: t.roles[user.role] },
            { key: 'unit', label: t.users.unit, children: user.unitName },
          ]}
        />
        <Link to={CHANGE_PASSWORD_PATH}>
          <KeyOutlined /> {t.account.changePassword}
        </Link>
      </Card>
      <Card title={t.contact.title} data-testid="account-contact">
        <Typography.Paragraph type="secondary">{t.contact.hint}</Typography.Paragraph>
        {error !== null && (
          <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 16 }} />
        )}
        <Form<ContactValues>
          form={form}
          layout="vertical"
          initialValues={contactFormOf(user)}
          disabled={saving}
          onFinish={(values) => void submit(values)}
        >
          <ContactFields key={user.mobile ?? ''} mobileOnFile={user.mobile} />
          <Button type="primary" htmlType="submit" loading={saving} data-testid="contact-submit">
            {t.common.save}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
