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
/** 日报告/零报告 on the phone, and the chief's 晨报 (issue #15). */
export const DAILY_REPORT_PATH = '/daily-report';
export const MORNING_REPORT_PATH = '/morning-report';
/** 法规政策库 (issue #17): the documents and a search of their articles; one document's articles. */
export const KNOWLEDGE_PATH = '/knowledge';

export function knowledgeDocumentPath(id: string): string {
  return `${KNOWLEDGE_PATH}/documents/${encodeURIComponent(id)}`;
}
/** 考核 (issue #18): rounds and schemes; one round's ranking. */
export const APPRAISAL_PATH = '/appraisal';

export function appraisalRoundPath(id: string): string {
  return `${APPRAISAL_PATH}/rounds/${encodeURIComponent(id)}`;
}
/** 个人档案 (issue #18): one person's rewards and penalties, training and leader scores. */
export function personRecordPath(userId: string): string {
  return `/people/${encodeURIComponent(userId)}`;
}
/** 值班带班, 值班日志, 领导接待日 (issue #15). */
export const DUTY_ROSTER_PATH = '/duty/roster';
export const DUTY_LOG_PATH = '/duty/log';
export const RECEPTION_DAYS_PATH = '/duty/reception-days';
/** 协作单位, 联合接访, 企地联调 and a partner's 我的协作 (issue #16). */
export const PARTNER_ORGANISATIONS_PATH = '/partner-organisations';
export const PARTNER_SESSIONS_PATH = '/partner-sessions';
export const MEDIATION_PATH = '/mediation';
export const CONSULTATIONS_PATH = '/consultations';
export const PUBLICITY_PATH = '/publicity';

/** One consultation (征求意见). */
export function consultationPath(id: string): string {
  return `${CONSULTATIONS_PATH}/${encodeURIComponent(id)}`;
}
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

/** 矛盾隐患排查 (issue #15): campaigns and their roll-up, a unit's returns (phone-first), the hazard ledger. */
export const SCREENING_PATH = '/screening';
export const SCREENING_RETURNS_PATH = '/screening-returns';
/** The returns of the reader's scope, filtered by unit and period (screening.answeredOnTime's drill-down). */
export const SCREENING_SCOPE_RETURNS_PATH = '/screening/returns';
export const HAZARDS_PATH = '/hazards';

export function campaignPath(id: string, unitId?: string): string {
  const base = `${SCREENING_PATH}/${encodeURIComponent(id)}`;
  return unitId === undefined ? base : `${base}?unit=${encodeURIComponent(unitId)}`;
}

export function hazardPath(id: string): string {
  return `${HAZARDS_PATH}/${encodeURIComponent(id)}`;
}

/** 应急处置 (issue #16): incidents and plans; one incident (phone first) and its after-action report. */
export const EMERGENCY_PATH = '/emergency';

export function incidentPath(id: string): string {
  return `${EMERGENCY_PATH}/incidents/${encodeURIComponent(id)}`;
}

/** The printable 复盘 of one incident, outside the workbench frame. */
export function incidentReportPath(id: string): string {
  return `${incidentPath(id)}/report`;
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

/** 干部培训 (issue #17): my record and the first weeks, the office's sessions, courses and gaps. */
export const TRAINING_PATH = '/training';
export const TRAINING_SESSIONS_PATH = '/training/sessions';
export const TRAINING_COURSES_PATH = '/training/courses';
export const TRAINING_GAPS_PATH = '/training/gaps';

/** One training session (the office's attendance and certificates). */
export function trainingSessionPath(id: string): string {
  return `${TRAINING_SESSIONS_PATH}/${encodeURIComponent(id)}`;
}

/** The short test of a session, taken by its attendee. */
export function trainingTestPath(id: string): string {
  return `${trainingSessionPath(id)}/test`;
}
