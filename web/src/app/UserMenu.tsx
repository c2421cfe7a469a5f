import { Avatar, Dropdown, Flex, Tag, Typography, type MenuProps } from 'antd';
import { IdcardOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.ts';
import { ACCOUNT_PATH, CHANGE_PASSWORD_PATH } from './paths.ts';
import { useSession, useSessionState } from './session-context.ts';

/** The account corner: who is signed in (name, role, unit) and the account actions. */
export function UserMenu({ compact }: { compact: boolean }) {
  const t = useT();
  const { user } = useSession();
  const { signOut } = useSessionState();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{t.roles[user.role]}</Typography.Text>
          <Typography.Text type="secondary">{user.unitName}</Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    {
      key: 'account',
      icon: <IdcardOutlined />,
      label: t.nav.myAccount,
      onClick: () => void navigate(ACCOUNT_PATH),
    },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: t.nav.changePassword,
      onClick: () => void navigate(CHANGE_PASSWORD_PATH),
    },
    { key: 'logout', icon: <LogoutOutlined />, label: t.nav.logout, onClick: () => void signOut(), danger: true },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Flex
        align="center"
        gap={8}
        style={{ cursor: 'pointer' }}
        data-testid="user-menu"
        role="button"
        aria-label={t.nav.account}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f4e99', flex: 'none' }} />
        {!compact && (
          <Flex align="center" gap={6} style={{ lineHeight: 1.2 }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {t.roles[user.role]}
            </Tag>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 180 }}>
              {user.unitName}
            </Typography.Text>
          </Flex>
        )}
      </Flex>
    </Dropdown>
  );
}
