import { describe, expect, it } from 'vitest';
import {
  canPerform,
  canTransition,
  isOpen,
  nextState,
  PETITION_STATES,
  PETITION_TRANSITIONS,
  transitionsFrom,
  type PetitionState,
  type PetitionTransition,
} from './petition-state.ts';

/** The specification, written out by hand: every legal (from, transition, to). Anything else is illegal. */
const LEGAL: [PetitionState, PetitionTransition, PetitionState][] = [
  ['registered', 'triage', 'triaged'],
  ['registered', 'escalate', 'triaged'], // 报请上级: the level above routes it (第22条)
  ['triaged', 'escalate', 'triaged'],
  ['registered', 'redirect', 'redirected'],
  ['registered', 'divert', 'diverted'],
  ['registered', 'notAccept', 'not_accepted'],
  ['triaged', 'assign', 'assigned'],
  ['triaged', 'forward', 'assigned'],
  ['triaged', 'accept', 'accepted'],
  ['triaged', 'decline', 'declined'],
  ['triaged', 'redirect', 'redirected'],
  ['triaged', 'divert', 'diverted'],
  ['triaged', 'notAccept', 'not_accepted'],
  ['assigned', 'object', 'returned'],
  ['assigned', 'accept', 'accepted'],
  ['assigned', 'decline', 'declined'],
  ['returned', 'confirmReturn', 'triaged'],
  ['returned', 'rejectObjection', 'assigned'],
  ['accepted', 'startInvestigation', 'in_progress'],
  ['accepted', 'divert', 'diverted'],
  ['in_progress', 'draftReply', 'reply_drafted'],
  ['in_progress', 'divert', 'diverted'],
  ['reply_drafted', 'returnDraft', 'in_progress'],
  ['reply_drafted', 'issueReply', 'replied'],
  ['replied', 'startExecution', 'executing'],
  ['replied', 'evaluate', 'evaluated'],
  ['replied', 'conclude', 'concluded'],
  ['executing', 'evaluate', 'evaluated'],
  ['executing', 'conclude', 'concluded'],
  ['evaluated', 'conclude', 'concluded'],
  ['replied', 'requestReview', 'review_requested'], // the petitioner's 30 days run from the reply (第35条)
  ['executing', 'requestReview', 'review_requested'],
  ['evaluated', 'requestReview', 'review_requested'],
  ['concluded', 'requestReview', 'review_requested'],
  ['review_requested', 'issueReviewOpinion', 'reviewed'],
  ['reviewed', 'requestReconsideration', 'reconsideration_requested'],
  ['reconsideration_requested', 'issueReconsiderationOpinion', 'final'],
];

describe('petition state machine', () => {
  const all = PETITION_STATES.flatMap((state) => PETITION_TRANSITIONS.map((transition) => ({ state, transition })));
  it.each(all)('$transition from $state', ({ state, transition }) => {
    const legal = LEGAL.find(([from, t]) => from === state && t === transition);
    expect(nextState(state, transition)).toBe(legal === undefined ? null : legal[2]);
    expect(canTransition(state, transition)).toBe(legal !== undefined);
  });

  it('walks the main path from registration to final (三级终结)', () => {
    const path: PetitionTransition[] = [
      'triage',
      'assign',
      'accept',
      'startInvestigation',
      'draftReply',
      'issueReply',
      'startExecution',
      'evaluate',
      'conclude',
      'requestReview',
      'issueReviewOpinion',
      'requestReconsideration',
      'issueReconsiderationOpinion',
    ];
    let state: PetitionState = 'registered';
    for (const transition of path) {
      const next = nextState(state, transition);
      expect(next, `${transition} from ${state}`).not.toBeNull();
      state = next ?? state;
    }
    expect(state).toBe('final');
    expect(transitionsFrom('final')).toEqual([]);
  });

  it('offers only the legal transitions from a state', () => {
    expect(transitionsFrom('assigned')).toEqual(['object', 'accept', 'decline']);
  });
});

describe('activities', () => {
  it.each([
    ['in_progress', 'extend', true],
    ['reply_drafted', 'extend', true],
    ['replied', 'extend', false],
    ['assigned', 'signFor', true],
    ['accepted', 'signFor', false],
    ['reconsideration_requested', 'startHearing', true],
    ['concluded', 'startHearing', false],
    ['final', 'addNote', false],
    ['concluded', 'addNote', true],
    ['executing', 'followUp', true],
    ['registered', 'supervise', false],
    ['registered', 'linkRepeat', true],
    ['in_progress', 'linkRepeat', true],
    ['final', 'linkRepeat', false],
    ['not_accepted', 'linkRepeat', false],
  ] as const)('%s allows %s → %s', (state, activity, expected) => {
    expect(canPerform(state, activity)).toBe(expected);
  });
});

describe('isOpen', () => {
  it.each([
    ['registered', true],
    ['in_progress', true],
    ['review_requested', true],
    ['concluded', false],
    ['reviewed', false],
    ['final', false],
    ['declined', false],
  ] as const)('%s → %s', (state, expected) => {
    expect(isOpen(state)).toBe(expected);
  });
});
