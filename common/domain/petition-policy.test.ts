/**
 * The petition policy as a table: who decides a 复查 and a 复核 at every level of the tree (第35–36条,
 * docs/domain.md "at the top of the tree the unit itself"), which side of a handover signs for,
 * accepts and decides an objection (第23条第3款), and which steps the case's record marks as done
 * or waiting. Pure: facts are written out here; the same rules run on the database in
 * petition-steps.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './access.ts';
import { PETITION_ACTIVITIES, PETITION_TRANSITIONS } from './petition-state.ts';
import type { Role } from '../schemas/user.ts';
import {
  availableVerbs,
  canAct,
  caseProgress,
  reconsiderationBodyPath,
  reviewBodyPath,
  stepBlock,
  type PetitionCaseFacts,
  type PetitionVerb,
} from './petition-policy.ts';

// 集团 /g/ → 人力资源部 /g/hr/, 甲矿 /g/m/ → 综采一队 /g/m/t/ → 甲班 /g/m/t/c/; 机械公司 /g/co/ → 乙矿 /g/co/m2/.
const PATHS = {
  g: '/g/',
  hr: '/g/hr/',
  m: '/g/m/',
  t: '/g/m/t/',
  c: '/g/m/t/c/',
  co: '/g/co/',
  m2: '/g/co/m2/',
} as const;
type At = keyof typeof PATHS;
/** The handling body of each unit: the nearest 集团/矿/公司 at or above it (what findCaseRow computes). */
const BODY: Record<At, string> = {
  g: '/g/',
  hr: '/g/',
  m: '/g/m/',
  t: '/g/m/',
  c: '/g/m/',
  co: '/g/co/',
  m2: '/g/co/m2/',
};

function actor(key: string): Actor {
  const [role, at] = key.split('@') as [Role, At];
  return { id: key, role, unitId: at, unitPath: PATHS[at] };
}

function facts(handling: At, more: Partial<PetitionCaseFacts> = {}): PetitionCaseFacts {
  return {
    type: 'appeal',
    registeredUnitPath: '/g/',
    handlingUnitPath: PATHS[handling],
    ownerId: null,
    handlerId: null,
    coHandlerIds: [],
    recusedUserIds: [],
    handlingOfficePath: BODY[handling],
    senderPath: null,
    replySignerId: null,
    reviewDeciderId: null,
    ...more,
  };
}

describe('the bodies of 复查 and 复核 at every level', () => {
  it.each([
    // handled by          review body   reconsideration body
    ['c', '/g/', '/g/'], // a crew answers through its mine: the group reviews, and at the top reconsiders itself
    ['t', '/g/', '/g/'],
    ['m', '/g/', '/g/'],
    ['hr', '/g/', '/g/'], // a group department: the group itself
    ['g', '/g/', '/g/'], // the top of the tree: the unit itself
    ['m2', '/g/co/', '/g/'], // a mine under a company: the company reviews, the group reconsiders
    ['co', '/g/', '/g/'],
  ] as const)('handled at %s → 复查 by %s, 复核 by %s', (handling, review, reconsideration) => {
    expect(reviewBodyPath(facts(handling))).toBe(review);
    expect(reconsiderationBodyPath(facts(handling))).toBe(reconsideration);
  });
});

const DECIDERS = [
  'officer@g',
  'chief@g',
  'deputy@g',
  'officer@m',
  'chief@m',
  'officer@co',
  'chief@co',
  'handler@t',
  'unit_head@c',
  'officer@hr',
  'auditor@g',
] as const;

/** Who may issue the 复查意见 of a case handled at each level (owner chief@g? no owner; signer chief@m or chief@g). */
const REVIEW: Record<At, readonly string[]> = {
  c: ['officer@g', 'chief@g', 'deputy@g'],
  t: ['officer@g', 'chief@g', 'deputy@g'],
  m: ['officer@g', 'chief@g', 'deputy@g'],
  // At the top the group reviews itself: a leader only — the officers worked the case.
  hr: ['chief@g', 'deputy@g'],
  g: ['chief@g', 'deputy@g'],
  m2: ['officer@co', 'chief@co'],
  co: ['officer@g', 'chief@g', 'deputy@g'],
};

describe('who decides a 复查 (第35条), level by level', () => {
  it.each(
    (Object.keys(REVIEW) as At[]).flatMap((handling) =>
      DECIDERS.map((who) => [handling, who, REVIEW[handling].includes(who)] as const),
    ),
  )('handled at %s: %s decides %s', (handling, who, expected) => {
    expect(canAct(actor(who), 'issueReviewOpinion', facts(handling))).toBe(expected);
  });

  it.each([
    ['the 包案 leader', { ownerId: 'deputy@g' }],
    ['the leader who signed the 信访处理意见书', { replySignerId: 'deputy@g' }],
  ])('at the top, %s does not review their own decision', (_, took) => {
    expect(canAct(actor('deputy@g'), 'issueReviewOpinion', facts('g', took))).toBe(false);
    expect(canAct(actor('chief@g'), 'issueReviewOpinion', facts('g', took))).toBe(true);
  });

  it('below the top, the group leader who owned a mine case does not review it either', () => {
    expect(canAct(actor('chief@g'), 'issueReviewOpinion', facts('m', { ownerId: 'chief@g' }))).toBe(false);
    expect(canAct(actor('officer@g'), 'issueReviewOpinion', facts('m', { ownerId: 'chief@g' }))).toBe(true);
  });
});

describe('who decides a 复核 (第36条), level by level', () => {
  const RECONSIDERATION: Record<At, readonly string[]> = {
    // The group reviewed (officer@g decided): at the top it reconsiders by a leader who did not.
    c: ['chief@g', 'deputy@g'],
    m: ['chief@g', 'deputy@g'],
    g: ['chief@g', 'deputy@g'],
    // The company reviewed: the group is the level above, its office decides.
    m2: ['officer@g', 'chief@g', 'deputy@g'],
    t: ['chief@g', 'deputy@g'],
    hr: ['chief@g', 'deputy@g'],
    co: ['chief@g', 'deputy@g'],
  };
  it.each(
    (Object.keys(RECONSIDERATION) as At[]).flatMap((handling) =>
      DECIDERS.map((who) => [handling, who, RECONSIDERATION[handling].includes(who)] as const),
    ),
  )('handled at %s, 复查 by its body: %s decides %s', (handling, who, expected) => {
    const reviewer = handling === 'm2' ? 'officer@co' : 'officer@g';
    expect(canAct(actor(who), 'issueReconsiderationOpinion', facts(handling, { reviewDeciderId: reviewer }))).toBe(
      expected,
    );
  });

  it('the leader who decided the 复查 does not decide the 复核', () => {
    const f = facts('g', { reviewDeciderId: 'chief@g' });
    expect(canAct(actor('chief@g'), 'issueReconsiderationOpinion', f)).toBe(false);
    expect(canAct(actor('deputy@g'), 'issueReconsiderationOpinion', f)).toBe(true);
  });
});

describe('a handover: the body it was handed to answers (第23条第3款)', () => {
  // The group office (/g/) handed the case to 综采一队 of 甲矿: 甲矿 is the handling body.
  const handedToTeam = facts('t', { senderPath: '/g/' });
  it.each([
    // verb           who           allowed
    ['signFor', 'officer@g', false], // the group office cannot sign for the mine
    ['signFor', 'officer@m', true],
    ['signFor', 'handler@t', true], // the team's own staff sign for it
    ['signFor', 'unit_head@t', true], // and its head
    ['signFor', 'unit_head@c', false], // a crew below the team does not see what the team handles
    ['accept', 'officer@g', false], // nor accept or decline on its behalf
    ['accept', 'chief@g', false],
    ['accept', 'officer@m', true],
    ['accept', 'chief@m', true],
    ['accept', 'handler@t', false], // acceptance is the body's office's decision
    ['decline', 'officer@g', false],
    ['decline', 'officer@m', true],
    ['object', 'officer@g', false],
    ['object', 'officer@m', true],
    ['object', 'handler@t', true],
    ['confirmReturn', 'officer@g', true], // the sender decides on the objection
    ['confirmReturn', 'officer@m', false], // the objecting body does not judge itself
    ['rejectObjection', 'chief@g', true],
    ['rejectObjection', 'chief@m', false],
    ['supervise', 'officer@g', true], // the group still presses the mine
    ['addNote', 'officer@g', true],
  ] as const)('%s by %s: %s', (verb, who, expected) => {
    expect(canAct(actor(who), verb, handedToTeam)).toBe(expected);
  });

  it('a case the group hands to its own department is still the group’s to accept', () => {
    const own = facts('hr', { senderPath: '/g/' });
    expect(canAct(actor('officer@g'), 'accept', own)).toBe(true);
    expect(canAct(actor('officer@g'), 'confirmReturn', own)).toBe(true);
  });

  it('before any handover the office in scope accepts', () => {
    const triaged = { ...facts('g'), handlingUnitPath: null };
    expect(canAct(actor('officer@g'), 'accept', triaged)).toBe(true);
    expect(canAct(actor('officer@m'), 'accept', triaged)).toBe(false);
  });
});

describe('steps done or waiting on the case record', () => {
  const owner = { ownerId: 'chief@m', ownerConfirmedAt: null };
  const confirmed = { ownerId: 'chief@m', ownerConfirmedAt: '2026-03-02T02:00:00.000Z' };
  const none = { ownerId: null, ownerConfirmedAt: null };
  const kinds = (...k: string[]) => k.map((kind) => ({ kind }));
  it.each([
    // verb, events, owner, expected block
    ['signFor', kinds('assign'), none, null],
    ['signFor', kinds('assign', 'signFor'), none, { code: 'PETITION_STEP_DONE', done: true }],
    ['signFor', kinds('assign', 'signFor', 'assign'), none, null], // a new handover is signed again
    ['signFor', kinds('assign', 'object', 'rejectObjection'), none, null],
    ['object', kinds('assign'), none, null],
    ['object', kinds('assign', 'signFor'), none, { code: 'OBJECTION_WINDOW_CLOSED', done: true }],
    ['object', kinds('assign', 'object', 'rejectObjection'), none, { code: 'OBJECTION_WINDOW_CLOSED', done: true }],
    ['confirmOwnership', kinds('accept'), owner, null],
    ['confirmOwnership', kinds('accept', 'confirmOwnership'), confirmed, { code: 'PETITION_STEP_DONE', done: true }],
    ['issueReply', kinds('draftReply'), owner, { code: 'OWNERSHIP_NOT_CONFIRMED', done: false }],
    ['issueReply', kinds('draftReply'), confirmed, null],
    ['issueReply', kinds('draftReply'), none, null], // no owner named: a leader signs
    ['startHearing', kinds('startHearing'), none, { code: 'PETITION_TRANSITION_ILLEGAL', done: true }],
    ['endHearing', kinds('startHearing'), none, null],
    ['endHearing', kinds('startHearing', 'endHearing'), none, { code: 'PETITION_TRANSITION_ILLEGAL', done: true }],
    ['accept', kinds('assign', 'signFor'), owner, null],
  ] as const)('%s after %j', (verb, events, own, expected) => {
    expect(stepBlock(verb as PetitionVerb, caseProgress(events, own))).toEqual(expected);
  });
});

describe('the verbs a viewer is offered on the case page', () => {
  const owned = facts('m', { ownerId: 'chief@m', handlerId: 'handler@t' });
  const owner = { ownerId: 'chief@m', ownerConfirmedAt: null };
  const kinds = (...k: string[]) => k.map((kind) => ({ kind }));
  it.each([
    // viewer, state, events, offered, waiting (with the reason), never offered
    ['chief@m', 'accepted', kinds('accept'), ['confirmOwnership'], [], ['issueReply']],
    // The owner confirmed: the step is done and no longer offered or waiting.
    ['chief@m', 'in_progress', kinds('accept', 'confirmOwnership'), [], [], ['confirmOwnership']],
    // A draft waits for the owner's confirmation before it is issued (第32条: the leader signs).
    ['chief@m', 'reply_drafted', kinds('accept', 'draftReply'), ['confirmOwnership'], ['issueReply'], []],
    // A viewer with no part in the case is offered nothing.
    ['officer@co', 'in_progress', kinds('accept'), [], [], ['addNote', 'draftReply']],
  ] as const)('%s on a case %s after %j', (who, state, events, offered, waiting, never) => {
    const confirmedAt = events.some((e) => e.kind === 'confirmOwnership') ? '2026-03-02T02:00:00.000Z' : null;
    const progress = caseProgress(events, { ...owner, ownerConfirmedAt: confirmedAt });
    const { actions, waiting: waits } = availableVerbs(actor(who), state, owned, progress);
    for (const verb of offered) expect(actions).toContain(verb);
    expect(waits.map((w) => w.verb)).toEqual(expect.arrayContaining([...waiting]));
    for (const verb of waiting) expect(actions).not.toContain(verb);
    for (const verb of never) expect(actions).not.toContain(verb);
    if (who === 'officer@co') expect({ actions, waits }).toEqual({ actions: [], waits: [] });
  });
});

describe('a partner invited onto a case', () => {
  // A lawyer or a township on the case as a co-handler: he gives an opinion and may step aside; every
  // other verb — the steps, notes (which also gate messages and files), the reply — stays with the staff.
  const onCase = facts('m', { coHandlerIds: ['partner@m'] });
  const ALL: readonly PetitionVerb[] = [
    ...PETITION_TRANSITIONS,
    ...PETITION_ACTIVITIES,
    'register',
    'declareConflict',
    'revealIdentity',
    'giveOpinion',
  ];
  it.each(ALL.map((verb) => [verb, verb === 'giveOpinion' || verb === 'declareConflict'] as const))(
    '%s → %s',
    (verb, expected) => {
      expect(canAct(actor('partner@m'), verb, onCase)).toBe(expected);
    },
  );
});
