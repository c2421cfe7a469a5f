import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { NavItem } from '../../app/nav-items.tsx';
import { useT } from '../../i18n/locale-context.ts';

/** 常用功能: the modules the role may open, each with what this role does there. */
export function ShortcutList({ items }: { items: readonly NavItem[] }) {
  const t = useT();
  return (
    <Card size="small" title={t.home.shortcuts} data-testid="home-shortcuts">
      <List
        size="small"
        dataSource={[...items]}
        renderItem={(item) => (
          <List.Item key={item.key} style={{ paddingInline: 0 }}>
            <Link to={item.key} style={{ display: 'flex', gap: 12, alignItems: 'flex-start', width: '100%' }}>
              <span style={{ fontSize: 20, color: '#1f4e99', lineHeight: '22px' }}>{item.icon}</span>
              <span style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                <Typography.Text strong>{item.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {item.description}
                </Typography.Text>
              </span>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
