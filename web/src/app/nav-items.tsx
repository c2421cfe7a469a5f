/** The side-menu entries, each shown only to roles whose reach for its action is not 'none'. */
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  FileTextOutlined,
  FileWordOutlined,
  HomeOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { CalendarOutlined, TagsOutlined } from '@ant-design/icons';
import { ImportOutlined, PhoneOutlined, SolutionOutlined } from '@ant-design/icons';
import { CALL_RECORDS_PATH, VISIT_RECORD_NEW_PATH } from './paths.ts';
import { DAILY_REPORT_PATH, MORNING_REPORT_PATH } from './paths.ts';
import { CoffeeOutlined, FormOutlined } from '@ant-design/icons';
import { APPRAISAL_PATH } from './paths.ts';
import { TrophyOutlined } from '@ant-design/icons';
import { HAZARDS_PATH, SCREENING_PATH, SCREENING_RETURNS_PATH } from './paths.ts';
import { CarryOutOutlined, FlagOutlined, ProfileOutlined } from '@ant-design/icons';
import { DUTY_LOG_PATH, DUTY_ROSTER_PATH, RECEPTION_DAYS_PATH } from './paths.ts';
import { ReadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { EMERGENCY_PATH } from './paths.ts';
import { KNOWLEDGE_PATH } from './paths.ts';
import { BookOutlined } from '@ant-design/icons';
import { ThunderboltOutlined } from '@ant-design/icons';
import { LEDGER_IMPORT_PATH } from './paths.ts';
import { WARNING_SETTINGS_PATH, WARNINGS_PATH } from './paths.ts';
import { DASHBOARD_PATH } from './paths.ts';
import { DashboardOutlined } from '@ant-design/icons';
import { SafetyOutlined, WarningOutlined } from '@ant-design/icons';
import { PORTAL_GUIDANCE_PATH } from './paths.ts';
import { GlobalOutlined, SettingOutlined } from '@ant-design/icons';
import { SETTINGS_PATH } from './paths.ts';
import { MEDIATION_PATH, PARTNER_ORGANISATIONS_PATH, PARTNER_SESSIONS_PATH, PARTNER_WORKSPACE_PATH } from './paths.ts';
import { BankOutlined, ContactsOutlined, InboxOutlined } from '@ant-design/icons';
import { CommentOutlined, SoundOutlined } from '@ant-design/icons';
import { CONSULTATIONS_PATH, PUBLICITY_PATH } from './paths.ts';
import { IdcardOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { TRAINING_PATH, TRAINING_SESSIONS_PATH } from './paths.ts';
import { hasAction, reachOf, type Action } from '../../../common/domain/access.ts';
import type { Catalog } from '../../../common/i18n/index.ts';
import type { Role } from '../../../common/schemas/user.ts';
import { CALENDAR_PATH, CATEGORIES_PATH } from './paths.ts';
import {
  AUDIT_PATH,
  DOCUMENT_TEMPLATES_PATH,
  HOME_PATH,
  PETITION_SUPERVISION_PATH,
  PETITIONS_PATH,
  UNITS_PATH,
  USERS_PATH,
} from './paths.ts';

/**
 * The side menu's sections, in order: the case work first, then prevention, duty and emergency, the
 * partners, appraisal and the cadres, and the administration last. `top` entries stand above them all.
 */
export const NAV_SECTIONS = ['top', 'cases', 'prevention', 'duty', 'partners', 'people', 'admin'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export type NavItem = { key: string; icon: ReactNode; label: string; description: string; section: NavSection };

type NavEntry = {
  path: string;
  section: NavSection;
  icon: ReactNode;
  action: Action | null;
  label: (t: Catalog) => string;
  /** What the entry lets this role do: a role that only reads gets a text that says so. */
  description: (t: Catalog, role: Role) => string;
};

const ENTRIES: readonly NavEntry[] = [
  {
    path: HOME_PATH,
    section: 'top',
    icon: <HomeOutlined />,
    action: null,
    label: (t) => t.nav.home,
    description: (t) => t.home.todoDescription,
  },
  {
    path: DASHBOARD_PATH,
    section: 'top',
    icon: <DashboardOutlined />,
    action: 'dashboard.read',
    label: (t) => t.nav.dashboard,
    description: (t) => t.dashboard.drillHint,
  },
  {
    path: PETITIONS_PATH,
    section: 'cases',
    icon: <FileTextOutlined />,
    action: 'petition.read',
    label: (t) => t.nav.petitions,
    description: (t, role) =>
      hasAction(role, 'petition.register') ? t.home.petitionsDescription : t.home.petitionsReadDescription,
  },
  {
    path: PETITION_SUPERVISION_PATH,
    section: 'cases',
    icon: <AlertOutlined />,
    action: 'petition.supervise',
    label: (t) => t.nav.supervision,
    description: (t) => t.work.supervisionDescription,
  },
  {
    path: VISIT_RECORD_NEW_PATH,
    section: 'cases',
    icon: <SolutionOutlined />,
    action: 'petition.register',
    label: (t) => t.intake.nav.visits,
    description: (t) => t.intake.visitsDescription,
  },
  {
    path: CALL_RECORDS_PATH,
    section: 'cases',
    icon: <PhoneOutlined />,
    action: 'call_record.read',
    label: (t) => t.intake.nav.calls,
    description: (t) => t.intake.callsDescription,
  },
  {
    path: LEDGER_IMPORT_PATH,
    section: 'cases',
    icon: <ImportOutlined />,
    // A frontline head registers at his unit, but imports no ledgers (the office's work).
    action: 'ledger.import',
    label: (t) => t.nav.ledgerImport,
    description: (t) => t.ledger.description,
  },
  {
    path: DAILY_REPORT_PATH,
    section: 'prevention',
    icon: <FormOutlined />,
    action: 'report.submit',
    label: (t) => t.report.nav.form,
    description: (t) => t.report.formDescription,
  },
  {
    path: MORNING_REPORT_PATH,
    section: 'prevention',
    icon: <CoffeeOutlined />,
    action: 'report.overview',
    label: (t) => t.report.nav.morning,
    description: (t) => t.report.morningDescription,
  },
  {
    path: SCREENING_RETURNS_PATH,
    section: 'prevention',
    icon: <CarryOutOutlined />,
    // Every unit answers its own returns: a 区队长/班组长 at his unit, an office at its level.
    action: 'screening.answer',
    label: (t) => t.prevention.nav.returns,
    description: (t) => t.prevention.returnsDescription,
  },
  {
    path: SCREENING_PATH,
    section: 'prevention',
    icon: <FlagOutlined />,
    action: 'screening.read',
    label: (t) => t.prevention.nav.screening,
    description: (t) => t.prevention.screeningDescription,
  },
  {
    path: HAZARDS_PATH,
    section: 'prevention',
    icon: <ProfileOutlined />,
    action: 'hazard.read',
    label: (t) => t.prevention.nav.hazards,
    description: (t) => t.prevention.hazardsDescription,
  },
  {
    path: WARNINGS_PATH,
    section: 'prevention',
    icon: <WarningOutlined />,
    action: 'warning.read',
    label: (t) => t.warnings.title,
    description: (t, role) =>
      hasAction(role, 'warning.act') ? t.warnings.description : t.home.warningsReadDescription,
  },
  {
    path: DUTY_LOG_PATH,
    section: 'duty',
    icon: <ReadOutlined />,
    action: 'duty.log',
    label: (t) => t.duty.nav.log,
    description: (t) => t.duty.logDescription,
  },
  {
    path: DUTY_ROSTER_PATH,
    section: 'duty',
    icon: <ScheduleOutlined />,
    action: 'duty.read',
    label: (t) => t.duty.nav.roster,
    description: (t) => t.duty.rosterDescription,
  },
  {
    path: RECEPTION_DAYS_PATH,
    section: 'duty',
    icon: <CarryOutOutlined />,
    action: 'duty.read',
    label: (t) => t.duty.nav.reception,
    description: (t) => t.duty.receptionDescription,
  },
  {
    path: EMERGENCY_PATH,
    section: 'duty',
    icon: <ThunderboltOutlined />,
    action: 'emergency.respond',
    label: (t) => t.nav.emergency,
    description: (t) => t.emergency.description,
  },
  {
    path: KNOWLEDGE_PATH,
    section: 'people',
    icon: <BookOutlined />,
    action: 'knowledge.read',
    label: (t) => t.nav.knowledge,
    description: (t) => t.knowledge.description,
  },
  {
    path: PARTNER_WORKSPACE_PATH,
    section: 'partners',
    icon: <InboxOutlined />,
    action: 'partner.workspace',
    label: (t) => t.nav.partnerWorkspace,
    description: (t) => t.partner.workspace.description,
  },
  {
    path: PARTNER_SESSIONS_PATH,
    section: 'partners',
    icon: <ScheduleOutlined />,
    action: 'partner.manage',
    label: (t) => t.nav.partnerSessions,
    description: (t) => t.partner.sessions.description,
  },
  {
    path: MEDIATION_PATH,
    section: 'partners',
    icon: <BankOutlined />,
    action: 'mediation.manage',
    label: (t) => t.nav.mediation,
    description: (t) => t.mediation.description,
  },
  {
    path: CONSULTATIONS_PATH,
    section: 'people',
    icon: <CommentOutlined />,
    action: 'consultation.read',
    label: (t) => t.nav.consultations,
    description: (t) => t.consultation.description,
  },
  {
    path: PUBLICITY_PATH,
    section: 'people',
    icon: <SoundOutlined />,
    action: 'publicity.read',
    label: (t) => t.nav.publicity,
    description: (t) => t.publicity.description,
  },
  {
    path: PARTNER_ORGANISATIONS_PATH,
    section: 'partners',
    icon: <ContactsOutlined />,
    action: 'partner.manage',
    label: (t) => t.nav.partnerOrganisations,
    description: (t) => t.partner.organisations.description,
  },
  {
    path: APPRAISAL_PATH,
    section: 'people',
    icon: <TrophyOutlined />,
    action: 'appraisal.read',
    label: (t) => t.appraisal.nav,
    description: (t) => t.appraisal.description,
  },
  {
    path: TRAINING_PATH,
    section: 'people',
    icon: <IdcardOutlined />,
    // 干部培训 (第16条): every cadre's own record, tests and first weeks.
    action: 'training.take',
    label: (t) => t.training.nav.mine,
    description: (t) => t.training.record.checklistHint,
  },
  {
    path: TRAINING_SESSIONS_PATH,
    section: 'people',
    icon: <SafetyCertificateOutlined />,
    action: 'training.read',
    label: (t) => t.training.nav.office,
    description: (t) => t.training.description,
  },
  {
    path: UNITS_PATH,
    section: 'admin',
    icon: <ApartmentOutlined />,
    action: 'unit.read',
    label: (t) => t.nav.units,
    description: (t, role) =>
      hasAction(role, 'unit.manage') ? t.home.unitsManageDescription : t.home.unitsDescription,
  },
  {
    path: USERS_PATH,
    section: 'admin',
    icon: <TeamOutlined />,
    action: 'user.read',
    label: (t) => t.nav.users,
    description: (t, role) =>
      hasAction(role, 'user.manage') ? t.home.usersManageDescription : t.home.usersReadDescription,
  },
  {
    path: AUDIT_PATH,
    section: 'admin',
    icon: <AuditOutlined />,
    action: 'audit.read',
    label: (t) => t.nav.audit,
    description: (t) => t.home.auditDescription,
  },
  {
    path: CATEGORIES_PATH,
    section: 'admin',
    icon: <TagsOutlined />,
    action: 'category.manage',
    label: (t) => t.nav.categories,
    description: (t) => t.categories.description,
  },
  {
    path: CALENDAR_PATH,
    section: 'admin',
    icon: <CalendarOutlined />,
    action: 'calendar.manage',
    label: (t) => t.nav.calendar,
    description: (t) => t.calendar.description,
  },
  {
    path: WARNING_SETTINGS_PATH,
    section: 'admin',
    icon: <SafetyOutlined />,
    action: 'warning.manage',
    label: (t) => t.warnings.settingsTitle,
    description: (t) => t.warnings.settingsDescription,
  },
  {
    path: DOCUMENT_TEMPLATES_PATH,
    section: 'admin',
    icon: <FileWordOutlined />,
    action: 'template.manage',
    label: (t) => t.documents.templates.title,
    description: (t) => t.documents.templates.description,
  },
  {
    path: PORTAL_GUIDANCE_PATH,
    section: 'admin',
    icon: <GlobalOutlined />,
    action: 'template.manage',
    label: (t) => t.portal.guidance.title,
    description: (t) => t.portal.guidance.description,
  },
  {
    path: SETTINGS_PATH,
    section: 'admin',
    icon: <SettingOutlined />,
    action: 'setting.manage',
    label: (t) => t.nav.settings,
    description: (t) => t.settings.description,
  },
];

export function navItemsFor(role: Role, t: Catalog): NavItem[] {
  return ENTRIES.filter((entry) => entry.action === null || reachOf(role, entry.action) !== 'none').map((entry) => ({
    key: entry.path,
    section: entry.section,
    icon: entry.icon,
    label: entry.label(t),
    description: entry.description(t, role),
  }));
}

/** The menu keys to highlight for a location: the longest entry path that prefixes it (none for account pages). */
export function selectedNavKeys(pathname: string): string[] {
  if (pathname === HOME_PATH) return [HOME_PATH];
  const matches = ENTRIES.filter(
    (entry) => entry.path !== HOME_PATH && (pathname === entry.path || pathname.startsWith(`${entry.path}/`)),
  );
  const match = matches.reduce<NavEntry | undefined>(
    (best, entry) => (best === undefined || entry.path.length > best.path.length ? entry : best),
    undefined,
  );
  return match === undefined ? [] : [match.path];
}
