import { Tag, Tooltip } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { UserView } from '../../../../common/schemas/user.ts';
import { formatDateTime, isStillLocked } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/** 启用 / 停用, plus 已锁定 (with the unlock time) while a log-in lock lasts. */
export function UserStatus({ user }: { user: UserView }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <>
      {user.active ? <Tag color="success">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>}
      {user.lockedUntil !== null && isStillLocked(user.lockedUntil) && (
        <Tooltip title={format(t.users.lockedUntil, { time: formatDateTime(user.lockedUntil, locale) })}>
          <Tag color="warning">{t.users.locked}</Tag>
        </Tooltip>
      )}
    </>
  );
}
