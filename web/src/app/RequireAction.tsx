import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Action } from '../../../common/domain/access.ts';
import { useT } from '../i18n/locale-context.ts';
import { useReach } from './session-context.ts';

/** Shows a 403 result instead of a page the role may not open (the server refuses it anyway). */
export function RequireAction({ action, children }: { action: Action; children: ReactNode }) {
  const t = useT();
  if (useReach(action) === 'none') return <Result status="403" title={t.errors.FORBIDDEN} />;
  return children;
}
