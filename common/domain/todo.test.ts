import { describe, expect, it } from 'vitest';
import { PETITION_STATES, isOpen, type PetitionState } from './petition-state.ts';
import { TODO_RULES, todoTasksOf, type TodoCase, type TodoPerson, type TodoTask } from './todo.ts';

// The group (G) above mine M; the case was registered at G and handed to M.
const base: TodoCase = {
  state: 'registered',
  ownerId: null,
  ownerConfirmed: false,
  handlerId: null,
  coHandlerIds: [],
  registeredBy: 'reg',
  registeredUnitId: 'G',
  handlingUnitId: 'M',
  reviewingUnitId: 'G',
  messageWaiting: false,
};

const people = {
  owner: { id: 'owner', role: 'chief', unitId: 'M', officeWorker: false },
  handler: { id: 'handler', role: 'handler', unitId: 'M.hr', officeWorker: false },
  co: { id: 'co', role: 'unit_head', unitId: 'M.t1', officeWorker: false },
  registrar: { id: 'reg', role: 'officer', unitId: 'G', officeWorker: true },
  groupOfficer: { id: 'go', role: 'officer', unitId: 'G', officeWorker: true },
  groupChief: { id: 'gc', role: 'chief', unitId: 'G', officeWorker: false },
  mineOfficer: { id: 'mo', role: 'officer', unitId: 'M', officeWorker: true },
  mineDeputy: { id: 'md', role: 'deputy', unitId: 'M', officeWorker: false },
  mineChiefNoOfficer: { id: 'mc', role: 'chief', unitId: 'M', officeWorker: true },
  otherOfficer: { id: 'oo', role: 'officer', unitId: 'N', officeWorker: true },
} satisfies Record<string, TodoPerson>;
type Who = keyof typeof people;

const cases: [string, Partial<TodoCase>, Who, TodoTask[]][] = [
  // The registering office routes; nobody else has it yet.
  ['研判 at the registering unit', { state: 'registered', handlingUnitId: null }, 'groupOfficer', ['triage']],
  [
    '研判 is not the group chief’s when the group has an officer',
    { state: 'registered', handlingUnitId: null },
    'groupChief',
    [],
  ],
  ['nor another unit’s office', { state: 'registered', handlingUnitId: null }, 'otherOfficer', []],
  ['routing after 研判', { state: 'triaged', handlingUnitId: null }, 'registrar', ['route']],
  ['an objection comes back to the sender', { state: 'returned' }, 'groupOfficer', ['decideObjection']],
  ['an objection is not the receiving unit’s', { state: 'returned' }, 'mineOfficer', []],
  // The receiving unit signs for it; a leader does so only where the unit has no officer.
  ['签收 at the unit it was handed to', { state: 'assigned' }, 'mineOfficer', ['signFor']],
  ['not the sender’s once handed over', { state: 'assigned' }, 'groupOfficer', []],
  ['a leader without an officer signs for it', { state: 'assigned' }, 'mineChiefNoOfficer', ['signFor']],
  ['a leader beside an officer does not', { state: 'assigned' }, 'mineDeputy', []],
  ['naming the handler after 受理', { state: 'accepted' }, 'mineOfficer', ['assignHandler']],
  ['no handler to name when there is one', { state: 'accepted', handlerId: 'handler' }, 'mineOfficer', []],
  // People on the case.
  ['the handler investigates', { state: 'in_progress', handlerId: 'handler' }, 'handler', ['handle']],
  ['a co-handler too', { state: 'in_progress', coHandlerIds: ['co'] }, 'co', ['handle']],
  [
    'the handler waits while the draft is with the signer',
    { state: 'reply_drafted', handlerId: 'handler' },
    'handler',
    [],
  ],
  ['the handler follows the execution', { state: 'executing', handlerId: 'handler' }, 'handler', ['followUp']],
  ['the owner confirms first', { state: 'accepted', ownerId: 'owner' }, 'owner', ['confirmOwnership', 'own']],
  [
    'a confirmed owner keeps the case',
    { state: 'in_progress', ownerId: 'owner', ownerConfirmed: true },
    'owner',
    ['own'],
  ],
  [
    'the owner signs the draft',
    { state: 'reply_drafted', ownerId: 'owner', ownerConfirmed: true },
    'owner',
    ['signOff', 'own'],
  ],
  ['without an owner the handling unit’s leaders sign', { state: 'reply_drafted' }, 'mineDeputy', ['signOff']],
  ['with an owner they do not', { state: 'reply_drafted', ownerId: 'owner' }, 'mineDeputy', []],
  [
    'the owner is done when it is concluded',
    { state: 'concluded', ownerId: 'owner', ownerConfirmed: true },
    'owner',
    [],
  ],
  ['a 复查 is not the owner’s', { state: 'review_requested', ownerId: 'owner', ownerConfirmed: true }, 'owner', []],
  // 办结 by the handling office; 复查 and 复核 by the office of the level above.
  ['办结 after the reply', { state: 'replied', handlerId: 'handler' }, 'mineOfficer', ['conclude']],
  ['办结 after the evaluation', { state: 'evaluated' }, 'mineOfficer', ['conclude']],
  ['复查 by the office above', { state: 'review_requested' }, 'groupOfficer', ['review']],
  ['复查 by the leaders above', { state: 'review_requested' }, 'groupChief', ['review']],
  ['复查 never by the handling unit', { state: 'review_requested' }, 'mineOfficer', []],
  ['复核 by the office above', { state: 'reconsideration_requested' }, 'groupChief', ['reconsider']],
  [
    'at the top the unit reviews itself',
    { state: 'review_requested', handlingUnitId: 'G', reviewingUnitId: 'G' },
    'groupOfficer',
    ['review'],
  ],
  // The petitioner's messages wait for whoever works on the case.
  [
    'a waiting message for the handler',
    { state: 'replied', handlerId: 'handler', messageWaiting: true },
    'handler',
    ['answerMessage'],
  ],
  ['and for whoever registered it', { state: 'replied', messageWaiting: true }, 'registrar', ['answerMessage']],
  ['an answered message is nobody’s', { state: 'replied', handlerId: 'handler' }, 'handler', []],
  ['closed cases are nobody’s', { state: 'final', handlerId: 'handler', messageWaiting: true }, 'handler', []],
];

describe('todoTasksOf', () => {
  it.each(cases)('%s', (_label, overrides, who, expected) => {
    expect(todoTasksOf(people[who], { ...base, ...overrides })).toEqual(expected);
  });

  it('puts no closed case on anybody’s list', () => {
    const closed = PETITION_STATES.filter((s) => !isOpen(s));
    for (const rule of TODO_RULES) expect(rule.states.filter((s) => closed.includes(s))).toEqual([]);
  });

  it('leaves no open state without a task for somebody', () => {
    const covered = new Set<PetitionState>(TODO_RULES.filter((r) => r.when === undefined).flatMap((r) => r.states));
    expect(PETITION_STATES.filter((s) => isOpen(s) && !covered.has(s))).toEqual([]);
  });
});
