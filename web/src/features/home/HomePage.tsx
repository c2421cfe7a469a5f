import { Card, Col, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { navItemsFor } from '../../app/nav-items.tsx';
import { HOME_PATH } from '../../app/paths.ts';
import { useReach, useSession } from '../../app/session-context.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NotificationsCard } from './NotificationsCard.tsx';
import { OversightPanel } from './OversightPanel.tsx';
import { ShortcutList } from './ShortcutList.tsx';
import { SystemStatusCard } from './SystemStatusCard.tsx';
import { TodoList } from './TodoList.tsx';
import { OnDutyCard } from '../duty/OnDutyCard.tsx';

/**
 * The workbench start page. Roles that carry cases get 我的待办 and their notifications. The others
 * get what they do instead: whoever maintains the system sees its state (calendar, accounts, units,
 * audit chain); whoever reads without handling (考核/纪检) gets the ledger export and the latest audit
 * entries; everyone gets the modules they may open, each described as this role uses it.
 */
export function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const { user, expiresAt } = useSession();
  const modules = navItemsFor(user.role, t).filter((item) => item.key !== HOME_PATH);
  const reach = {
    todo: useReach('todo.read'),
    users: useReach('user.manage'),
    calendar: useReach('calendar.manage'),
    audit: useReach('audit.read'),
    petitions: useReach('petition.read'),
    duty: useReach('duty.read'),
  };
  const carriesCases = reach.todo !== 'none';
  const maintains = reach.users !== 'none' || reach.calendar !== 'none';
  const oversees = reach.audit !== 'none' && reach.petitions !== 'none';
  const roleTag = (
    <Tooltip title={t.home.roleSummary[user.role]}>
      <Tag color="blue">{format(t.home.yourRole, { role: t.roles[user.role] })}</Tag>
    </Tooltip>
  );
  const expires = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {format(t.home.sessionExpires, { time: formatDateTime(expiresAt, locale) })}
    </Typography.Text>
  );

  if (carriesCases) {
    return (
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex wrap gap={8} align="center">
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="home-welcome">
                {format(t.home.welcome, { name: user.displayName })}
              </Typography.Title>
              {roleTag}
              <Tag>{format(t.home.yourUnit, { unit: user.unitName })}</Tag>
            </Flex>
            {expires}
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
        {reach.duty !== 'none' && <OnDutyCard />}
        <Row gutter={[16, 16]}>
          {/* The to-do list needs the width for one line per case; the notifications sit beside it only on wide screens. */}
          <Col xs={24} xxl={16}>
            <TodoList mode="home" />
          </Col>
          <Col xs={24} xxl={8}>
            <NotificationsCard />
          </Col>
        </Row>
      </Flex>
    );
  }

  const panels = maintains || oversees;
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex vertical gap={6}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex wrap gap={8} align="center">
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="home-welcome">
                {format(t.home.welcome, { name: user.displayName })}
              </Typography.Title>
              <Tag color="blue">{format(t.home.yourRole, { role: t.roles[user.role] })}</Tag>
              <Tag>{format(t.home.yourUnit, { unit: user.unitName })}</Tag>
            </Flex>
            {expires}
          </Flex>
          <Typography.Text data-testid="home-role-summary">{t.home.roleSummary[user.role]}</Typography.Text>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        {panels && (
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              {maintains && <SystemStatusCard />}
              {oversees && <OversightPanel />}
            </Flex>
          </Col>
        )}
        {modules.length > 0 && (
          <Col xs={24} xl={panels ? 10 : 24}>
            <ShortcutList items={modules} />
          </Col>
        )}
      </Row>
    </Flex>
  );
}
