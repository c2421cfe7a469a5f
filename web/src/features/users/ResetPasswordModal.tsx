import { Form, Input } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { PASSWORD_MIN_LENGTH, PasswordSchema, type UserView } from '../../../../common/schemas/user.ts';
import { resetPassword } from '../../api/user.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { sameAsRule, schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

type Values = { newPassword: string; confirmPassword: string };
const FIELDS = ['newPassword', 'confirmPassword'] as const;

type Props = { user: UserView | null; onCancel: () => void; onReset: (user: UserView) => void };

/** 重置密码 for another user; open while `user` is set. */
export function ResetPasswordModal({ user, onCancel, onReset }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const passwordMessage = format(t.form.passwordMin, { min: PASSWORD_MIN_LENGTH });
  return (
    <FormModal<Values>
      open={user !== null}
      title={user === null ? t.users.resetPassword : format(t.users.resetPasswordTitle, { name: user.displayName })}
      form={form}
      fieldNames={FIELDS}
      onCancel={onCancel}
      onSubmit={async (values) => {
        if (user !== null) onReset(await resetPassword(user.id, { newPassword: values.newPassword }));
      }}
    >
      <Form.Item
        name="newPassword"
        label={t.users.newPassword}
        extra={t.users.passwordRule}
        rules={[{ required: true, message: t.common.required }, schemaRule(PasswordSchema, passwordMessage)]}
      >
        <Input.Password autoComplete="new-password" autoFocus data-testid="reset-password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t.account.confirmPassword}
        dependencies={['newPassword']}
        rules={[{ required: true, message: t.common.required }, sameAsRule('newPassword', t.account.mismatch)]}
      >
        <Input.Password autoComplete="new-password" data-testid="reset-password-confirm" />
      </Form.Item>
    </FormModal>
  );
}
