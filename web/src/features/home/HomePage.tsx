import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { navItemsFor } from '../../app/nav-items.tsx';
import { HOME_PATH } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { hasAction } from '../../../../common/domain/access.ts';
import { NotificationsCard } from './NotificationsCard.tsx';
import { TodoList } from './TodoList.tsx';

/** The workbench start page: who you are, 我的待办 for roles that carry cases, and the modules your role may open. */
export function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const { user, expiresAt } = useSession();
  const modules = navItemsFor(user.role, t).filter((item) => item.key !== HOME_PATH);

  if (hasAction(user.role, 'todo.read')) {
    return (
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex wrap gap={8} align="center">
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="home-welcome">
                {format(t.home.welcome, { name: user.displayName })}
              </Typography.Title>
              <Tag color="blue">{format(t.home.yourRole, { role: t.roles[user.role] })}</Tag>
              <Tag>{format(t.home.yourUnit, { unit: user.unitName })}</Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format(t.home.sessionExpires, { time: formatDateTime(expiresAt, locale) })}
            </Typography.Text>
          </Flex>
          {modules.length > 0 && (
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              {modules.map((item) => (
                <Link key={item.key} to={item.key}>
                  <Tag icon={item.icon} style={{ cursor: 'pointer', padding: '2px 8px' }}>
                    {item.label}
                  </Tag>
                </Link>
              ))}
            </Flex>
          )}
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <TodoList />
          </Col>
          <Col xs={24} xl={8}>
            <NotificationsCard />
          </Col>
        </Row>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-welcome">
          {format(t.home.welcome, { name: user.displayName })}
        </Typography.Title>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Tag color="blue">{format(t.home.yourRole, { role: t.roles[user.role] })}</Tag>
          <Tag>{format(t.home.yourUnit, { unit: user.unitName })}</Tag>
        </Flex>
        <Typography.Paragraph style={{ marginBottom: 4 }}>{t.home.comingSoon}</Typography.Paragraph>
        <Typography.Text type="secondary">
          {format(t.home.sessionExpires, { time: formatDateTime(expiresAt, locale) })}
        </Typography.Text>
      </Card>
      {modules.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t.home.shortcuts}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {modules.map((item) => (
              <Col key={item.key} xs={24} sm={12} lg={8}>
                <Link to={item.key}>
                  <Card hoverable size="small">
                    <Card.Meta
                      avatar={<span style={{ fontSize: 22, color: '#1f4e99' }}>{item.icon}</span>}
                      title={item.label}
                      description={item.description}
                    />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </>
      )}
    </Flex>
  );
}
