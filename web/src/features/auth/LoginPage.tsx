import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { LoginInput } from '../../../../common/schemas/auth.ts';
import { logIn } from '../../api/auth.ts';
import { returnPathOf } from '../../app/paths.ts';
import { useSessionState } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const FIELDS = ['username', 'password'] as const;

/** The log-in card; the error under the title comes from the catalog by error code. */
export function LoginPage() {
  const t = useT();
  const { locale } = useLocale();
  const { status, config, signIn } = useSessionState();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginInput>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (status === 'signedIn') return <Navigate to={returnPathOf(location.state)} replace />;

  const submit = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await logIn({ username: values.username.trim(), password: values.password });
      signIn(session);
      await navigate(returnPathOf(location.state), { replace: true });
    } catch (caught) {
      applyFieldIssues(form, caught, FIELDS);
      setError(errorText(t, caught, locale));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="xf-login-backdrop">
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 40px rgba(15, 39, 71, 0.25)' }}>
        <Flex justify="flex-end" style={{ marginTop: -8, marginRight: -8 }}>
          <LanguageSwitch />
        </Flex>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ margin: 0, color: '#0f2747' }}>
            {t.app.name}
          </Typography.Title>
          <Typography.Text type="secondary">{config?.enterpriseName ?? t.app.tagline}</Typography.Text>
        </Flex>
        {error !== null && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginInput>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
          disabled={submitting}
        >
          <Form.Item
            name="username"
            label={t.login.username}
            rules={[{ required: true, whitespace: true, message: t.login.usernameRequired }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t.login.password}
            rules={[{ required: true, message: t.login.passwordRequired }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
            {t.login.submit}
          </Button>
        </Form>
        {config?.demo === true && (
          <Typography.Paragraph
            type="secondary"
            style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
          >
            {t.login.demoHint}
          </Typography.Paragraph>
        )}
        {config !== null && (
          <Typography.Paragraph
            type="secondary"
            style={{ marginTop: 8, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
          >
            {format(t.app.version, { version: config.version })}
          </Typography.Paragraph>
        )}
      </Card>
    </div>
  );
}
