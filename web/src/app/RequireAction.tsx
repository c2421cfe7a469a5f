import type { ReactNode } from 'react';
import { Result } from 'antd';
import { reachOf, type Action } from '../../../common/domain/access.ts';
import { useT } from '../i18n/locale-context.ts';
import { useSessionState } from './session-context.ts';

/**
 * Shows a 403 result instead of a page the role may not open (the server refuses it anyway). With
 * several actions, any one of them opens the page (a joint reception: the office's, or a partner's).
 */
export function RequireAction({ action, children }: { action: Action | readonly Action[]; children: ReactNode }) {
  const t = useT();
  const { session } = useSessionState();
  const actions: readonly Action[] = typeof action === 'string' ? [action] : action;
  if (session === null || actions.every((one) => reachOf(session.user.role, one) === 'none'))
    return <Result status="403" title={t.errors.FORBIDDEN} />;
  return children;
}
