import { Suspense, useState } from 'react';
import { Drawer, Grid, Layout } from 'antd';
import { Outlet } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { AppHeader } from './AppHeader.tsx';
import { NotificationsProvider } from './NotificationsProvider.tsx';
import { SideNav } from './SideNav.tsx';

/**
 * The workbench frame. On a desktop the menu sits in a collapsible sider; below the `lg`
 * breakpoint (tablets, phones) it moves into a drawer so the content keeps the full width.
 */
export function AppLayout() {
  const screens = Grid.useBreakpoint();
  const compact = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <NotificationsProvider>
      <Layout style={{ minHeight: '100vh' }}>
        {!compact && (
          <Layout.Sider
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            width={208}
            style={{ paddingTop: 8 }}
          >
            <SideNav />
          </Layout.Sider>
        )}
        <Layout>
          <AppHeader compact={compact} onOpenMenu={() => setDrawerOpen(true)} />
          <Layout.Content style={{ padding: compact ? 12 : 24 }}>
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
        {compact && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            closable={false}
            styles={{ body: { padding: '8px 0', background: '#0f2747' } }}
          >
            <SideNav onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
      </Layout>
    </NotificationsProvider>
  );
}
