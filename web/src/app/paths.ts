/** The browser routes, in one place so links and redirects agree. */
export const LOGIN_PATH = '/login';
export const HOME_PATH = '/';
export const UNITS_PATH = '/units';
export const USERS_PATH = '/users';
export const AUDIT_PATH = '/audit';
export const CHANGE_PASSWORD_PATH = '/account/password';
export const PETITIONS_PATH = '/petitions';
export const PETITION_NEW_PATH = '/petitions/new';
export const PETITION_SUPERVISION_PATH = '/petitions/supervision';
export const CATEGORIES_PATH = '/categories';
export const CALENDAR_PATH = '/calendar';
export const DOCUMENT_TEMPLATES_PATH = '/document-templates';
/** The portal guidance editor (the portal itself is /portal, a page of its own). */
export const PORTAL_GUIDANCE_PATH = '/portal-guidance';
export const LEDGER_IMPORT_PATH = '/ledger/import';
export const WARNINGS_PATH = '/warnings';
export const DASHBOARD_PATH = '/dashboard';
export const WARNING_SETTINGS_PATH = '/warning-settings';
export const SETTINGS_PATH = '/settings';
/** 我的账户: one's own account and contact details. */
export const ACCOUNT_PATH = '/account';
/** 来访登记 and 来电登记 (issue #14). */
export const VISIT_RECORD_NEW_PATH = '/visit-records/new';
export const CALL_RECORDS_PATH = '/call-records';
/** 协作单位, 联合接访, 企地联调 and a partner's 我的协作 (issue #16). */
export const PARTNER_ORGANISATIONS_PATH = '/partner-organisations';
export const PARTNER_SESSIONS_PATH = '/partner-sessions';
export const MEDIATION_PATH = '/mediation';
export const PARTNER_WORKSPACE_PATH = '/partner-workspace';

/** One joint reception session. */
export function partnerSessionPath(id: string): string {
  return `${PARTNER_SESSIONS_PATH}/${encodeURIComponent(id)}`;
}

/** One joint mediation matter. */
export function mediationMatterPath(id: string): string {
  return `${MEDIATION_PATH}/${encodeURIComponent(id)}`;
}

/** The printable transcript (笔录) of one visit, outside the workbench frame. */
export function visitRecordPrintPath(id: string): string {
  return `/visit-records/${encodeURIComponent(id)}/print`;
}

/** 我的待办, all of it (the 工作台 shows the most urgent). */
export const TODOS_PATH = '/todos';
/** All my notifications, paged (the bell shows the latest). */
export const NOTIFICATIONS_PATH = '/notifications';

/** The 预警研判 page with one warning open. */
export function warningPath(id: string): string {
  return `${WARNINGS_PATH}?open=${encodeURIComponent(id)}`;
}

/** The case page of one petition. */
export function petitionPath(id: string): string {
  return `${PETITIONS_PATH}/${encodeURIComponent(id)}`;
}

/** The page to return to after log-in, taken from router state set by a redirect. */
export function returnPathOf(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && from !== LOGIN_PATH) return from;
  }
  return HOME_PATH;
}
