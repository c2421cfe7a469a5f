import { Form, Input, Select } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import {
  PASSWORD_MIN_LENGTH,
  PasswordSchema,
  ROLES,
  UsernameSchema,
  type CreateUserInput,
  type Role,
  type UserView,
} from '../../../../common/schemas/user.ts';
import { createUser } from '../../api/user.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { schemaRule } from '../../components/form-rules.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';

const FIELDS = ['username', 'displayName', 'position', 'role', 'unitId', 'password'] as const;

type Props = {
  open: boolean;
  units: readonly UnitView[];
  /** Roles the signed-in admin may hand out (see canGrantRole in common/domain/access.ts). */
  grantableRoles: readonly Role[];
  defaultUnitId: string | undefined;
  onCancel: () => void;
  onCreated: (user: UserView) => void;
};

/** 新建用户: username, name, role, unit and the first password. */
export function CreateUserModal({ open, units, grantableRoles, defaultUnitId, onCancel, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<CreateUserInput>();
  const required = { required: true, message: t.common.required };
  return (
    <FormModal<CreateUserInput>
      open={open}
      title={t.users.create}
      form={form}
      fieldNames={FIELDS}
      initialValues={defaultUnitId === undefined ? {} : { unitId: defaultUnitId }}
      okText={t.common.create}
      onCancel={onCancel}
      onSubmit={async (values) =>
        onCreated(
          await createUser({
            ...values,
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            ...(values.position === undefined || values.position.trim() === ''
              ? { position: undefined }
              : { position: values.position.trim() }),
          }),
        )
      }
    >
      <Form.Item
        name="username"
        label={t.users.username}
        extra={t.form.usernameRule}
        rules={[required, schemaRule(UsernameSchema, t.form.usernameInvalid)]}
      >
        <Input autoComplete="off" autoFocus data-testid="user-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t.users.displayName}
        rules={[
          { ...required, whitespace: true },
          { max: 40, message: format(t.form.maxLength, { max: 40 }) },
        ]}
      >
        <Input data-testid="user-display-name" />
      </Form.Item>
      <Form.Item
        name="position"
        label={t.users.position}
        extra={t.users.positionHint}
        rules={[{ max: 60, message: format(t.form.maxLength, { max: 60 }) }]}
      >
        <Input data-testid="user-position" />
      </Form.Item>
      <Form.Item name="role" label={t.users.role} rules={[required]}>
        <Select
          options={ROLES.filter((role) => grantableRoles.includes(role)).map((role) => ({
            value: role,
            label: t.roles[role],
          }))}
          data-testid="user-role"
        />
      </Form.Item>
      <Form.Item name="unitId" label={t.users.unit} rules={[required]}>
        <UnitTreeSelect units={units} activeOnly />
      </Form.Item>
      <Form.Item
        name="password"
        label={t.users.password}
        extra={t.users.passwordRule}
        rules={[required, schemaRule(PasswordSchema, format(t.form.passwordMin, { min: PASSWORD_MIN_LENGTH }))]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
    </FormModal>
  );
}
