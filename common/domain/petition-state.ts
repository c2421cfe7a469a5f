/**
 * The petition's path as a state machine: one verb per transition, no status PATCH.
 *
 * Follows the practice documented in docs/domain.md (states of DOMAIN.md §5), anchored in
 * 《信访工作条例》(2022): registration (第19、21条), routing (第22–23条), acceptance with a written notice
 * (第23条), handling and the 信访处理意见书 (第31–32条), extension (第34条), review and
 * reconsideration (第35–36条) and finality (第36条第3款). Steps that do not move the case — notes,
 * hearings, extension, mediation, signing for an assignment — are activities, allowed in the states
 * listed in ACTIVITY_STATES.
 */

export const PETITION_STATES = [
  'registered', // 登记
  'triaged', // 研判/拟办: route decided
  'assigned', // 转送/交办 to a handling unit, waiting for it to sign or object
  'returned', // 退回: the unit objected within 5 working days (第23条第3款); the sender decides
  'accepted', // 受理 (notice within 15 days, 第23条)
  'in_progress', // 办理中: investigation, hearing, mediation
  'reply_drafted', // 信访处理意见书 drafted, waiting for sign-off
  'replied', // 已答复: the written reply is issued (第32条)
  'executing', // 执行督促: a supported request is being carried out (第32条)
  'evaluated', // 满意度评价 recorded (第21条)
  'concluded', // 办结, with one of the four outcomes (四个到位, 第27条)
  'review_requested', // 复查 requested (第35条)
  'reviewed', // 复查意见 issued
  'reconsideration_requested', // 复核 requested (第36条)
  'final', // 终结: 复核意见 issued; the same matter is not accepted again (第36条第3款)
  'declined', // 不予受理 with a written notice (第23条, 第44条(三))
  'redirected', // 告知另行提出: not ours (第23条第1款)
  'diverted', // 导入法定程序: 仲裁/诉讼/复议/纪检 (第22条第2款, 第31条(一)–(五))
  'not_accepted', // 不予/不再受理: duplicate while pending or already final (第19条第3款, 第36条第3款)
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

/** States in which nothing more happens to the case. */
export const TERMINAL_STATES: readonly PetitionState[] = [
  'final',
  'declined',
  'redirected',
  'diverted',
  'not_accepted',
];

export const TRANSITIONS = {
  triage: { from: ['registered'], to: 'triaged' },
  // 报请上级: an office sends a case it cannot decide to the level above, which routes it from there
  // (第22条 "报请"; 属地管理、分级负责, 第5条): only before it is accepted or handed down.
  escalate: { from: ['registered', 'triaged'], to: 'triaged' },
  assign: { from: ['triaged'], to: 'assigned' }, // 交办: report back by a set date (第22条第1款(三))
  forward: { from: ['triaged'], to: 'assigned' }, // 转送: to the unit with authority
  object: { from: ['assigned'], to: 'returned' }, // 异议 within 5 working days (第23条第3款)
  confirmReturn: { from: ['returned'], to: 'triaged' }, // the sender agrees; materials come back
  rejectObjection: { from: ['returned'], to: 'assigned' },
  accept: { from: ['triaged', 'assigned'], to: 'accepted' },
  decline: { from: ['triaged', 'assigned'], to: 'declined' },
  startInvestigation: { from: ['accepted'], to: 'in_progress' },
  draftReply: { from: ['in_progress'], to: 'reply_drafted' },
  returnDraft: { from: ['reply_drafted'], to: 'in_progress' },
  issueReply: { from: ['reply_drafted'], to: 'replied' },
  startExecution: { from: ['replied'], to: 'executing' },
  evaluate: { from: ['replied', 'executing'], to: 'evaluated' },
  conclude: { from: ['replied', 'executing', 'evaluated'], to: 'concluded' },
  // The petitioner's right runs from receiving the reply (第35条), not from the office's own closing.
  requestReview: { from: ['replied', 'executing', 'evaluated', 'concluded'], to: 'review_requested' },
  issueReviewOpinion: { from: ['review_requested'], to: 'reviewed' },
  requestReconsideration: { from: ['reviewed'], to: 'reconsideration_requested' },
  issueReconsiderationOpinion: { from: ['reconsideration_requested'], to: 'final' },
  redirect: { from: ['registered', 'triaged'], to: 'redirected' },
  divert: { from: ['registered', 'triaged', 'accepted', 'in_progress'], to: 'diverted' },
  notAccept: { from: ['registered', 'triaged'], to: 'not_accepted' },
} as const satisfies Record<string, { from: readonly PetitionState[]; to: PetitionState }>;

export type PetitionTransition = keyof typeof TRANSITIONS;
export const PETITION_TRANSITIONS = Object.keys(TRANSITIONS) as PetitionTransition[];

const OPEN_STATES = PETITION_STATES.filter((s) => !TERMINAL_STATES.includes(s));

/** Activities: recorded on the case, the state stays. */
export const ACTIVITY_STATES = {
  addNote: OPEN_STATES,
  signFor: ['assigned'], // 签收
  startHearing: ['in_progress', 'review_requested', 'reconsideration_requested'], // 听证 (time not counted, 第36条)
  endHearing: ['in_progress', 'review_requested', 'reconsideration_requested'],
  extend: ['in_progress', 'reply_drafted'], // 延期 ≤ 30 days, head's approval (第34条)
  recordMediation: ['in_progress'], // 调解/和解协议书 (第33条)
  setOwner: ['accepted', 'in_progress', 'reply_drafted', 'replied', 'executing', 'evaluated'], // 包案
  confirmOwnership: ['accepted', 'in_progress', 'reply_drafted', 'replied', 'executing', 'evaluated'],
  supervise: [
    'triaged',
    'assigned',
    'returned',
    'accepted',
    'in_progress',
    'reply_drafted',
    'replied',
    'executing',
    'review_requested',
    'reconsideration_requested',
  ], // 督办 (第38–40条)
  followUp: ['executing'], // 督促执行 (第32条)
  linkRepeat: OPEN_STATES, // 重复访: linked to the earlier case of the same matter (issue #6)
  // 被反映人 added, corrected or resolved to an account (回避, 第28条; 第30条): at any time, since a
  // closed case can still be reviewed and must stay hidden from the person it names.
  nameAccused: PETITION_STATES,
  resolveNamedPerson: PETITION_STATES,
  correctSkipLevel: OPEN_STATES, // 越级 flag as the office corrects the rule's decision (第20条第1款)
} as const satisfies Record<string, readonly PetitionState[]>;

export type PetitionActivity = keyof typeof ACTIVITY_STATES;
export const PETITION_ACTIVITIES = Object.keys(ACTIVITY_STATES) as PetitionActivity[];

/** The state a transition leads to, or null when it is not allowed from `state`. */
export function nextState(state: PetitionState, transition: PetitionTransition): PetitionState | null {
  const rule = TRANSITIONS[transition];
  return (rule.from as readonly PetitionState[]).includes(state) ? rule.to : null;
}

export function canTransition(state: PetitionState, transition: PetitionTransition): boolean {
  return nextState(state, transition) !== null;
}

export function canPerform(state: PetitionState, activity: PetitionActivity): boolean {
  return (ACTIVITY_STATES[activity] as readonly PetitionState[]).includes(state);
}

/** Transitions available from `state`, in table order (for "only the actions the user may take now"). */
export function transitionsFrom(state: PetitionState): PetitionTransition[] {
  return PETITION_TRANSITIONS.filter((t) => canTransition(state, t));
}

export function isTerminal(state: PetitionState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Open = still somebody's work (concluded cases await a possible review and count as closed). */
export function isOpen(state: PetitionState): boolean {
  return !isTerminal(state) && state !== 'concluded' && state !== 'reviewed';
}
