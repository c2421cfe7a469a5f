import { Typography } from 'antd';
import { useT } from '../../i18n/locale-context.ts';

/** The robot address, to someone who may change it (others get it masked by the server, see SettingCard). */
export function WecomRobotSummary({ value }: { value: string | null }) {
  const t = useT();
  if (value === null) return <Typography.Text type="secondary">{t.settings.wecomRobot.none}</Typography.Text>;
  return <Typography.Text code>{value}</Typography.Text>;
}
