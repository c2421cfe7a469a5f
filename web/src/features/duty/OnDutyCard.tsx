import { useCallback } from 'react';
import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { whoIsOnDuty } from '../../api/duty.ts';
import { DUTY_LOG_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/**
 * 当前值班 on the workbench: for my unit and each unit above it that keeps a roster, the leader and
 * the officer on duty now, the duty phone (a desk line, tap to call on a phone) and the next shift.
 */
export function OnDutyCard() {
  const t = useT();
  const d = t.duty;
  const { locale } = useLocale();
  const load = useCallback(() => whoIsOnDuty(), []);
  const duty = useLoader(load);
  return (
    <Card
      size="small"
      title={d.onDuty.title}
      extra={<Link to={DUTY_LOG_PATH}>{d.nav.log}</Link>}
      loading={duty.loading && duty.data === undefined}
      data-testid="on-duty-card"
    >
      {duty.error !== null && <Typography.Text type="danger">{errorText(t, duty.error, locale)}</Typography.Text>}
      {duty.data?.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.onDuty.none} />}
      <Flex vertical gap={12}>
        {duty.data?.items.map((item) => (
          <Flex key={item.unit.id} vertical gap={4} data-testid={`on-duty-${item.unit.id}`}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{item.unit.name}</Typography.Text>
              {item.shift !== null ? (
                <Tag color="green">
                  {d.open} {format(d.onDuty.until, { time: formatDateTime(item.shift.endAt, locale) })}
                </Tag>
              ) : (
                <Tag color="red">{d.onDuty.nobody}</Tag>
              )}
            </Flex>
            {item.shift !== null && (
              <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
                <Descriptions.Item label={d.leader}>
                  <span data-testid="on-duty-leader">{item.shift.leader.name}</span>
                </Descriptions.Item>
                <Descriptions.Item label={d.officer}>
                  <span data-testid="on-duty-officer">{item.shift.officer.name}</span>
                </Descriptions.Item>
                <Descriptions.Item label={d.phone}>
                  <a href={`tel:${item.shift.phone.replace(/[^0-9+]/g, '')}`}>
                    <PhoneOutlined /> {item.shift.phone}
                  </a>
                </Descriptions.Item>
              </Descriptions>
            )}
            {item.next !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {format(d.onDuty.next, {
                  time: formatDateTime(item.next.startAt, locale),
                  leader: item.next.leader.name,
                })}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
