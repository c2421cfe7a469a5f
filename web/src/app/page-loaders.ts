/**
 * The code of each page, loaded on demand (one chunk per page), and the preload of the page an
 * address opens: main.tsx starts it before the app's own code is parsed, so the page's chunk
 * arrives while React and Ant Design start instead of after the session is known. Imports only
 * the paths: part of the small entry chunk.
 */
import {
  ACCOUNT_PATH,
  AUDIT_PATH,
  CALENDAR_PATH,
  CATEGORIES_PATH,
  CHANGE_PASSWORD_PATH,
  DASHBOARD_PATH,
  DOCUMENT_TEMPLATES_PATH,
  HOME_PATH,
  LEDGER_IMPORT_PATH,
  LOGIN_PATH,
  NOTIFICATIONS_PATH,
  PETITION_NEW_PATH,
  PETITION_SUPERVISION_PATH,
  PETITIONS_PATH,
  PORTAL_GUIDANCE_PATH,
  SETTINGS_PATH,
  TODOS_PATH,
  UNITS_PATH,
  USERS_PATH,
  WARNING_SETTINGS_PATH,
  WARNINGS_PATH,
} from './paths.ts';
import { EMERGENCY_PATH } from './paths.ts';
import { KNOWLEDGE_PATH } from './paths.ts';
import { CALL_RECORDS_PATH, VISIT_RECORD_NEW_PATH } from './paths.ts';
import { DAILY_REPORT_PATH, MORNING_REPORT_PATH } from './paths.ts';
import { APPRAISAL_PATH } from './paths.ts';
import { HAZARDS_PATH, SCREENING_PATH, SCREENING_RETURNS_PATH, SCREENING_SCOPE_RETURNS_PATH } from './paths.ts';
import { DUTY_LOG_PATH, DUTY_ROSTER_PATH, RECEPTION_DAYS_PATH } from './paths.ts';
import { CONSULTATIONS_PATH, PUBLICITY_PATH } from './paths.ts';
import { MEDIATION_PATH, PARTNER_ORGANISATIONS_PATH, PARTNER_SESSIONS_PATH, PARTNER_WORKSPACE_PATH } from './paths.ts';
import { TRAINING_COURSES_PATH, TRAINING_GAPS_PATH, TRAINING_PATH, TRAINING_SESSIONS_PATH } from './paths.ts';

export const pages = {
  LoginPage: () => import('../features/auth/LoginPage.tsx').then((m) => m.LoginPage),
  HomePage: () => import('../features/home/HomePage.tsx').then((m) => m.HomePage),
  TodosPage: () => import('../features/home/TodosPage.tsx').then((m) => m.TodosPage),
  NotificationsPage: () => import('../features/notifications/NotificationsPage.tsx').then((m) => m.NotificationsPage),
  UnitTreePage: () => import('../features/units/UnitTreePage.tsx').then((m) => m.UnitTreePage),
  UserAdminPage: () => import('../features/users/UserAdminPage.tsx').then((m) => m.UserAdminPage),
  AuditPage: () => import('../features/audit/AuditPage.tsx').then((m) => m.AuditPage),
  PetitionListPage: () => import('../features/petitions/PetitionListPage.tsx').then((m) => m.PetitionListPage),
  PetitionCasePage: () => import('../features/petitions/PetitionCasePage.tsx').then((m) => m.PetitionCasePage),
  SupervisionPage: () => import('../features/petitions/SupervisionPage.tsx').then((m) => m.SupervisionPage),
  RegisterPetitionPage: () =>
    import('../features/petitions/RegisterPetitionPage.tsx').then((m) => m.RegisterPetitionPage),
  DocumentTemplatesPage: () =>
    import('../features/documents/DocumentTemplatesPage.tsx').then((m) => m.DocumentTemplatesPage),
  PortalGuidancePage: () => import('../features/documents/PortalGuidancePage.tsx').then((m) => m.PortalGuidancePage),
  CategoryAdminPage: () => import('../features/categories/CategoryAdminPage.tsx').then((m) => m.CategoryAdminPage),
  CalendarPage: () => import('../features/calendar/CalendarPage.tsx').then((m) => m.CalendarPage),
  DashboardPage: () => import('../features/dashboard/DashboardPage.tsx').then((m) => m.DashboardPage),
  WarningsPage: () => import('../features/warnings/WarningsPage.tsx').then((m) => m.WarningsPage),
  WarningSettingsPage: () => import('../features/warnings/WarningSettingsPage.tsx').then((m) => m.WarningSettingsPage),
  LedgerImportPage: () => import('../features/ledger/LedgerImportPage.tsx').then((m) => m.LedgerImportPage),
  ChangePasswordPage: () => import('../features/account/ChangePasswordPage.tsx').then((m) => m.ChangePasswordPage),
  AccountPage: () => import('../features/account/AccountPage.tsx').then((m) => m.AccountPage),
  SettingsPage: () => import('../features/settings/SettingsPage.tsx').then((m) => m.SettingsPage),
  VisitRecordPage: () => import('../features/visit-records/VisitRecordPage.tsx').then((m) => m.VisitRecordPage),
  TranscriptPrintPage: () =>
    import('../features/visit-records/TranscriptPrintPage.tsx').then((m) => m.TranscriptPrintPage),
  CallRecordsPage: () => import('../features/call-records/CallRecordsPage.tsx').then((m) => m.CallRecordsPage),
  DailyReportPage: () => import('../features/daily-report/DailyReportPage.tsx').then((m) => m.DailyReportPage),
  MorningReportPage: () => import('../features/daily-report/MorningReportPage.tsx').then((m) => m.MorningReportPage),
  AppraisalPage: () => import('../features/appraisal/AppraisalPage.tsx').then((m) => m.AppraisalPage),
  AppraisalRoundPage: () => import('../features/appraisal/AppraisalRoundPage.tsx').then((m) => m.AppraisalRoundPage),
  PersonRecordPage: () => import('../features/accountability/PersonRecordPage.tsx').then((m) => m.PersonRecordPage),
  ScreeningPage: () => import('../features/prevention/ScreeningPage.tsx').then((m) => m.ScreeningPage),
  CampaignRollupPage: () => import('../features/prevention/CampaignRollupPage.tsx').then((m) => m.CampaignRollupPage),
  MyReturnsPage: () => import('../features/prevention/MyReturnsPage.tsx').then((m) => m.MyReturnsPage),
  HazardLedgerPage: () => import('../features/prevention/HazardLedgerPage.tsx').then((m) => m.HazardLedgerPage),
  HazardPage: () => import('../features/prevention/HazardPage.tsx').then((m) => m.HazardPage),
  RosterPage: () => import('../features/duty/RosterPage.tsx').then((m) => m.RosterPage),
  DutyLogPage: () => import('../features/duty/DutyLogPage.tsx').then((m) => m.DutyLogPage),
  ReceptionDaysPage: () => import('../features/duty/ReceptionDaysPage.tsx').then((m) => m.ReceptionDaysPage),
  EmergencyPage: () => import('../features/emergency/EmergencyPage.tsx').then((m) => m.EmergencyPage),
  IncidentPage: () => import('../features/emergency/IncidentPage.tsx').then((m) => m.IncidentPage),
  IncidentReportPage: () => import('../features/emergency/IncidentReportPage.tsx').then((m) => m.IncidentReportPage),
  PartnerOrganisationsPage: () =>
    import('../features/partner/PartnerOrganisationsPage.tsx').then((m) => m.PartnerOrganisationsPage),
  SessionsPage: () => import('../features/partner/SessionsPage.tsx').then((m) => m.SessionsPage),
  SessionPage: () => import('../features/partner/SessionPage.tsx').then((m) => m.SessionPage),
  MyTrainingPage: () => import('../features/training/MyTrainingPage.tsx').then((m) => m.MyTrainingPage),
  TrainingTestPage: () => import('../features/training/TestPage.tsx').then((m) => m.TestPage),
  TrainingSessionsPage: () =>
    import('../features/training/TrainingSessionsPage.tsx').then((m) => m.TrainingSessionsPage),
  TrainingSessionPage: () => import('../features/training/TrainingSessionPage.tsx').then((m) => m.TrainingSessionPage),
  TrainingCoursesPage: () => import('../features/training/CoursesPage.tsx').then((m) => m.CoursesPage),
  TrainingGapsPage: () => import('../features/training/GapsPage.tsx').then((m) => m.GapsPage),
  PartnerWorkspacePage: () =>
    import('../features/partner/PartnerWorkspacePage.tsx').then((m) => m.PartnerWorkspacePage),
  MattersPage: () => import('../features/mediation/MattersPage.tsx').then((m) => m.MattersPage),
  MatterPage: () => import('../features/mediation/MatterPage.tsx').then((m) => m.MatterPage),
  KnowledgePage: () => import('../features/knowledge/KnowledgePage.tsx').then((m) => m.KnowledgePage),
  KnowledgeDocumentPage: () =>
    import('../features/knowledge/KnowledgeDocumentPage.tsx').then((m) => m.KnowledgeDocumentPage),
  ConsultationsPage: () => import('../features/consultation/ConsultationsPage.tsx').then((m) => m.ConsultationsPage),
  ConsultationPage: () => import('../features/consultation/ConsultationPage.tsx').then((m) => m.ConsultationPage),
  PublicityPage: () => import('../features/publicity/PublicityPage.tsx').then((m) => m.PublicityPage),
};

const BY_PATH = new Map<string, () => Promise<unknown>>([
  [LOGIN_PATH, pages.LoginPage],
  [HOME_PATH, pages.HomePage],
  [TODOS_PATH, pages.TodosPage],
  [NOTIFICATIONS_PATH, pages.NotificationsPage],
  [UNITS_PATH, pages.UnitTreePage],
  [USERS_PATH, pages.UserAdminPage],
  [AUDIT_PATH, pages.AuditPage],
  [PETITIONS_PATH, pages.PetitionListPage],
  [PETITION_SUPERVISION_PATH, pages.SupervisionPage],
  [PETITION_NEW_PATH, pages.RegisterPetitionPage],
  [DOCUMENT_TEMPLATES_PATH, pages.DocumentTemplatesPage],
  [PORTAL_GUIDANCE_PATH, pages.PortalGuidancePage],
  [CATEGORIES_PATH, pages.CategoryAdminPage],
  [CALENDAR_PATH, pages.CalendarPage],
  [DASHBOARD_PATH, pages.DashboardPage],
  [WARNINGS_PATH, pages.WarningsPage],
  [WARNING_SETTINGS_PATH, pages.WarningSettingsPage],
  [LEDGER_IMPORT_PATH, pages.LedgerImportPage],
  [CHANGE_PASSWORD_PATH, pages.ChangePasswordPage],
  [ACCOUNT_PATH, pages.AccountPage],
  [SETTINGS_PATH, pages.SettingsPage],
  [VISIT_RECORD_NEW_PATH, pages.VisitRecordPage],
  [CALL_RECORDS_PATH, pages.CallRecordsPage],
  [DAILY_REPORT_PATH, pages.DailyReportPage],
  [MORNING_REPORT_PATH, pages.MorningReportPage],
  [APPRAISAL_PATH, pages.AppraisalPage],
  [SCREENING_PATH, pages.ScreeningPage],
  [SCREENING_RETURNS_PATH, pages.MyReturnsPage],
  [SCREENING_SCOPE_RETURNS_PATH, pages.MyReturnsPage],
  [HAZARDS_PATH, pages.HazardLedgerPage],
  [DUTY_ROSTER_PATH, pages.RosterPage],
  [DUTY_LOG_PATH, pages.DutyLogPage],
  [RECEPTION_DAYS_PATH, pages.ReceptionDaysPage],
  [EMERGENCY_PATH, pages.EmergencyPage],
  [PARTNER_ORGANISATIONS_PATH, pages.PartnerOrganisationsPage],
  [PARTNER_SESSIONS_PATH, pages.SessionsPage],
  [PARTNER_WORKSPACE_PATH, pages.PartnerWorkspacePage],
  [MEDIATION_PATH, pages.MattersPage],
  [KNOWLEDGE_PATH, pages.KnowledgePage],
  [TRAINING_PATH, pages.MyTrainingPage],
  [TRAINING_SESSIONS_PATH, pages.TrainingSessionsPage],
  [TRAINING_COURSES_PATH, pages.TrainingCoursesPage],
  [TRAINING_GAPS_PATH, pages.TrainingGapsPage],
  [CONSULTATIONS_PATH, pages.ConsultationsPage],
  [PUBLICITY_PATH, pages.PublicityPage],
]);

/** Start loading the chunk of the page `pathname` opens (nothing for an unknown address). */
export function preloadPage(pathname: string): void {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const load =
    BY_PATH.get(path) ??
    (path.startsWith(`${PETITIONS_PATH}/`)
      ? pages.PetitionCasePage
      : path.startsWith(`${SCREENING_PATH}/`)
        ? pages.CampaignRollupPage
        : path.startsWith(`${HAZARDS_PATH}/`)
          ? pages.HazardPage
          : /^\/visit-records\/[^/]+\/print$/.test(path)
            ? pages.TranscriptPrintPage
            : path.startsWith(`${PARTNER_SESSIONS_PATH}/`)
              ? pages.SessionPage
              : path.startsWith(`${MEDIATION_PATH}/`)
                ? pages.MatterPage
                : /^\/training\/sessions\/[^/]+\/test$/.test(path)
                  ? pages.TrainingTestPage
                  : path.startsWith(`${TRAINING_SESSIONS_PATH}/`)
                    ? pages.TrainingSessionPage
                    : path.startsWith(`${CONSULTATIONS_PATH}/`)
                      ? pages.ConsultationPage
                      : undefined);
  // A failed preload is retried by the route's own lazy import, which shows the error.
  void load?.().catch(() => undefined);
}
