/**
 * 值班带班 (duty roster), 值班日志 (duty log) and 领导接待日 (leaders' reception days): the contracts
 * of the duty module (server/modules/duty) and its pages. Rules live in common/domain/duty.ts.
 */
import { z } from 'zod';
import { RecordDrillQuerySchema } from './figure.ts';
import { LocalDateSchema } from '../domain/calendar.ts';
import { PETITION_TYPES } from '../domain/deadlines.ts';
import { PurposeSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

const Instant = z.iso.datetime({ offset: true });
/** A desk line or a mobile kept for the duty (值班电话), never a person's own number. */
export const DutyPhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{3,20}$/, { error: 'a phone number: digits, +, - and spaces' });
const Person = z.object({ id: IdSchema, name: z.string() });
const Text = (max: number) => z.string().trim().min(1, { error: 'text is required' }).max(max);

export const DUTY_SLOTS = ['leader', 'officer'] as const;
export const DutySlotSchema = z.enum(DUTY_SLOTS);
export type DutySlot = z.infer<typeof DutySlotSchema>;

export const ShiftInputSchema = z
  .object({
    /** An existing shift of the week being edited; left out, a new shift. */
    id: IdSchema.optional(),
    startAt: Instant,
    endAt: Instant,
    leaderId: IdSchema,
    officerId: IdSchema,
    phone: DutyPhoneSchema,
  })
  .strict();
export type ShiftInput = z.infer<typeof ShiftInputSchema>;

/** A unit's roster for one week (Monday to Sunday, local dates), saved as a whole. */
export const RosterWeekInputSchema = z
  .object({
    unitId: IdSchema,
    weekStart: LocalDateSchema,
    shifts: z.array(ShiftInputSchema).max(60),
  })
  .strict();
export type RosterWeekInput = z.infer<typeof RosterWeekInputSchema>;

export const RosterQuerySchema = z
  .object({ unitId: IdSchema.optional(), weekStart: LocalDateSchema.optional() })
  .strict();
export type RosterQuery = z.infer<typeof RosterQuerySchema>;

export const ShiftViewSchema = z.object({
  id: IdSchema,
  unit: Person,
  startAt: z.string(),
  endAt: z.string(),
  leader: Person,
  officer: Person,
  phone: z.string(),
  handover: z.object({ note: z.string(), at: z.string(), byName: z.string() }).nullable(),
});
export type ShiftView = z.infer<typeof ShiftViewSchema>;

export const SWAP_STATES = ['pending', 'approved', 'refused'] as const;
export const SwapViewSchema = z.object({
  id: IdSchema,
  shiftId: IdSchema,
  shiftStartAt: z.string(),
  shiftEndAt: z.string(),
  unitName: z.string(),
  slot: DutySlotSchema,
  requestedByName: z.string(),
  colleagueName: z.string(),
  reason: z.string(),
  state: z.enum(SWAP_STATES),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(z.enum(['approve', 'refuse'])),
});
export type SwapView = z.infer<typeof SwapViewSchema>;

const IntervalSchema = z.object({ startAt: z.string(), endAt: z.string() });

export const RosterWeekViewSchema = z.object({
  unit: Person,
  weekStart: LocalDateSchema,
  shifts: z.array(ShiftViewSchema.extend({ mayRequestSwap: z.boolean() })),
  /** The sensitive periods meeting this week: their hours must be covered around the clock. */
  sensitivePeriods: z.array(z.object({ name: z.string(), startDate: z.string(), endDate: z.string() })),
  /** Sensitive hours of the week no shift covers (empty once the roster is saved). */
  gaps: z.array(IntervalSchema),
  /** Who may be named: leader accounts above or at the unit, staff of its subtree. */
  candidates: z.object({ leaders: z.array(Person), officers: z.array(Person) }),
  swaps: z.array(SwapViewSchema),
  mayManage: z.boolean(),
});
export type RosterWeekView = z.infer<typeof RosterWeekViewSchema>;

export const SwapRequestInputSchema = z
  .object({ slot: DutySlotSchema, colleagueId: IdSchema, reason: Text(500) })
  .strict();
export type SwapRequestInput = z.infer<typeof SwapRequestInputSchema>;
export const SwapDecisionInputSchema = z.object({ note: z.string().trim().max(500).optional() }).strict();

/** 谁在值班: the shift running now at the actor's unit and each unit above it that keeps a roster. */
export const OnDutyViewSchema = z.object({
  items: z.array(z.object({ unit: Person, shift: ShiftViewSchema.nullable(), next: ShiftViewSchema.nullable() })),
});
export type OnDutyView = z.infer<typeof OnDutyViewSchema>;

// ---------------------------------------------------------------------------------------------
// 值班日志

export const DUTY_ENTRY_KINDS = ['call', 'visit', 'event', 'instruction'] as const;
export const DutyEntryKindSchema = z.enum(DUTY_ENTRY_KINDS);
export type DutyEntryKind = z.infer<typeof DutyEntryKindSchema>;

export const DutyEntryInputSchema = z
  .object({
    kind: DutyEntryKindSchema,
    /** When it happened; left out, now. Within the shift and not in the future. */
    occurredAt: Instant.optional(),
    text: Text(2000),
  })
  .strict();
export type DutyEntryInput = z.infer<typeof DutyEntryInputSchema>;

export const DutyEntryViewSchema = z.object({
  id: IdSchema,
  kind: DutyEntryKindSchema,
  occurredAt: z.string(),
  text: z.string(),
  recordedByName: z.string(),
  petition: z.object({ id: IdSchema, caseNumber: z.string() }).nullable(),
  actions: z.array(z.enum(['petition'])),
});
export type DutyEntryView = z.infer<typeof DutyEntryViewSchema>;

export const HandoverInputSchema = z.object({ note: Text(2000) }).strict();

export const DutyLogQuerySchema = z.object({ shiftId: IdSchema.optional() }).strict();

export const DutyLogViewSchema = z.object({
  /** null when nobody is rostered now at the actor's unit and no shift was asked for. */
  shift: ShiftViewSchema.nullable(),
  /** The handover of the shift before, shown to this one (交接班). */
  previousHandover: z.object({ note: z.string(), at: z.string(), byName: z.string() }).nullable(),
  entries: z.array(DutyEntryViewSchema),
  mayLog: z.boolean(),
  /** The shift after this one (the one its handover is shown to), if rostered. */
  next: z.object({ id: IdSchema, startAt: z.string(), leaderName: z.string() }).nullable(),
});
export type DutyLogView = z.infer<typeof DutyLogViewSchema>;

/**
 * A call or visit entry becomes a petition in one step: the server fills channel, time, unit and
 * the matter's text from the entry; the officer gives the title and who came (or anonymous).
 */
export const EntryToPetitionInputSchema = z
  .object({
    title: z.string().trim().min(2, { error: 'title must have at least 2 characters' }).max(60),
    petitionerName: z.string().trim().min(1).max(40).optional(),
    type: z.enum(PETITION_TYPES).default('other'),
    purpose: PurposeSchema.default('request'),
    categoryCode: z.string().max(10).optional(),
  })
  .strict();
export type EntryToPetitionInput = z.input<typeof EntryToPetitionInputSchema>;

export const EntryToPetitionViewSchema = z.object({
  entry: DutyEntryViewSchema,
  petition: z.object({ id: IdSchema, caseNumber: z.string() }),
});

// ---------------------------------------------------------------------------------------------
// 领导接待日

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time HH:MM' });

export const ReceptionDayInputSchema = z
  .object({
    unitId: IdSchema,
    leaderId: IdSchema,
    date: LocalDateSchema,
    startTime: Time,
    endTime: Time,
    place: Text(200),
    topic: Text(200),
  })
  .strict();
export type ReceptionDayInput = z.infer<typeof ReceptionDayInputSchema>;

export const ReceptionDayViewSchema = z.object({
  id: IdSchema,
  unit: Person,
  leader: Person,
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  topic: z.string(),
  cancelled: z.boolean(),
  /** Visits registered at the unit on the day (the cases the leader received). */
  visits: z.number().int(),
});
export type ReceptionDayView = z.infer<typeof ReceptionDayViewSchema>;

/**
 * Reception days between two local dates; `unitId` (a unit's subtree, within the reader's scope) and
 * `held=true` (not cancelled and dated by today) list what duty.receptionDaysHeld counts.
 */
export const ReceptionDayListQuerySchema = RecordDrillQuerySchema.extend({
  held: z.enum(['true']).optional(),
}).strict();
export const ReceptionDayListViewSchema = z.object({
  items: z.array(ReceptionDayViewSchema),
  mayManage: z.boolean(),
  candidates: z.object({ leaders: z.array(Person.extend({ unitId: IdSchema })) }),
});
export type ReceptionDayListView = z.infer<typeof ReceptionDayListViewSchema>;

/** The leader who received a visit registered on his reception day at the unit (shown on the case). */
export const CaseReceptionViewSchema = z.object({
  reception: z
    .object({ id: IdSchema, leaderName: z.string(), date: z.string(), place: z.string(), topic: z.string() })
    .nullable(),
});

/** What the portal publishes: the duty phone now, and the reception days ahead (no one's own number). */
export const PortalDutyViewSchema = z.object({
  dutyPhone: z.string().nullable(),
  receptionDays: z.array(
    z.object({
      unitName: z.string(),
      leaderName: z.string(),
      date: z.string(),
      startTime: z.string(),
      endTime: z.string(),
      place: z.string(),
      topic: z.string(),
    }),
  ),
});
export type PortalDutyView = z.infer<typeof PortalDutyViewSchema>;
