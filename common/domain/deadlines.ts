/**
 * Every time limit (期限) of a petition, computed from the dates of what has happened so far.
 *
 * One pure function, `computeDeadlines`: the server calls it to flag 超期 cases and feed 督办, the
 * browser to show the countdown, both with the same calendar and policy. Limits come from the
 * 《信访工作条例》(2022) where it sets one (see `docs/domain.md` and DOMAIN.md §1.2); the rest are
 * enterprise settings in `DeadlinePolicy`. Days are local days in China (`calendar.ts`), counted
 * from the day after the event that starts the clock (《民法典》第201条).
 */
import {
  addCalendarDays,
  addWorkingDays,
  compareInstants,
  daysBetween,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  rollToWorkingDay,
  type Calendar,
  type LocalDate,
} from './calendar.ts';

export const DEADLINE_KINDS = [
  'acceptance_notice',
  'objection',
  'assignment_report',
  'referral_report',
  'conclusion',
  'extension_notice',
  'review_request',
  'review_opinion',
  'reconsideration_request',
  'reconsideration_opinion',
  'owner_confirmation',
  'supervision',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Whether a limit counts every day (the 条例's "日") or only working days ("工作日", 第23条 only). */
export type DayCount = 'calendar' | 'working';

/** The limits a deployment applies. Provincial rules differ, so every number is a setting. */
export type DeadlinePolicy = {
  /** 15日: written notice of receipt and route (受理/接收告知), 《信访工作条例》第23条第1–3款. Calendar days. */
  acceptanceNoticeDays: number;
  /** 5个工作日: a unit given an item outside its power objects, 第23条第3款. Working days. */
  objectionWorkingDays: number;
  /** 60日 from 受理 to the 信访处理意见书, 第34条; only 申诉求决类 items handled under 第31条第6项. */
  conclusionDays: number;
  /** At most 30日 of extension in total, approved by the unit's head, 第34条. */
  maxExtensionDays: number;
  /** Internal target for 建议意见类 and 检举控告类, which have no statutory limit (第29–30条); null = none. */
  otherTypesConclusionDays: number | null;
  /** 30日 after the written reply is received, for the petitioner to ask for 复查, 第35条. */
  reviewRequestDays: number;
  /** 30日 for the 复查意见, 第35条. */
  reviewOpinionDays: number;
  /** 30日 after the 复查意见 is received, for the petitioner to ask for 复核, 第36条. */
  reconsiderationRequestDays: number;
  /** 30日 for the 复核意见, hearing time not counted, 第36条. */
  reconsiderationOpinionDays: number;
  /** Enterprise setting: days for the named leader to confirm a 包案 assignment (第18条第2款). Calendar days. */
  ownerConfirmationDays: number;
  /** A calendar-day period whose last day is not a working day ends on the next working day (《民法典》第203条). */
  rollOffHolidays: boolean;
};

/** The limits counted in days: every field of the policy but the holiday switch. */
export type DeadlineDayField = Exclude<keyof DeadlinePolicy, 'rollOffHolidays'>;

/** The 2022 条例's numbers, no internal target for 建议/检举, 3 days for 包案 confirmation, holidays rolled. */
export const DEFAULT_DEADLINE_POLICY: Readonly<DeadlinePolicy> = Object.freeze({
  acceptanceNoticeDays: 15,
  objectionWorkingDays: 5,
  conclusionDays: 60,
  maxExtensionDays: 30,
  otherTypesConclusionDays: null,
  reviewRequestDays: 30,
  reviewOpinionDays: 30,
  reconsiderationRequestDays: 30,
  reconsiderationOpinionDays: 30,
  ownerConfirmationDays: 3,
  rollOffHolidays: true,
});

/** 建议意见类 / 检举控告类 / 申诉求决类 (第29–31条), plus the intake values 咨询 and 其他. */
export const PETITION_TYPES = ['suggestion', 'accusation', 'appeal', 'consultation', 'other'] as const;
export type PetitionType = (typeof PETITION_TYPES)[number];

/**
 * The clocks a 听证 stops. 《信访工作条例》第36条 is the only article that leaves hearing time out of a
 * time limit: "听证所需时间不计算在前款规定的时限内" — the 30 days of the 复核意见. 第34条 (办结, 60 + 30
 * days) and 第35条 (复查意见) name no such exception, and the petitioner's own request windows cannot
 * contain a hearing of the body deciding them; a hearing held during the handling (第31条(六)) is
 * recorded but runs with those clocks (docs/domain.md, "Deadlines").
 */
export const HEARING_PAUSES: readonly DeadlineKind[] = ['reconsideration_opinion'];

/** A 听证 (第36条); `endedAt` null while it is still going on. */
export type Hearing = { startedAt: string; endedAt: string | null };

/**
 * What has happened to a petition. Instants are ISO 8601 with an offset (the server writes UTC);
 * an absent or null field has not happened yet.
 */
export type DeadlineFacts = {
  type: PetitionType;
  /** 登记/收到: starts the 15-day notice clock. */
  receivedAt: string;
  /**
   * The written 受理/不予受理 notice delivered, handed over or sent (第23条, 第44条(三)): meets
   * `acceptance_notice`. The decision alone does not: the notice must exist and go out.
   */
  acceptanceNoticeAt?: string | null;
  /** Item received by the handling unit (转送/交办): starts the 5-working-day objection window. */
  assignedAt?: string | null;
  /** 签收: the unit takes the item, which closes the objection window as met. */
  signedAt?: string | null;
  /** 异议 with reasons (第23条第3款): also closes the window. */
  objectedAt?: string | null;
  /** 指定办理期限 set by the 交办 body (第22条). */
  assignmentReportDueDate?: LocalDate | null;
  /** 办结报告 submitted. */
  reportedAt?: string | null;
  /** 受理: starts the conclusion clock. */
  acceptedAt?: string | null;
  /** Approved extension in days, all approvals together; at most `maxExtensionDays`. */
  extensionDays?: number;
  /** Days of the latest approval (the extension its notice must announce before the limit it extends ends). */
  latestExtensionDays?: number;
  /**
   * When the 延期告知书 of every approved extension had gone out (delivered, handed over or sent):
   * meets `extension_notice` (第34条 "并告知信访人延期理由"); null while one has not.
   */
  extensionNoticeAt?: string | null;
  /** 上级转送/交办: the date the higher body set for the report back (第22条), and when the report went out. */
  referralDueDate?: LocalDate | null;
  referralReportedAt?: string | null;
  /** 信访处理意见书 issued: meets `conclusion`. */
  repliedAt?: string | null;
  /** Reply delivered to the petitioner: starts the 复查 request window. */
  replyReceivedAt?: string | null;
  reviewRequestedAt?: string | null;
  /** 复查意见 given in writing: meets `review_opinion`. */
  reviewOpinionAt?: string | null;
  /**
   * 复查意见书 received by the petitioner (or posted, until its receipt is recorded): starts the 复核
   * request window (第36条). Absent, the window counts from `reviewOpinionAt`; null, it has not started.
   */
  reviewOpinionReceivedAt?: string | null;
  reconsiderationRequestedAt?: string | null;
  reconsiderationOpinionAt?: string | null;
  /** 包案 leader named. */
  ownerAssignedAt?: string | null;
  ownerConfirmedAt?: string | null;
  /** 督办 deadline set by the supervising level (第40条). */
  supervisionDueDate?: LocalDate | null;
  supervisionResolvedAt?: string | null;
  /** 听证: its days do not count for the clocks of `HEARING_PAUSES` (第36条). */
  hearings?: readonly Hearing[];
};

export type DeadlineStatus = 'open' | 'met' | 'met_late' | 'overdue';

export type Deadline = {
  kind: DeadlineKind;
  /** Last day on which the step is on time. */
  dueDate: LocalDate;
  status: DeadlineStatus;
  /** The instant of the event that completed the step, null while it has not happened. */
  metAt: string | null;
  /** The rule behind the limit, e.g. `《信访工作条例》第34条`; `企业规定…` for enterprise settings. */
  article: string;
  dayCount: DayCount;
  /** Days added because a hearing overlapped the running period (working days for a working-day clock). */
  pausedDays: number;
  /** Calendar days from `today` to `dueDate`, negative when overdue; null once met. */
  daysLeft: number | null;
};

/** How pressing a deadline is, for lists and colours. */
export type Urgency = 'overdue' | 'due_soon' | 'normal';

/** A deadline with at most this many calendar days left is `due_soon`. */
export const DUE_SOON_DAYS = 3;
/**
 * More deadlines than this for one person in one sweep are summed up in one notice (the first sweep
 * after an import would otherwise send fifty): the cases are on 我的待办 and the dashboard either way.
 */
export const DEADLINE_DIGEST_ABOVE = 5;

const ARTICLE = {
  acceptanceNotice: '《信访工作条例》第23条',
  objection: '《信访工作条例》第23条第3款',
  assignmentReport: '《信访工作条例》第22条',
  referralReport: '《信访工作条例》第22条（上级机关确定的期限）',
  extensionNotice: '《信访工作条例》第34条（告知延期理由）',
  conclusion: '《信访工作条例》第34条',
  suggestionConclusion: '企业规定（《信访工作条例》第29条未设期限）',
  accusationConclusion: '企业规定（《信访工作条例》第30条未设期限）',
  review: '《信访工作条例》第35条',
  reconsideration: '《信访工作条例》第36条',
  ownerConfirmation: '企业规定（领导包案，《信访工作条例》第18条）',
  supervision: '《信访工作条例》第40条',
} as const;

/** A limit counted from an event: `days` calendar or working days after the event's local date. */
type Clock = {
  kind: DeadlineKind;
  startedAt: string;
  days: number;
  dayCount: DayCount;
  metAt: string | null;
  article: string;
};

/** A limit whose last day someone else fixed (交办, 督办): neither paused nor rolled, it is the date they set. */
type FixedDate = { kind: DeadlineKind; dueDate: LocalDate; metAt: string | null; article: string };

/**
 * Every deadline whose clock has started, in `DEADLINE_KINDS` order, with its status on `today`.
 *
 * A clock's due date is the local date of its start + N days (calendar or working), counting from the
 * next day; for the clocks of `HEARING_PAUSES` only (第36条), plus the days of any 听证 inside the
 * running period (each local day a hearing touches, an open hearing up to `today`); then, for a
 * calendar-day clock under `rollOffHolidays`, moved to the next working day when it is not one. A
 * step is `met` when the local date of the completing event is on or before the due date, `met_late`
 * after it; otherwise `overdue` once `today` is past the due date, else `open`.
 *
 * `conclusion` runs for `appeal` (第34条: conclusionDays + extensionDays), for `suggestion` and
 * `accusation` only when `otherTypesConclusionDays` is set, never for `consultation` or `other`.
 * `extension_notice` runs once an extension is approved: due when the limit it extends would have
 * ended, met when every extension's notice has gone out. `referral_report` is the date a higher body
 * set for the report on a matter it sent down (上级转送/交办).
 *
 * @throws RangeError when `extensionDays` exceeds `policy.maxExtensionDays` (第34条) or is not a whole
 *   non-negative number, when a policy number is not a whole non-negative number, when an instant or
 *   a date is malformed, or when a hearing ends before it starts.
 */
export function computeDeadlines(
  facts: DeadlineFacts,
  today: LocalDate,
  calendar: Calendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY,
): Deadline[] {
  assertPolicy(policy);
  if (!isLocalDate(today)) throw new RangeError(`today is not a calendar date: ${JSON.stringify(today)}`);
  const extensionDays = facts.extensionDays ?? 0;
  assertDays(extensionDays, 'extensionDays');
  if (extensionDays > policy.maxExtensionDays) {
    // 《信访工作条例》第34条: 延长期限不得超过30日.
    throw new RangeError(`extensionDays ${extensionDays} exceeds the maximum of ${policy.maxExtensionDays} (第34条)`);
  }
  const hearingDays = hearingDaysOf(facts.hearings ?? [], today);

  const entries: (Clock | FixedDate)[] = [];
  const clock = (
    kind: DeadlineKind,
    startedAt: string | null | undefined,
    days: number,
    dayCount: DayCount,
    metAt: string | null | undefined,
    article: string,
  ): void => {
    if (startedAt !== null && startedAt !== undefined)
      entries.push({ kind, startedAt, days, dayCount, metAt: metAt ?? null, article });
  };
  const fixed = (
    kind: DeadlineKind,
    dueDate: LocalDate | null | undefined,
    metAt: string | null | undefined,
    article: string,
  ): void => {
    if (dueDate === null || dueDate === undefined) return;
    if (!isLocalDate(dueDate))
      throw new RangeError(`${kind} due date is not a calendar date: ${JSON.stringify(dueDate)}`);
    entries.push({ kind, dueDate, metAt: metAt ?? null, article });
  };

  clock(
    'acceptance_notice',
    facts.receivedAt,
    policy.acceptanceNoticeDays,
    'calendar',
    facts.acceptanceNoticeAt,
    ARTICLE.acceptanceNotice,
  );
  // Signing and objecting both end the window; whichever happened first is the answer.
  clock(
    'objection',
    facts.assignedAt,
    policy.objectionWorkingDays,
    'working',
    earliest(facts.signedAt, facts.objectedAt),
    ARTICLE.objection,
  );
  fixed('assignment_report', facts.assignmentReportDueDate, facts.reportedAt, ARTICLE.assignmentReport);
  fixed('referral_report', facts.referralDueDate, facts.referralReportedAt, ARTICLE.referralReport);
  const conclusion = conclusionRule(facts.type, policy);
  if (conclusion !== null) {
    clock(
      'conclusion',
      facts.acceptedAt,
      conclusion.days + extensionDays,
      'calendar',
      facts.repliedAt,
      conclusion.article,
    );
    // 第34条: the petitioner is told the reason of an extension — before the limit it extends runs out.
    const latest = facts.latestExtensionDays ?? 0;
    if (extensionDays > 0 && latest > 0) {
      clock(
        'extension_notice',
        facts.acceptedAt,
        conclusion.days + extensionDays - latest,
        'calendar',
        facts.extensionNoticeAt,
        ARTICLE.extensionNotice,
      );
    }
  }
  clock(
    'review_request',
    facts.replyReceivedAt,
    policy.reviewRequestDays,
    'calendar',
    facts.reviewRequestedAt,
    ARTICLE.review,
  );
  clock(
    'review_opinion',
    facts.reviewRequestedAt,
    policy.reviewOpinionDays,
    'calendar',
    facts.reviewOpinionAt,
    ARTICLE.review,
  );
  clock(
    'reconsideration_request',
    facts.reviewOpinionReceivedAt === undefined ? facts.reviewOpinionAt : facts.reviewOpinionReceivedAt,
    policy.reconsiderationRequestDays,
    'calendar',
    facts.reconsiderationRequestedAt,
    ARTICLE.reconsideration,
  );
  clock(
    'reconsideration_opinion',
    facts.reconsiderationRequestedAt,
    policy.reconsiderationOpinionDays,
    'calendar',
    facts.reconsiderationOpinionAt,
    ARTICLE.reconsideration,
  );
  clock(
    'owner_confirmation',
    facts.ownerAssignedAt,
    policy.ownerConfirmationDays,
    'calendar',
    facts.ownerConfirmedAt,
    ARTICLE.ownerConfirmation,
  );
  fixed('supervision', facts.supervisionDueDate, facts.supervisionResolvedAt, ARTICLE.supervision);

  return entries.map((entry) => {
    if ('dueDate' in entry) {
      return withStatus(entry.kind, entry.dueDate, entry.metAt, entry.article, 'calendar', 0, today);
    }
    const paused = HEARING_PAUSES.includes(entry.kind) ? hearingDays : NO_DAYS;
    const { dueDate, pausedDays } = dueDateOf(entry, paused, calendar, policy.rollOffHolidays);
    return withStatus(entry.kind, dueDate, entry.metAt, entry.article, entry.dayCount, pausedDays, today);
  });
}

/**
 * The open or overdue deadline with the earliest due date (the first listed on a tie), or null when
 * every deadline is met.
 */
export function nearestOpenDeadline(deadlines: readonly Deadline[]): Deadline | null {
  let nearest: Deadline | null = null;
  for (const deadline of deadlines) {
    if (deadline.status !== 'open' && deadline.status !== 'overdue') continue;
    if (nearest === null || deadline.dueDate < nearest.dueDate) nearest = deadline;
  }
  return nearest;
}

/**
 * `overdue` when `today` is past the due date, `due_soon` with `DUE_SOON_DAYS` or fewer calendar days
 * left (the due date itself included), else `normal`. A met deadline is always `normal`.
 *
 * @throws RangeError when `today` is not a calendar date.
 */
export function urgencyOf(deadline: Deadline, today: LocalDate): Urgency {
  if (deadline.status === 'met' || deadline.status === 'met_late') return 'normal';
  const left = daysBetween(today, deadline.dueDate);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'normal';
}

// ---------------------------------------------------------------------------------------------------

function conclusionRule(type: PetitionType, policy: DeadlinePolicy): { days: number; article: string } | null {
  switch (type) {
    case 'appeal':
      // 《信访工作条例》第34条: 60日 from 受理, for items handled under 第31条第6项.
      return { days: policy.conclusionDays, article: ARTICLE.conclusion };
    case 'suggestion':
      return policy.otherTypesConclusionDays === null
        ? null
        : { days: policy.otherTypesConclusionDays, article: ARTICLE.suggestionConclusion };
    case 'accusation':
      return policy.otherTypesConclusionDays === null
        ? null
        : { days: policy.otherTypesConclusionDays, article: ARTICLE.accusationConclusion };
    case 'consultation':
    case 'other':
      // Not a 信访事项 under 第29–31条: no conclusion limit at all.
      return null;
  }
}

/**
 * Due date of a clock, with hearing days excluded. The running period is (start, due], cut short at
 * the completing event, because a hearing after the step is done cannot delay it. Adding paused days
 * lengthens the period, which can take in more hearing days, so this repeats until nothing changes;
 * the count only grows and is bounded by the number of hearing days, so it ends.
 */
function dueDateOf(
  clock: Clock,
  hearingDays: ReadonlySet<LocalDate>,
  calendar: Calendar,
  rollOffHolidays: boolean,
): { dueDate: LocalDate; pausedDays: number } {
  const start = localDateOf(clock.startedAt);
  const stop = clock.metAt === null ? null : localDateOf(clock.metAt);
  const advance = (days: number): LocalDate =>
    clock.dayCount === 'working' ? addWorkingDays(calendar, start, days) : addCalendarDays(start, days);
  let pausedDays = 0;
  for (;;) {
    const due = advance(clock.days + pausedDays);
    // YYYY-MM-DD strings compare in date order.
    const periodEnd = stop !== null && stop < due ? stop : due;
    let counted = 0;
    for (const day of hearingDays) {
      if (day > start && day <= periodEnd && (clock.dayCount === 'calendar' || isWorkingDay(calendar, day)))
        counted += 1;
    }
    if (counted === pausedDays) break;
    pausedDays = counted;
  }
  const due = advance(clock.days + pausedDays);
  // 《民法典》第203条: a period whose last day is a holiday ends on the next working day. A working-day
  // count always ends on a working day already.
  const dueDate = rollOffHolidays && clock.dayCount === 'calendar' ? rollToWorkingDay(calendar, due) : due;
  return { dueDate, pausedDays };
}

function withStatus(
  kind: DeadlineKind,
  dueDate: LocalDate,
  metAt: string | null,
  article: string,
  dayCount: DayCount,
  pausedDays: number,
  today: LocalDate,
): Deadline {
  let status: DeadlineStatus;
  if (metAt !== null) status = localDateOf(metAt) <= dueDate ? 'met' : 'met_late';
  else status = today > dueDate ? 'overdue' : 'open';
  const daysLeft = metAt === null ? daysBetween(today, dueDate) : null;
  return { kind, dueDate, status, metAt, article, dayCount, pausedDays, daysLeft };
}

const NO_DAYS: ReadonlySet<LocalDate> = new Set();

/** Every local day touched by a hearing; an open hearing runs up to `today`. */
function hearingDaysOf(hearings: readonly Hearing[], today: LocalDate): Set<LocalDate> {
  const days = new Set<LocalDate>();
  for (const hearing of hearings) {
    const first = localDateOf(hearing.startedAt);
    if (hearing.endedAt !== null && compareInstants(hearing.endedAt, hearing.startedAt) < 0) {
      throw new RangeError(`a hearing ends (${hearing.endedAt}) before it starts (${hearing.startedAt})`);
    }
    const last = hearing.endedAt === null ? today : localDateOf(hearing.endedAt);
    for (let day = first; day <= last; day = addCalendarDays(day, 1)) days.add(day);
  }
  return days;
}

function earliest(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return compareInstants(a, b) <= 0 ? a : b;
}

function assertDays(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of days ≥ 0, got ${n}`);
}

function assertPolicy(policy: DeadlinePolicy): void {
  assertDays(policy.acceptanceNoticeDays, 'acceptanceNoticeDays');
  assertDays(policy.objectionWorkingDays, 'objectionWorkingDays');
  assertDays(policy.conclusionDays, 'conclusionDays');
  assertDays(policy.maxExtensionDays, 'maxExtensionDays');
  if (policy.otherTypesConclusionDays !== null) assertDays(policy.otherTypesConclusionDays, 'otherTypesConclusionDays');
  assertDays(policy.reviewRequestDays, 'reviewRequestDays');
  assertDays(policy.reviewOpinionDays, 'reviewOpinionDays');
  assertDays(policy.reconsiderationRequestDays, 'reconsiderationRequestDays');
  assertDays(policy.reconsiderationOpinionDays, 'reconsiderationOpinionDays');
  assertDays(policy.ownerConfirmationDays, 'ownerConfirmationDays');
}
