import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Role } from '../../../common/schemas/user.ts';
import { useT } from '../i18n/locale-context.ts';
import { useSession } from './session-context.ts';

/** Shows a 403 result instead of a page the signed-in role may not open (the server refuses it anyway). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useT();
  const { user } = useSession();
  if (!roles.includes(user.role)) return <Result status="403" title={t.errors.FORBIDDEN} />;
  return children;
}
