import { Button, Popconfirm, Space } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { UserView } from '../../../../common/schemas/user.ts';
import { useT } from '../../i18n/locale-context.ts';

type Props = {
  user: UserView;
  isSelf: boolean;
  busy: boolean;
  onToggleActive: (user: UserView) => void;
  onResetPassword: (user: UserView) => void;
  onContact: (user: UserView) => void;
};

/** 联系方式, 重置密码 and 停用/启用 for one row; nobody may disable their own account. */
export function UserRowActions({ user, isSelf, busy, onToggleActive, onResetPassword, onContact }: Props) {
  const t = useT();
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onContact(user)} data-testid={`user-contact-${user.username}`}>
        {t.users.contact}
      </Button>
      <Button
        type="link"
        size="small"
        onClick={() => onResetPassword(user)}
        data-testid={`user-reset-${user.username}`}
      >
        {t.users.resetPassword}
      </Button>
      {user.active ? (
        <Popconfirm
          title={t.users.disable}
          description={format(t.users.disableConfirm, { name: user.displayName })}
          okText={t.common.confirm}
          cancelText={t.common.cancel}
          onConfirm={() => onToggleActive(user)}
          disabled={isSelf}
        >
          <Button
            type="link"
            size="small"
            danger
            disabled={isSelf || busy}
            data-testid={`user-disable-${user.username}`}
          >
            {t.users.disable}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          type="link"
          size="small"
          disabled={busy}
          onClick={() => onToggleActive(user)}
          data-testid={`user-enable-${user.username}`}
        >
          {t.users.enable}
        </Button>
      )}
    </Space>
  );
}
