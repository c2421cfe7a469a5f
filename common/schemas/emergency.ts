/**
 * Contracts of 应急处置 (emergency response, issue #16): contingency plans (预案) by incident type and
 * level, their activation into an incident (from a warning, by a leader, from a duty-log entry), the
 * incident's timeline, tasks with confirmation, liaison with outside bodies, stand-down and the
 * after-action report (复盘). Drills (演练) are incidents marked `drill` everywhere.
 *
 * People, not surveillance (《信访工作条例》第5条, 第27条, 第30条): an incident records what happened and
 * what the enterprise promised and did. There is no field for a petitioner's identity, no list of
 * persons: a name appears only in the free text of an entry where the timeline needs it.
 */
import { z } from 'zod';
import { RecordDrillQuerySchema } from './figure.ts';
import { WARNING_LEVELS, WarningLevelSchema } from './warning.ts';
import { IdSchema } from './unit.ts';

/** 群体性事件, 个人极端, 集体上访/越级访, 网络舆情, 其他. */
export const INCIDENT_TYPES = [
  'mass_incident',
  'individual_extreme',
  'group_visit',
  'online_opinion',
  'other',
] as const;
export const IncidentTypeSchema = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof IncidentTypeSchema>;

/** A plan's level is the warning level it answers (red = I级 … blue = IV级). */
export const PLAN_LEVELS = WARNING_LEVELS;
export type PlanLevel = (typeof PLAN_LEVELS)[number];

/** 总指挥, 现场处置, 联络, 后勤, 舆情应对. */
export const PLAN_ROLES = ['commander', 'onsite', 'liaison', 'logistics', 'media'] as const;
export const PlanRoleSchema = z.enum(PLAN_ROLES);
export type PlanRole = z.infer<typeof PlanRoleSchema>;

export const PlanRoleBindingSchema = z
  .object({ role: PlanRoleSchema, userIds: z.array(IdSchema).min(1).max(20) })
  .strict();

export const PlanContactSchema = z
  .object({
    /** The outside body: 乡镇政府, 派出所, 人社局 … */
    body: z.string().trim().min(1).max(60),
    name: z.string().trim().min(1).max(40),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,20}$/, { error: 'a phone number of digits' }),
  })
  .strict();
export type PlanContact = z.infer<typeof PlanContactSchema>;

export const PlanInputSchema = z
  .object({
    unitId: IdSchema,
    title: z.string().trim().min(2).max(80),
    incidentType: IncidentTypeSchema,
    level: WarningLevelSchema,
    roles: z.array(PlanRoleBindingSchema).min(1).max(PLAN_ROLES.length),
    steps: z.array(z.string().trim().min(2).max(300)).min(1).max(40),
    contacts: z.array(PlanContactSchema).max(30).default([]),
    /** Accounts told at activation beyond the roles (the leaders above, the office). */
    notifyUserIds: z.array(IdSchema).max(50).default([]),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.roles.forEach((binding, i) => {
      if (seen.has(binding.role)) ctx.addIssue({ code: 'custom', path: ['roles', i, 'role'], message: 'a role twice' });
      seen.add(binding.role);
    });
    if (!seen.has('commander'))
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'a plan needs a commander (总指挥)' });
  });
export type PlanInput = z.input<typeof PlanInputSchema>;
export type PlanData = z.output<typeof PlanInputSchema>;

const PersonViewSchema = z.object({ id: IdSchema, name: z.string(), phone: z.string().nullable() });
export type PersonView = z.infer<typeof PersonViewSchema>;

export const PlanViewSchema = z.object({
  id: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  title: z.string(),
  incidentType: IncidentTypeSchema,
  level: WarningLevelSchema,
  version: z.number().int(),
  roles: z.array(z.object({ role: PlanRoleSchema, people: z.array(PersonViewSchema) })),
  steps: z.array(z.string()),
  contacts: z.array(PlanContactSchema),
  notify: z.array(PersonViewSchema),
  active: z.boolean(),
  updatedAt: z.string(),
  /** May the viewer edit it, activate it, run a drill of it. */
  canManage: z.boolean(),
  canActivate: z.boolean(),
  canDrill: z.boolean(),
});
export type PlanView = z.infer<typeof PlanViewSchema>;
export const PlanListViewSchema = z.object({ items: z.array(PlanViewSchema) });
export type PlanListView = z.infer<typeof PlanListViewSchema>;

export const ACTIVATION_SOURCES = ['warning', 'leader', 'duty_log'] as const;
export const ActivationSourceSchema = z
  .object({ kind: z.enum(ACTIVATION_SOURCES), id: IdSchema.optional() })
  .strict()
  .superRefine((s, ctx) => {
    if (s.kind !== 'leader' && s.id === undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'name the warning or the duty-log entry' });
  });
export type ActivationSource = z.infer<typeof ActivationSourceSchema>;

export const ActivatePlanInputSchema = z
  .object({
    planId: IdSchema,
    source: ActivationSourceSchema,
    /** An exercise of the plan (演练), marked as such everywhere. */
    drill: z.boolean().default(false),
    /** What is happening, in a line (defaults to the plan's title). */
    summary: z.string().trim().min(2).max(200).optional(),
  })
  .strict();
export type ActivatePlanInput = z.input<typeof ActivatePlanInputSchema>;

/** What a person on the spot records. */
export const ENTRY_KINDS = ['arrival', 'gathered', 'talks', 'demands', 'promise', 'liaison', 'other'] as const;
/** What the system records itself, so that the timeline holds every step. */
export const SYSTEM_ENTRY_KINDS = ['activated', 'task_assigned', 'task_confirmed', 'stood_down'] as const;
export const EntryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof EntryKindSchema>;
export type TimelineKind = EntryKind | (typeof SYSTEM_ENTRY_KINDS)[number];
export const TimelineKindSchema = z.enum([...ENTRY_KINDS, ...SYSTEM_ENTRY_KINDS]);

const Instant = z.iso.datetime({ offset: true });

export const IncidentEntryInputSchema = z
  .object({
    kind: EntryKindSchema,
    /** When it happened (required: a timeline without times is no record). */
    occurredAt: Instant,
    text: z.string().trim().min(1).max(2000),
    /** How many people gathered (an entry of kind `gathered`). */
    headcount: z.number().int().min(0).max(100_000).optional(),
    /** The outside body spoken with (an entry of kind `liaison`). */
    outsideBody: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === 'gathered' && e.headcount === undefined)
      ctx.addIssue({ code: 'custom', path: ['headcount'], message: 'how many people gathered' });
    if (e.kind === 'liaison' && e.outsideBody === undefined)
      ctx.addIssue({ code: 'custom', path: ['outsideBody'], message: 'which outside body' });
  });
export type IncidentEntryInput = z.input<typeof IncidentEntryInputSchema>;

export const IncidentTaskInputSchema = z
  .object({ assigneeId: IdSchema, title: z.string().trim().min(2).max(200) })
  .strict();
export type IncidentTaskInput = z.input<typeof IncidentTaskInputSchema>;

export const StandDownInputSchema = z
  .object({ occurredAt: Instant.optional(), note: z.string().trim().min(2).max(2000) })
  .strict();
export type StandDownInput = z.input<typeof StandDownInputSchema>;

export const INCIDENT_STATUSES = ['active', 'stood_down'] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);

export const IncidentSummaryViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  incidentType: IncidentTypeSchema,
  level: WarningLevelSchema,
  drill: z.boolean(),
  status: IncidentStatusSchema,
  unitName: z.string(),
  activatedAt: z.string(),
  stoodDownAt: z.string().nullable(),
  /** Tasks not yet confirmed by their assignee. */
  unconfirmedTasks: z.number().int(),
});
export type IncidentSummaryView = z.infer<typeof IncidentSummaryViewSchema>;
export const IncidentListViewSchema = z.object({ items: z.array(IncidentSummaryViewSchema) });
export type IncidentListView = z.infer<typeof IncidentListViewSchema>;

export const TimelineEntryViewSchema = z.object({
  id: IdSchema,
  kind: TimelineKindSchema,
  occurredAt: z.string(),
  text: z.string(),
  headcount: z.number().int().nullable(),
  outsideBody: z.string().nullable(),
  recordedByName: z.string(),
});
export type TimelineEntryView = z.infer<typeof TimelineEntryViewSchema>;

export const IncidentTaskViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  assigneeId: IdSchema,
  assigneeName: z.string(),
  assignedAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type IncidentTaskView = z.infer<typeof IncidentTaskViewSchema>;

/** Minutes from activation to the first arrival and to stand-down (null until they happen). */
export const ResponseTimesSchema = z.object({
  toFirstArrival: z.number().int().nullable(),
  toStandDown: z.number().int().nullable(),
});
export type ResponseTimes = z.infer<typeof ResponseTimesSchema>;

export const IncidentViewSchema = IncidentSummaryViewSchema.extend({
  planId: IdSchema,
  planVersion: z.number().int(),
  summary: z.string(),
  source: z.object({ kind: z.enum(ACTIVATION_SOURCES), id: z.string().nullable() }),
  commanderName: z.string(),
  roles: z.array(z.object({ role: PlanRoleSchema, people: z.array(PersonViewSchema) })),
  steps: z.array(z.string()),
  contacts: z.array(PlanContactSchema),
  timeline: z.array(TimelineEntryViewSchema),
  tasks: z.array(IncidentTaskViewSchema),
  standDownNote: z.string().nullable(),
  responseTimes: ResponseTimesSchema,
  /** What the viewer may do now. */
  actions: z.array(z.enum(['record', 'assign', 'standDown'])),
});
export type IncidentView = z.infer<typeof IncidentViewSchema>;

/**
 * The incident list's filters; `unitId`, `from`, `to` (RecordDrillQuerySchema, the local dates it was
 * activated on) and `drill` (true: drills only, false: real incidents only) and `timed` (a first arrival
 * recorded) open it from the emergency figures.
 */
export const IncidentListQuerySchema = RecordDrillQuerySchema.extend({
  status: z.enum(['all', ...INCIDENT_STATUSES]).default('all'),
  drill: z.enum(['true', 'false']).optional(),
  timed: z.enum(['true']).optional(),
}).strict();
export type IncidentListQuery = z.input<typeof IncidentListQuerySchema>;

/** Plans a person may pick when activating (from a warning: those of its level first). */
export const PlanListQuerySchema = z.object({ level: WarningLevelSchema.optional() }).strict();
export type PlanListQuery = z.input<typeof PlanListQuerySchema>;
