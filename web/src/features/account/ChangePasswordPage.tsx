import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { PASSWORD_MIN_LENGTH, PasswordSchema } from '../../../../common/schemas/user.ts';
import { changePassword } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { sameAsRule, schemaRule } from '../../components/form-rules.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };
const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** 修改密码: the current password, then the new one twice. */
export function ChangePasswordPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t.account.changed);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'PASSWORD_INCORRECT') {
        form.setFields([{ name: 'currentPassword', errors: [t.errors.PASSWORD_INCORRECT] }]);
      } else if (caught instanceof ApiError && caught.code === 'PASSWORD_TOO_WEAK') {
        form.setFields([{ name: 'newPassword', errors: [t.errors.PASSWORD_TOO_WEAK] }]);
      } else if (!applyFieldIssues(form, caught, FIELDS)) {
        setError(errorText(t, caught, locale));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const required = { required: true, message: t.common.required };
  return (
    <Card title={t.account.changePassword} style={{ maxWidth: 480 }}>
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={submitting}>
        <Form.Item name="currentPassword" label={t.account.currentPassword} rules={[required]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.account.newPassword}
          extra={t.users.passwordRule}
          rules={[required, schemaRule(PasswordSchema, format(t.form.passwordMin, { min: PASSWORD_MIN_LENGTH }))]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t.account.confirmPassword}
          dependencies={['newPassword']}
          rules={[required, sameAsRule('newPassword', t.account.mismatch)]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
          {t.common.save}
        </Button>
      </Form>
    </Card>
  );
}
