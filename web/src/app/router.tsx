/**
 * The browser routes. Every page is its own lazily loaded chunk; pages a role may not open are
 * wrapped in <RequireAction> (the menu hides them too, and the server refuses the data anyway).
 */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import {
  AUDIT_PATH,
  CHANGE_PASSWORD_PATH,
  DOCUMENT_TEMPLATES_PATH,
  LOGIN_PATH,
  PETITION_NEW_PATH,
  PETITION_SUPERVISION_PATH,
  PETITIONS_PATH,
  UNITS_PATH,
  USERS_PATH,
} from './paths.ts';
import { CALENDAR_PATH, CATEGORIES_PATH } from './paths.ts';
import { LEDGER_IMPORT_PATH } from './paths.ts';
import { WARNING_SETTINGS_PATH, WARNINGS_PATH } from './paths.ts';
import { DASHBOARD_PATH } from './paths.ts';
import { PORTAL_GUIDANCE_PATH } from './paths.ts';
import { ACCOUNT_PATH, SETTINGS_PATH } from './paths.ts';
import { CALL_RECORDS_PATH, VISIT_RECORD_NEW_PATH } from './paths.ts';
import { DAILY_REPORT_PATH, MORNING_REPORT_PATH } from './paths.ts';
import { APPRAISAL_PATH } from './paths.ts';
import { HAZARDS_PATH, SCREENING_PATH, SCREENING_RETURNS_PATH, SCREENING_SCOPE_RETURNS_PATH } from './paths.ts';
import { DUTY_LOG_PATH, DUTY_ROSTER_PATH, RECEPTION_DAYS_PATH } from './paths.ts';
import { EMERGENCY_PATH } from './paths.ts';
import { KNOWLEDGE_PATH } from './paths.ts';
import { MEDIATION_PATH, PARTNER_ORGANISATIONS_PATH, PARTNER_SESSIONS_PATH, PARTNER_WORKSPACE_PATH } from './paths.ts';
import { CONSULTATIONS_PATH, PUBLICITY_PATH } from './paths.ts';
import { NOTIFICATIONS_PATH, TODOS_PATH } from './paths.ts';
import { TRAINING_COURSES_PATH, TRAINING_GAPS_PATH, TRAINING_PATH, TRAINING_SESSIONS_PATH } from './paths.ts';
import { RequireAction } from './RequireAction.tsx';
import { RequireSession } from './RequireSession.tsx';
import { RootRoute } from './RootRoute.tsx';
import { pages } from './page-loaders.ts';

const LoginPage = lazy(async () => ({ default: await pages.LoginPage() }));
const HomePage = lazy(async () => ({ default: await pages.HomePage() }));
const TodosPage = lazy(async () => ({ default: await pages.TodosPage() }));
const NotificationsPage = lazy(async () => ({ default: await pages.NotificationsPage() }));
const UnitTreePage = lazy(async () => ({ default: await pages.UnitTreePage() }));
const UserAdminPage = lazy(async () => ({ default: await pages.UserAdminPage() }));
const AuditPage = lazy(async () => ({ default: await pages.AuditPage() }));
const PetitionListPage = lazy(async () => ({ default: await pages.PetitionListPage() }));
const PetitionCasePage = lazy(async () => ({ default: await pages.PetitionCasePage() }));
const SupervisionPage = lazy(async () => ({ default: await pages.SupervisionPage() }));
const RegisterPetitionPage = lazy(async () => ({ default: await pages.RegisterPetitionPage() }));
const DocumentTemplatesPage = lazy(async () => ({ default: await pages.DocumentTemplatesPage() }));
const PortalGuidancePage = lazy(async () => ({ default: await pages.PortalGuidancePage() }));
const CategoryAdminPage = lazy(async () => ({ default: await pages.CategoryAdminPage() }));
const CalendarPage = lazy(async () => ({ default: await pages.CalendarPage() }));
const DashboardPage = lazy(async () => ({ default: await pages.DashboardPage() }));
const WarningsPage = lazy(async () => ({ default: await pages.WarningsPage() }));
const WarningSettingsPage = lazy(async () => ({ default: await pages.WarningSettingsPage() }));
const LedgerImportPage = lazy(async () => ({ default: await pages.LedgerImportPage() }));
const ChangePasswordPage = lazy(async () => ({ default: await pages.ChangePasswordPage() }));
const AccountPage = lazy(async () => ({ default: await pages.AccountPage() }));
const SettingsPage = lazy(async () => ({ default: await pages.SettingsPage() }));
const VisitRecordPage = lazy(async () => ({ default: await pages.VisitRecordPage() }));
const TranscriptPrintPage = lazy(async () => ({ default: await pages.TranscriptPrintPage() }));
const CallRecordsPage = lazy(async () => ({ default: await pages.CallRecordsPage() }));
const DailyReportPage = lazy(async () => ({ default: await pages.DailyReportPage() }));
const MorningReportPage = lazy(async () => ({ default: await pages.MorningReportPage() }));
const AppraisalPage = lazy(async () => ({ default: await pages.AppraisalPage() }));
const AppraisalRoundPage = lazy(async () => ({ default: await pages.AppraisalRoundPage() }));
const PersonRecordPage = lazy(async () => ({ default: await pages.PersonRecordPage() }));
const ScreeningPage = lazy(async () => ({ default: await pages.ScreeningPage() }));
const CampaignRollupPage = lazy(async () => ({ default: await pages.CampaignRollupPage() }));
const MyReturnsPage = lazy(async () => ({ default: await pages.MyReturnsPage() }));
const HazardLedgerPage = lazy(async () => ({ default: await pages.HazardLedgerPage() }));
const HazardPage = lazy(async () => ({ default: await pages.HazardPage() }));
const RosterPage = lazy(async () => ({ default: await pages.RosterPage() }));
const DutyLogPage = lazy(async () => ({ default: await pages.DutyLogPage() }));
const ReceptionDaysPage = lazy(async () => ({ default: await pages.ReceptionDaysPage() }));
const EmergencyPage = lazy(async () => ({ default: await pages.EmergencyPage() }));
const KnowledgePage = lazy(async () => ({ default: await pages.KnowledgePage() }));
const KnowledgeDocumentPage = lazy(async () => ({ default: await pages.KnowledgeDocumentPage() }));
const IncidentPage = lazy(async () => ({ default: await pages.IncidentPage() }));
const IncidentReportPage = lazy(async () => ({ default: await pages.IncidentReportPage() }));
const PartnerOrganisationsPage = lazy(async () => ({ default: await pages.PartnerOrganisationsPage() }));
const SessionsPage = lazy(async () => ({ default: await pages.SessionsPage() }));
const SessionPage = lazy(async () => ({ default: await pages.SessionPage() }));
const PartnerWorkspacePage = lazy(async () => ({ default: await pages.PartnerWorkspacePage() }));
const MattersPage = lazy(async () => ({ default: await pages.MattersPage() }));
const MatterPage = lazy(async () => ({ default: await pages.MatterPage() }));
const ConsultationsPage = lazy(async () => ({ default: await pages.ConsultationsPage() }));
const ConsultationPage = lazy(async () => ({ default: await pages.ConsultationPage() }));
const PublicityPage = lazy(async () => ({ default: await pages.PublicityPage() }));
const MyTrainingPage = lazy(async () => ({ default: await pages.MyTrainingPage() }));
const TrainingTestPage = lazy(async () => ({ default: await pages.TrainingTestPage() }));
const TrainingSessionsPage = lazy(async () => ({ default: await pages.TrainingSessionsPage() }));
const TrainingSessionPage = lazy(async () => ({ default: await pages.TrainingSessionPage() }));
const TrainingCoursesPage = lazy(async () => ({ default: await pages.TrainingCoursesPage() }));
const TrainingGapsPage = lazy(async () => ({ default: await pages.TrainingGapsPage() }));

export function createRouter() {
  return createBrowserRouter([
    {
      element: <RootRoute />,
      children: [
        {
          path: LOGIN_PATH,
          element: (
            <Suspense fallback={<PageSpinner fullScreen />}>
              <LoginPage />
            </Suspense>
          ),
        },
        {
          // The after-action report (复盘) to print: an A4 sheet, without the workbench frame.
          path: '/emergency/incidents/:id/report',
          element: (
            <RequireSession>
              <Suspense fallback={<PageSpinner fullScreen />}>
                <IncidentReportPage />
              </Suspense>
            </RequireSession>
          ),
        },
        {
          // The transcript to print and sign: an A4 sheet, without the workbench frame.
          path: '/visit-records/:id/print',
          element: (
            <RequireSession>
              <Suspense fallback={<PageSpinner fullScreen />}>
                <TranscriptPrintPage />
              </Suspense>
            </RequireSession>
          ),
        },
        {
          element: (
            <RequireSession>
              <AppLayout />
            </RequireSession>
          ),
          children: [
            { index: true, element: <HomePage /> },
            {
              path: TODOS_PATH,
              element: (
                <RequireAction action="todo.read">
                  <TodosPage />
                </RequireAction>
              ),
            },
            { path: NOTIFICATIONS_PATH, element: <NotificationsPage /> },
            {
              path: UNITS_PATH,
              element: (
                <RequireAction action="unit.read">
                  <UnitTreePage />
                </RequireAction>
              ),
            },
            {
              path: USERS_PATH,
              element: (
                <RequireAction action="user.read">
                  <UserAdminPage />
                </RequireAction>
              ),
            },
            {
              path: AUDIT_PATH,
              element: (
                <RequireAction action="audit.read">
                  <AuditPage />
                </RequireAction>
              ),
            },
            {
              path: CATEGORIES_PATH,
              element: (
                <RequireAction action="category.manage">
                  <CategoryAdminPage />
                </RequireAction>
              ),
            },
            {
              path: CALENDAR_PATH,
              element: (
                <RequireAction action="calendar.manage">
                  <CalendarPage />
                </RequireAction>
              ),
            },
            {
              path: PETITIONS_PATH,
              element: (
                <RequireAction action="petition.read">
                  <PetitionListPage />
                </RequireAction>
              ),
            },
            {
              path: PETITION_NEW_PATH,
              element: (
                <RequireAction action="petition.register">
                  <RegisterPetitionPage />
                </RequireAction>
              ),
            },
            {
              path: PETITION_SUPERVISION_PATH,
              element: (
                <RequireAction action="petition.supervise">
                  <SupervisionPage />
                </RequireAction>
              ),
            },
            {
              path: `${PETITIONS_PATH}/:id`,
              element: (
                <RequireAction action="petition.read">
                  <PetitionCasePage />
                </RequireAction>
              ),
            },
            {
              path: DASHBOARD_PATH,
              element: (
                <RequireAction action="dashboard.read">
                  <DashboardPage />
                </RequireAction>
              ),
            },
            {
              path: WARNINGS_PATH,
              element: (
                <RequireAction action="warning.read">
                  <WarningsPage />
                </RequireAction>
              ),
            },
            {
              path: WARNING_SETTINGS_PATH,
              element: (
                <RequireAction action="warning.manage">
                  <WarningSettingsPage />
                </RequireAction>
              ),
            },
            {
              path: DOCUMENT_TEMPLATES_PATH,
              element: (
                <RequireAction action="template.manage">
                  <DocumentTemplatesPage />
                </RequireAction>
              ),
            },
            {
              path: PORTAL_GUIDANCE_PATH,
              element: (
                <RequireAction action="template.manage">
                  <PortalGuidancePage />
                </RequireAction>
              ),
            },
            {
              path: LEDGER_IMPORT_PATH,
              element: (
                <RequireAction action="ledger.import">
                  <LedgerImportPage />
                </RequireAction>
              ),
            },
            {
              path: SETTINGS_PATH,
              element: (
                <RequireAction action="setting.manage">
                  <SettingsPage />
                </RequireAction>
              ),
            },
            {
              path: VISIT_RECORD_NEW_PATH,
              element: (
                <RequireAction action="petition.register">
                  <VisitRecordPage />
                </RequireAction>
              ),
            },
            {
              path: CALL_RECORDS_PATH,
              element: (
                <RequireAction action="call_record.read">
                  <CallRecordsPage />
                </RequireAction>
              ),
            },
            {
              path: DAILY_REPORT_PATH,
              element: (
                <RequireAction action="report.submit">
                  <DailyReportPage />
                </RequireAction>
              ),
            },
            {
              path: SCREENING_PATH,
              element: (
                <RequireAction action="screening.read">
                  <ScreeningPage />
                </RequireAction>
              ),
            },
            {
              path: MORNING_REPORT_PATH,
              element: (
                <RequireAction action="report.overview">
                  <MorningReportPage />
                </RequireAction>
              ),
            },
            {
              path: SCREENING_SCOPE_RETURNS_PATH,
              element: (
                <RequireAction action="screening.read">
                  <MyReturnsPage scope />
                </RequireAction>
              ),
            },
            {
              path: `${SCREENING_PATH}/:id`,
              element: (
                <RequireAction action="screening.read">
                  <CampaignRollupPage />
                </RequireAction>
              ),
            },
            {
              path: APPRAISAL_PATH,
              element: (
                <RequireAction action="appraisal.read">
                  <AppraisalPage />
                </RequireAction>
              ),
            },
            {
              path: SCREENING_RETURNS_PATH,
              element: (
                <RequireAction action="screening.answer">
                  <MyReturnsPage />
                </RequireAction>
              ),
            },
            {
              // 个人档案: everyone may open his own; the server answers who else may see whose.
              path: '/people/:id',
              element: <PersonRecordPage />,
            },
            {
              path: `${APPRAISAL_PATH}/rounds/:id`,
              element: (
                <RequireAction action="appraisal.read">
                  <AppraisalRoundPage />
                </RequireAction>
              ),
            },
            {
              path: HAZARDS_PATH,
              element: (
                <RequireAction action="hazard.read">
                  <HazardLedgerPage />
                </RequireAction>
              ),
            },
            {
              path: `${HAZARDS_PATH}/:id`,
              element: (
                <RequireAction action="hazard.read">
                  <HazardPage />
                </RequireAction>
              ),
            },
            {
              path: DUTY_ROSTER_PATH,
              element: (
                <RequireAction action="duty.read">
                  <RosterPage />
                </RequireAction>
              ),
            },
            {
              path: DUTY_LOG_PATH,
              element: (
                <RequireAction action="duty.log">
                  <DutyLogPage />
                </RequireAction>
              ),
            },
            {
              path: RECEPTION_DAYS_PATH,
              element: (
                <RequireAction action="duty.read">
                  <ReceptionDaysPage />
                </RequireAction>
              ),
            },
            {
              path: EMERGENCY_PATH,
              element: (
                <RequireAction action="emergency.respond">
                  <EmergencyPage />
                </RequireAction>
              ),
            },
            {
              path: '/emergency/incidents/:id',
              element: (
                <RequireAction action="emergency.respond">
                  <IncidentPage />
                </RequireAction>
              ),
            },
            {
              path: PARTNER_ORGANISATIONS_PATH,
              element: (
                <RequireAction action="partner.manage">
                  <PartnerOrganisationsPage />
                </RequireAction>
              ),
            },
            {
              path: PARTNER_SESSIONS_PATH,
              element: (
                <RequireAction action={['partner.manage', 'partner.workspace']}>
                  <SessionsPage />
                </RequireAction>
              ),
            },
            {
              path: `${PARTNER_SESSIONS_PATH}/:id`,
              element: (
                <RequireAction action={['partner.manage', 'partner.workspace']}>
                  <SessionPage />
                </RequireAction>
              ),
            },
            {
              path: PARTNER_WORKSPACE_PATH,
              element: (
                <RequireAction action="partner.workspace">
                  <PartnerWorkspacePage />
                </RequireAction>
              ),
            },
            {
              path: KNOWLEDGE_PATH,
              element: (
                <RequireAction action="knowledge.read">
                  <KnowledgePage />
                </RequireAction>
              ),
            },
            {
              path: `${KNOWLEDGE_PATH}/documents/:id`,
              element: (
                <RequireAction action="knowledge.read">
                  <KnowledgeDocumentPage />
                </RequireAction>
              ),
            },
            {
              path: MEDIATION_PATH,
              element: (
                <RequireAction action="mediation.manage">
                  <MattersPage />
                </RequireAction>
              ),
            },
            {
              path: `${MEDIATION_PATH}/:id`,
              element: (
                <RequireAction action="mediation.manage">
                  <MatterPage />
                </RequireAction>
              ),
            },
            {
              path: TRAINING_PATH,
              element: (
                <RequireAction action="training.take">
                  <MyTrainingPage />
                </RequireAction>
              ),
            },
            {
              path: `${TRAINING_SESSIONS_PATH}/:id/test`,
              element: (
                <RequireAction action="training.take">
                  <TrainingTestPage />
                </RequireAction>
              ),
            },
            {
              path: TRAINING_SESSIONS_PATH,
              element: (
                <RequireAction action="training.read">
                  <TrainingSessionsPage />
                </RequireAction>
              ),
            },
            {
              path: `${TRAINING_SESSIONS_PATH}/:id`,
              element: (
                <RequireAction action="training.read">
                  <TrainingSessionPage />
                </RequireAction>
              ),
            },
            {
              path: TRAINING_COURSES_PATH,
              element: (
                <RequireAction action="training.manage">
                  <TrainingCoursesPage />
                </RequireAction>
              ),
            },
            {
              path: TRAINING_GAPS_PATH,
              element: (
                <RequireAction action="training.read">
                  <TrainingGapsPage />
                </RequireAction>
              ),
            },
            {
              path: CONSULTATIONS_PATH,
              element: (
                <RequireAction action="consultation.read">
                  <ConsultationsPage />
                </RequireAction>
              ),
            },
            {
              path: `${CONSULTATIONS_PATH}/:id`,
              element: (
                <RequireAction action="consultation.read">
                  <ConsultationPage />
                </RequireAction>
              ),
            },
            {
              path: PUBLICITY_PATH,
              element: (
                <RequireAction action="publicity.read">
                  <PublicityPage />
                </RequireAction>
              ),
            },
            { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
            { path: ACCOUNT_PATH, element: <AccountPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
