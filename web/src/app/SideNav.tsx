import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.ts';
import { navItemsFor, selectedNavKeys } from './nav-items.tsx';
import { useSession } from './session-context.ts';

/** The role-dependent module menu; `onNavigate` lets the phone drawer close after a choice. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navItemsFor(user.role, t).map(({ key, icon, label }) => ({ key, icon, label }));
  return (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-nav"
      selectedKeys={selectedNavKeys(pathname)}
      items={items}
      onClick={({ key }) => {
        onNavigate?.();
        void navigate(key);
      }}
    />
  );
}
