import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.ts';
import { NAV_SECTIONS, navItemsFor, selectedNavKeys } from './nav-items.tsx';
import { useSession } from './session-context.ts';

/**
 * The role-dependent module menu, its entries under section headings (a desk officer finds 值班 under
 * 值班应急 rather than in a list of thirty); `onNavigate` lets the phone drawer close after a choice.
 */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = navItemsFor(user.role, t);
  type Item = NonNullable<MenuProps['items']>[number];
  const items = NAV_SECTIONS.flatMap((section): Item[] => {
    const children = entries
      .filter((entry) => entry.section === section)
      .map(({ key, icon, label }) => ({ key, icon, label }));
    if (children.length === 0) return [];
    if (section === 'top') return children;
    return [{ type: 'group' as const, key: `section-${section}`, label: t.nav.sections[section], children }];
  });
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
