/**
 * Who may do what: the one place that names roles. Every role list, every "office only" and every
 * menu entry is read from here, on the server and in the browser alike.
 *
 * A user acts within the subtree of the unit they are attached to (三级工作体系: a mine's staff see the
 * mine and everything under it, never a sibling mine). Two roles differ: `auditor` (考核/纪检) reads
 * across the whole tree, and `partner` (外部协作) sees only their own unit. These functions are
 * pure; repositories turn `scopeOf` into a WHERE clause, services call `can` before acting.
 * Decisions about one petition (recusal, whistle-blower identity, who acts at which step) are in the
 * petition module's policy, which builds on the role groups below.
 */
import { ROLES, type Role } from '../schemas/user.ts';

/** Materialised path of unit ids from the root, e.g. `/u1/u7/u31/`; a subtree is a path prefix. */
export type UnitPath = string;

export type Actor = {
  id: string;
  role: Role;
  unitId: string;
  unitPath: UnitPath;
};

export type UnitRef = { id: string; path: UnitPath };

// ---------------------------------------------------------------------------------------------
// Role groups

/** 党政负责人 and 分管领导: approve, sign off, own cases (领导包案), receive the leaders' digest. */
export const LEADER_ROLES = ['chief', 'deputy'] as const satisfies readonly Role[];
/**
 * The enterprise's own working people: who may hold a part on a unit's three-level network or in a
 * contingency plan (not the administrator, an outside partner or the auditor).
 */
export const STAFF_ROLES = ['chief', 'deputy', 'officer', 'handler', 'unit_head'] as const satisfies readonly Role[];
/** The petition office and its leaders: register, route, see who filed, decide acceptance. */
export const OFFICE_ROLES = ['chief', 'deputy', 'officer'] as const satisfies readonly Role[];
/**
 * 信访干部: the office's own staff, who do its daily work on a case (研判, 交办, 签收, 指派, 办结). The
 * leaders of a unit take that work only where the unit has no active officer (docs/domain.md, "To-do").
 */
export const OFFICE_STAFF_ROLES = ['officer'] as const satisfies readonly Role[];
/** The system administrators: told when an outbound message cannot be delivered (they fix the channel). */
export const ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];
/** 区队长: the heads of a 区队 or team, the first level of its three-level network. */
export const UNIT_HEAD_ROLES = ['unit_head'] as const satisfies readonly Role[];
/** Outside partners (律师, 调解员…): invited onto a case or a joint session, never staff. */
export const PARTNER_ROLES = ['partner'] as const satisfies readonly Role[];
/** 承办人: the staff a unit's cases are handed to for investigation and a draft reply. */
export const HANDLER_ROLES = ['handler'] as const satisfies readonly Role[];
/**
 * Who see in the petition list only the cases they are on themselves (owner, handler, co-handler),
 * never a unit's: the administrator keeps the system, not the petitions; a partner is invited onto
 * cases one by one.
 */
export const PERSONAL_SCOPE_ROLES = [...ADMIN_ROLES, ...PARTNER_ROLES] as const satisfies readonly Role[];
/** Who may be named on a case, by the part they take (the server checks the unit as well). */
export const ASSIGNABLE_ROLES = {
  owner: LEADER_ROLES,
  handler: ['handler', 'officer', 'unit_head'],
} as const satisfies Record<string, readonly Role[]>;

export function isLeader(role: Role): boolean {
  return (LEADER_ROLES as readonly Role[]).includes(role);
}

export function isOffice(role: Role): boolean {
  return (OFFICE_ROLES as readonly Role[]).includes(role);
}

// ---------------------------------------------------------------------------------------------
// Actions and their reach

export const ACTIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'category.manage',
  'calendar.manage',
  'template.manage',
  'warning.manage',
  'setting.manage',
  'petition.read',
  'petition.register',
  'petition.supervise',
  'petitioner.lookup',
  'namedPerson.match',
  'todo.read',
  'dashboard.read',
  'warning.read',
  'warning.act',
  'ledger.import',
  'text.suggest',
  'call_record.read',
  'call_record.reveal',
  'report.submit',
  'report.read',
  'report.overview',
  'appraisal.manage',
  'appraisal.read',
  'appraisal.self_assess',
  'appraisal.review',
  'accountability.decide',
  'accountability.read',
  'accountability.rectify',
  'screening.read',
  'screening.manage',
  'screening.answer',
  'hazard.read',
  'hazard.manage',
  'hazard.approve',
  'duty.read',
  'duty.manage',
  'duty.log',
  'emergency.respond',
  'emergency.read',
  'emergency.plan.manage',
  'emergency.activate',
  'emergency.drill',
  'partner.manage',
  'partner.workspace',
  'mediation.manage',
  'knowledge.read',
  'knowledge.manage',
  'training.read',
  'training.manage',
  'training.take',
  'consultation.read',
  'consultation.manage',
  'publicity.read',
  'publicity.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** How far an actor's reach extends for one action, independent of any target. */
export type Reach = 'none' | 'own_unit' | 'subtree' | 'all';

/**
 * The action × role table; a role not listed has no reach. Reading the table is the whole policy;
 * `can` only adds the unit check.
 * - admin manages its subtree (an admin at the enterprise root manages everything); leaders and
 *   officers read their subtree; partners see their own unit and nobody's accounts.
 * - The taxonomy, the calendar, the document templates and the warning policy belong to the whole
 *   enterprise: their target is the enterprise unit (`enterpriseOf`), so only an admin at the root
 *   edits them. A setting's target is the unit it is set for (the enterprise or a mine): an admin
 *   changes the settings in its subtree, a leader those of their own unit — a mine's leader only the
 *   mine's, never the enterprise's (settings module; each key's levels in common/schemas/setting.ts).
 * - Module entries (petition.read, dashboard.read …) say who opens the module at all; what each
 *   person sees inside is decided per record (the petition policy: scope, recusal, identity).
 */
const REACH: Record<Action, Partial<Record<Role, Reach>>> = {
  'unit.read': {
    admin: 'subtree',
    chief: 'subtree',
    deputy: 'subtree',
    officer: 'subtree',
    handler: 'subtree',
    unit_head: 'subtree',
    partner: 'own_unit',
    auditor: 'all',
  },
  'unit.manage': { admin: 'subtree' },
  // A handler picks nobody (the office names owners and handlers) and oversees no unit, so has no
  // use for the account list: own-unit reach only gave a 用户管理 entry listing himself.
  'user.read': {
    admin: 'subtree',
    chief: 'subtree',
    deputy: 'subtree',
    officer: 'subtree',
    unit_head: 'subtree',
    auditor: 'all',
  },
  'user.manage': { admin: 'subtree' },
  'audit.read': { admin: 'all', auditor: 'all' },
  'category.manage': { admin: 'subtree' },
  'calendar.manage': { admin: 'subtree' },
  'template.manage': { admin: 'subtree' },
  'warning.manage': { admin: 'subtree' },
  'setting.manage': { admin: 'subtree', chief: 'own_unit', deputy: 'own_unit' },
  'petition.read': {
    chief: 'subtree',
    deputy: 'subtree',
    officer: 'subtree',
    handler: 'subtree',
    unit_head: 'subtree',
    partner: 'own_unit',
    auditor: 'all',
  },
  // 区队 and 班组 heads register what workers bring them (三级工作体系), at their own unit only: the
  // case is the office's to route from there (they read what is handled in their subtree, as before).
  'petition.register': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit' },
  'petition.supervise': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'petitioner.lookup': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // Proposing accounts for a 被反映人 while registering: the office, over the accounts it may read.
  'namedPerson.match': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'todo.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', handler: 'subtree', unit_head: 'subtree' },
  'dashboard.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'warning.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'warning.act': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'ledger.import': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'text.suggest': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 来电登记: the calls taken in a subtree, with their call-backs; a frontline head the calls taken at
  // his own unit. The full call-back number only to the office, audited (identity rule, 第30条).
  'call_record.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit' },
  'call_record.reveal': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 日报告/零报告 (第5条 源头预防, 第13条): the unit head and the office staff of a reporting unit file its
  // report, for their own unit only; they read their own unit's reports. The offices and leaders
  // read their subtree's reports and its morning view (晨报); the auditor reads them all — except the
  // people in difficulty, which only the unit's office and those handling them see (report module).
  'report.submit': { officer: 'own_unit', unit_head: 'own_unit' },
  'report.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit', auditor: 'all' },
  'report.overview': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  // 考核 (第39条): the enterprise admin keeps the schemes and opens the rounds (target: the enterprise);
  // leaders, officers and auditors read the rounds over their subtree (a mine its own result until
  // publication, then the ranking); a unit's leaders assess their own unit only; the leaders and the
  // office review the units below them (the appraisal service also requires the level above: a
  // reviewer's unit strictly above the unit reviewed).
  'appraisal.manage': { admin: 'subtree' },
  'appraisal.read': { admin: 'subtree', chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'appraisal.self_assess': { chief: 'own_unit', deputy: 'own_unit' },
  'appraisal.review': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 奖惩与问责 (第39条, 第42–46条): the leaders and the office decide a measure for a unit or a person of
  // their subtree (the service also requires the level above for a unit, and never the decider himself);
  // they and 考核/纪检 read them; the unit measured reports its 整改 done (a person measured may too, and
  // always reads his own records — the service's rule, not a role's).
  'accountability.decide': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'accountability.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'accountability.rectify': { chief: 'own_unit', deputy: 'own_unit', officer: 'own_unit' },
  // 矛盾隐患排查 (第5条 源头预防, 第13条): a level's office opens campaigns over its subtree; every covered
  // unit answers for itself — a 区队长/班组长 at his own unit, an office at its own level — and reads
  // the campaigns and returns of its subtree.
  'screening.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'subtree', auditor: 'all' },
  'screening.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'screening.answer': { chief: 'own_unit', deputy: 'own_unit', officer: 'own_unit', unit_head: 'own_unit' },
  // 排查台账: the heads see their unit's hazards and keep them (notes, measures, 销号 request); the office
  // of the subtree manages them. 销号 is approved by the level ABOVE the owning level (the hazard module
  // adds that check on top of this reach).
  'hazard.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'subtree', auditor: 'all' },
  'hazard.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit' },
  'hazard.approve': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 值班带班 (第5条, 第8条): the office reads and keeps the rosters and reception days of its subtree; a
  // 区队 head reads and logs his own unit's duty; 考核/纪检 read every roster (the figures come from it).
  'duty.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit', auditor: 'all' },
  'duty.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'duty.log': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit' },
  // 应急处置 (《信访工作条例》第27条; 国家突发事件应对法): the people a plan binds — leaders, officers,
  // handlers, frontline heads — open the module and see the incidents they are part of; the office sees
  // every incident of its subtree and keeps the plans. Only a leader starts a real response (第5条: the
  // leaders answer for it); the office officer may start a drill (演练) to exercise a plan.
  'emergency.respond': {
    chief: 'subtree',
    deputy: 'subtree',
    officer: 'subtree',
    handler: 'subtree',
    unit_head: 'subtree',
  },
  'emergency.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'emergency.plan.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'emergency.activate': { chief: 'subtree', deputy: 'subtree' },
  'emergency.drill': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 联合接访 and partner organisations (issue #16, 第5条 多元化解): the office arranges them in its
  // subtree; a partner has its own view of what it is invited to, and nothing else.
  'partner.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'partner.workspace': { partner: 'own_unit' },
  // 法规政策库 (issue #17): every member of staff who answers a worker reads and cites the law, the group's
  // policies and the model replies (第32条: a 意见书 states its 法律法规依据); the whole tree keeps one
  // library, so its target is the enterprise (`enterpriseOf`): the office and the admin at the root keep it.
  'knowledge.read': {
    admin: 'subtree',
    chief: 'subtree',
    deputy: 'subtree',
    officer: 'subtree',
    handler: 'subtree',
    unit_head: 'subtree',
    auditor: 'all',
  },
  'knowledge.manage': { admin: 'subtree', chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 企地联调: the office keeps the matter, its meetings, agreement and obligations.
  'mediation.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 干部培训 (第16条): the office of a level keeps courses and sessions for its subtree, records attendance,
  // issues certificates and reads its people's records and gaps; 考核/纪检 read them (the figures come from
  // them). Every cadre of the enterprise's own staff attends, takes the tests and reads his own record
  // (own unit: the record is his; the service adds that it is his own).
  'training.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'training.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  'training.take': {
    chief: 'own_unit',
    deputy: 'own_unit',
    officer: 'own_unit',
    handler: 'own_unit',
    unit_head: 'own_unit',
  },
  // 征求意见 (第5条, 第29条): an office publishes drafts to the units of its subtree and answers every
  // comment; 考核/纪检 read them (the adoption figures come from them). Workers comment from the portal.
  'consultation.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', auditor: 'all' },
  'consultation.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree' },
  // 宣传教育: the office records activities over its subtree; a 区队 head those held at his own team
  // (法治宣传进区队); 考核/纪检 read them all.
  'publicity.read': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit', auditor: 'all' },
  'publicity.manage': { chief: 'subtree', deputy: 'subtree', officer: 'subtree', unit_head: 'own_unit' },
};

/** The reach of a role for an action. */
export function reachOf(role: Role, action: Action): Reach {
  return REACH[action][role] ?? 'none';
}

/** The roles with any reach for an action (who, at a unit, answers for it: a campaign's answerers). */
export function rolesWith(action: Action): Role[] {
  return ROLES.filter((role) => reachOf(role, action) !== 'none');
}

/** Cadres who take training (干部培训): the people its figures, gaps and reminders count. */
export const TRAINEE_ROLES: readonly Role[] = rolesWith('training.take');
/** Who answers for a unit's daily report (日报告): chased at the cut-off. */
export const REPORT_SUBMITTER_ROLES: readonly Role[] = rolesWith('report.submit');
/** Who answers a screening campaign (矛盾隐患排查) for his unit. */
export const SCREENING_ANSWERER_ROLES: readonly Role[] = rolesWith('screening.answer');
/** Staff who may stand as the officer on duty (值班): the office, and a frontline head at his own unit. */
export const DUTY_OFFICER_ROLES = [...OFFICE_ROLES, 'unit_head'] as const satisfies readonly Role[];

/** May a role use an action anywhere at all (a menu entry, a module)? */
export function hasAction(role: Role, action: Action): boolean {
  return reachOf(role, action) !== 'none';
}

/** True when `path` lies in the subtree rooted at `rootPath` (the root itself included). */
export function isInSubtree(path: UnitPath, rootPath: UnitPath): boolean {
  return path.startsWith(rootPath);
}

/** May `actor` perform `action` on something that belongs to `target`? */
export function can(actor: Actor, action: Action, target: UnitRef): boolean {
  const reach = reachOf(actor.role, action);
  switch (reach) {
    case 'none':
      return false;
    case 'all':
      return true;
    case 'own_unit':
      return target.id === actor.unitId;
    case 'subtree':
      return isInSubtree(target.path, actor.unitPath);
  }
}

/** The enterprise (root) unit of the actor's tree: the target of enterprise-wide actions. */
export function enterpriseOf(actor: Actor): UnitRef {
  const rootId = actor.unitPath.split('/').find((segment) => segment.length > 0) ?? actor.unitId;
  return { id: rootId, path: `/${rootId}/` };
}

/** The filter a repository applies for list queries. */
export type Scope =
  { kind: 'none' } | { kind: 'all' } | { kind: 'unit'; unitId: string } | { kind: 'subtree'; path: UnitPath };

export function scopeOf(actor: Actor, action: Action): Scope {
  const reach = reachOf(actor.role, action);
  switch (reach) {
    case 'none':
      return { kind: 'none' };
    case 'all':
      return { kind: 'all' };
    case 'own_unit':
      return { kind: 'unit', unitId: actor.unitId };
    case 'subtree':
      return { kind: 'subtree', path: actor.unitPath };
  }
}

/**
 * Which roles an admin may hand out. An `auditor` reads the whole tree, so only an admin at the
 * enterprise root may create one; any admin may create any other role inside its own subtree.
 */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (actor.role !== 'admin') return false;
  if (role === 'auditor') return isRootActor(actor);
  return true;
}

function isRootActor(actor: Actor): boolean {
  // The root's path has exactly one segment: `/rootId/`.
  return actor.unitPath.split('/').filter(Boolean).length === 1;
}
