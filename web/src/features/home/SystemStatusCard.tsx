import { useCallback, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { NEXT_YEAR_FROM_MONTH } from '../../../../common/domain/calendar.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { AuditVerifyView } from '../../../../common/schemas/audit.ts';
import type { CalendarYearView } from '../../../../common/schemas/calendar.ts';
import { verifyAuditChain } from '../../api/audit.ts';
import { getCalendarYear } from '../../api/calendar.ts';
import { listUnits } from '../../api/unit.ts';
import { listUsers } from '../../api/user.ts';
import { CALENDAR_PATH, UNITS_PATH, USERS_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { isStillLocked } from '../../components/format-time.ts';
import { useLoader, type Loaded } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { AuditVerifyResult } from '../audit/AuditVerifyResult.tsx';

const nothing = () => Promise.resolve(null);

function Row({ label, children, action }: { label: ReactNode; children: ReactNode; action?: ReactNode }) {
  return (
    <Flex gap={12} align="baseline" justify="space-between" wrap style={{ padding: '6px 0' }}>
      <Typography.Text type="secondary" style={{ minWidth: 120 }}>
        {label}
      </Typography.Text>
      <Flex gap={8} align="baseline" wrap style={{ flex: 1, minWidth: 0 }}>
        {children}
      </Flex>
      {action}
    </Flex>
  );
}

function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const t = useT();
  const { locale } = useLocale();
  if (loaded.error !== null)
    return <Typography.Text type="danger">{errorText(t, loaded.error, locale)}</Typography.Text>;
  if (loaded.data === undefined) return <Skeleton.Input active size="small" />;
  return children(loaded.data);
}

/**
 * 系统状态 on an administrator's 工作台: the working-day calendar of this year (and of the next one
 * from October, when new time limits run into it) with a warning while a year is empty, the accounts
 * and units, and the audit chain check. Each line shows only when the role holds its action.
 */
export function SystemStatusCard() {
  const t = useT();
  const s = t.home.status;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const calendarReach = useReach('calendar.manage');
  const userReach = useReach('user.manage');
  const unitReach = useReach('unit.manage');
  const auditReach = useReach('audit.read');

  const today = dayjs();
  const years = today.month() + 1 >= NEXT_YEAR_FROM_MONTH ? [today.year(), today.year() + 1] : [today.year()];
  const yearsKey = years.join(',');
  const loadCalendars = useCallback(
    () =>
      calendarReach === 'none'
        ? nothing()
        : Promise.all(yearsKey.split(',').map((year) => getCalendarYear(Number(year)))),
    [calendarReach, yearsKey],
  );
  const calendars = useLoader(loadCalendars);
  const loadUsers = useCallback(
    () => (userReach === 'none' ? nothing() : listUsers({ includeInactive: false })),
    [userReach],
  );
  const users = useLoader(loadUsers);
  const loadUnits = useCallback(() => (unitReach === 'none' ? nothing() : listUnits(false)), [unitReach]);
  const units = useLoader(loadUnits);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerifyView | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      setVerified(await verifyAuditChain());
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setVerifying(false);
    }
  };

  // A year without a single holiday is empty, whatever 调休 rows it holds: its deadlines are off.
  const hasHolidays = (view: CalendarYearView) => view.entries.some((entry) => entry.kind === 'holiday');
  const emptyYears = (calendars.data ?? []).filter((view) => !hasHolidays(view));
  const calendarLink = (view: CalendarYearView) => (
    <Link to={`${CALENDAR_PATH}?year=${view.year}`} data-testid={`status-calendar-${view.year}`}>
      {view.canManage && !hasHolidays(view) ? s.calendarFill : s.calendarOpen}
    </Link>
  );

  return (
    <Card size="small" title={s.title} data-testid="system-status">
      <Flex vertical gap={4}>
        {emptyYears.map((view) => (
          <Alert
            key={view.year}
            type="warning"
            showIcon
            title={format(s.calendarEmpty, { year: view.year })}
            action={calendarLink(view)}
            data-testid="status-calendar-empty"
          />
        ))}
        {calendarReach !== 'none' &&
          years.map((year, index) => (
            <Row key={year} label={format(s.calendarYear, { year })}>
              <Loading loaded={calendars}>
                {(views) => {
                  const view = views?.[index];
                  if (view === undefined) return null;
                  const holidays = view.entries.filter((entry) => entry.kind === 'holiday').length;
                  return (
                    <>
                      {!hasHolidays(view) ? (
                        <Tag color="warning">{s.calendarMissing}</Tag>
                      ) : (
                        <Typography.Text>
                          {format(s.calendarCount, { holidays, workdays: view.entries.length - holidays })}
                        </Typography.Text>
                      )}
                      {/* An empty year's link is in its warning above. */}
                      {hasHolidays(view) && calendarLink(view)}
                    </>
                  );
                }}
              </Loading>
            </Row>
          ))}
        {userReach !== 'none' && (
          <Row label={s.users} action={<Link to={USERS_PATH}>{s.manage}</Link>}>
            <Loading loaded={users}>
              {(list) => {
                const all = list ?? [];
                const locked = all.filter((user) => isStillLocked(user.lockedUntil)).length;
                const never = all.filter((user) => user.lastLoginAt === null).length;
                return (
                  <>
                    <Typography.Text strong data-testid="status-users">
                      {all.length}
                    </Typography.Text>
                    {locked > 0 && <Tag color="error">{format(s.usersLocked, { count: locked })}</Tag>}
                    {never > 0 && <Tag>{format(s.usersNeverLoggedIn, { count: never })}</Tag>}
                  </>
                );
              }}
            </Loading>
          </Row>
        )}
        {unitReach !== 'none' && (
          <Row label={s.units} action={<Link to={UNITS_PATH}>{s.manage}</Link>}>
            <Loading loaded={units}>{(list) => <Typography.Text strong>{list?.length ?? 0}</Typography.Text>}</Loading>
          </Row>
        )}
        {auditReach !== 'none' && (
          <Row
            label={s.auditChain}
            action={
              <Button
                size="small"
                icon={<SafetyCertificateOutlined />}
                loading={verifying}
                onClick={() => void verify()}
                data-testid="status-audit-verify"
              >
                {t.audit.verify}
              </Button>
            }
          >
            {verified !== null && <AuditVerifyResult result={verified} />}
          </Row>
        )}
      </Flex>
    </Card>
  );
}
