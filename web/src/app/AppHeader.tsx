import { Button, Flex, Layout, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useT } from '../i18n/locale-context.ts';
import { NotificationBell } from './NotificationBell.tsx';
import { useSessionState } from './session-context.ts';
import { UserMenu } from './UserMenu.tsx';

type Props = { compact: boolean; onOpenMenu: () => void };

/** App name on the left; language and account on the right. On a phone, a button opens the menu. */
export function AppHeader({ compact, onOpenMenu }: Props) {
  const t = useT();
  const { config, session } = useSessionState();
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        borderBottom: '1px solid #e8edf3',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      {compact && (
        <Button
          type="text"
          icon={<MenuOutlined />}
          aria-label={t.nav.openMenu}
          onClick={onOpenMenu}
          data-testid="open-menu"
        />
      )}
      <Flex align="baseline" gap={12} style={{ flex: 1, minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap', color: '#0f2747' }}>
          {t.app.name}
        </Typography.Title>
        {!compact && config?.enterpriseName != null && (
          <Typography.Text type="secondary" ellipsis>
            {config.enterpriseName}
          </Typography.Text>
        )}
      </Flex>
      {session !== null && <NotificationBell />}
      <LanguageSwitch />
      <UserMenu compact={compact} />
    </Layout.Header>
  );
}
