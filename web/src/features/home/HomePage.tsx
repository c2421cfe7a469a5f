import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { navItemsFor } from '../../app/nav-items.tsx';
import { HOME_PATH } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/** The workbench start page: who you are, and the modules your role may open. */
export function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const { user, expiresAt } = useSession();
  const modules = navItemsFor(user.role, t).filter((item) => item.key !== HOME_PATH);

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
        <Typography.Text type="secondary">{format(t.home.sessionExpires, { time: formatDateTime(expiresAt, locale) })}</Typography.Text>
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
                    <Card.Meta avatar={<span style={{ fontSize: 22, color: '#1f4e99' }}>{item.icon}</span>} title={item.label} description={item.description} />
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
