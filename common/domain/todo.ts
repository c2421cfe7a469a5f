/**
 * 我的待办: what puts a case on a person's to-do list — the step that person must take next. Pure
 * data and one function; the petition repository turns the same table into the list's WHERE clause
 * (petition-todo.repository.ts), and a test checks the two agree case by case (docs/domain.md, "To-do").
 *
 * A rule names a task, the states in which it waits, who holds it and, for some, a condition:
 * - the 包案领导 (第18条第2款) confirms, signs the 信访处理意见书 (第32条) and keeps every case he owns
 *   until it is concluded;
 * - the 承办人 and co-handlers investigate, and follow the execution of a supported request (第32条);
 * - the office workers of a unit (its officers, or its leaders when it has none) do the office's
 *   daily work: 研判 and routing at the registering unit (第22条), objections coming back (第23条第3款),
 *   签收/受理 at the unit the case was handed to (第23条), naming the handler, 办结 (第27条);
 * - the leaders of the handling unit sign the reply when the case has no owner (第32条);
 * - the office of the level above the handling unit (the unit itself at the top) decides a 复查 or
 *   复核 request (第35–36条);
 * - whoever works on the case answers the petitioner's waiting messages (第21条).
 * Nothing else is a to-do: a case merely in one's scope is in the petition list, not here.
 */
import { isLeader, isOffice } from './access.ts';
import { ACTIVITY_STATES, PETITION_STATES, isOpen, type PetitionState } from './petition-state.ts';
import type { Role } from '../schemas/user.ts';

export const TODO_TASKS = [
  'confirmOwnership',
  'signOff',
  'review',
  'reconsider',
  'triage',
  'route',
  'decideObjection',
  'signFor',
  'assignHandler',
  'handle',
  'followUp',
  'conclude',
  'answerMessage',
  'own',
] as const;
export type TodoTask = (typeof TODO_TASKS)[number];

/** Who holds a task on a case. */
export type TodoHolder =
  'owner' | 'handler' | 'caseWorker' | 'registeringOffice' | 'handlingOffice' | 'handlingLeaders' | 'reviewingOffice';

/** A condition on the case besides its state. */
export type TodoCondition = 'ownerUnconfirmed' | 'noOwner' | 'noHandler' | 'messageWaiting';

export type TodoRule = {
  task: TodoTask;
  holder: TodoHolder;
  states: readonly PetitionState[];
  when?: TodoCondition;
};

const OPEN_STATES: readonly PetitionState[] = PETITION_STATES.filter(isOpen);
/** 包案: "a named leader owns the case until it is concluded" (docs/glossary.md); 复查 and 复核 are the level above's. */
const OWNED_STATES: readonly PetitionState[] = OPEN_STATES.filter(
  (s) => s !== 'review_requested' && s !== 'reconsideration_requested',
);

/** The rules, in the order a case's tasks are named (the most specific first; 包案 last). */
export const TODO_RULES: readonly TodoRule[] = [
  { task: 'confirmOwnership', holder: 'owner', states: ACTIVITY_STATES.confirmOwnership, when: 'ownerUnconfirmed' },
  { task: 'signOff', holder: 'owner', states: ['reply_drafted'] },
  { task: 'signOff', holder: 'handlingLeaders', states: ['reply_drafted'], when: 'noOwner' },
  { task: 'review', holder: 'reviewingOffice', states: ['review_requested'] },
  { task: 'reconsider', holder: 'reviewingOffice', states: ['reconsideration_requested'] },
  { task: 'triage', holder: 'registeringOffice', states: ['registered'] },
  { task: 'route', holder: 'registeringOffice', states: ['triaged'] },
  { task: 'decideObjection', holder: 'registeringOffice', states: ['returned'] },
  { task: 'signFor', holder: 'handlingOffice', states: ['assigned'] },
  { task: 'assignHandler', holder: 'handlingOffice', states: ['accepted', 'in_progress'], when: 'noHandler' },
  { task: 'handle', holder: 'handler', states: ['accepted', 'in_progress'] },
  { task: 'followUp', holder: 'handler', states: ['executing'] },
  { task: 'conclude', holder: 'handlingOffice', states: ['replied', 'executing', 'evaluated'] },
  { task: 'answerMessage', holder: 'caseWorker', states: OPEN_STATES, when: 'messageWaiting' },
  { task: 'own', holder: 'owner', states: OWNED_STATES },
];

/** The person whose list it is. */
export type TodoPerson = {
  id: string;
  role: Role;
  unitId: string;
  /**
   * Does the office work of the unit: an officer, or a leader of a unit without an active officer
   * (the server decides it from the accounts; see `officeWorkersOf`).
   */
  officeWorker: boolean;
};

/** What the rules read from a case. */
export type TodoCase = {
  state: PetitionState;
  ownerId: string | null;
  ownerConfirmed: boolean;
  handlerId: string | null;
  coHandlerIds: readonly string[];
  registeredBy: string | null;
  registeredUnitId: string;
  handlingUnitId: string | null;
  /** The unit above the handling unit (the registering unit until handed over); itself at the top. */
  reviewingUnitId: string;
  /** A message from the petitioner newer than the office's last answer. */
  messageWaiting: boolean;
};

/** The unit whose office and leaders do the handling unit's work: the registering unit until it is handed over. */
function handlingUnitOf(c: TodoCase): string {
  return c.handlingUnitId ?? c.registeredUnitId;
}

/** Does `person` hold the tasks of `holder` on case `c`? */
export function holds(person: TodoPerson, holder: TodoHolder, c: TodoCase): boolean {
  switch (holder) {
    case 'owner':
      return c.ownerId === person.id;
    case 'handler':
      return c.handlerId === person.id || c.coHandlerIds.includes(person.id);
    case 'caseWorker':
      // Whoever registered it answers only while at the registering unit (they may have moved since).
      return (
        holds(person, 'owner', c) ||
        holds(person, 'handler', c) ||
        (c.registeredBy === person.id && c.registeredUnitId === person.unitId)
      );
    case 'registeringOffice':
      return person.officeWorker && c.registeredUnitId === person.unitId;
    case 'handlingOffice':
      return person.officeWorker && handlingUnitOf(c) === person.unitId;
    case 'handlingLeaders':
      return isLeader(person.role) && handlingUnitOf(c) === person.unitId;
    case 'reviewingOffice':
      return isOffice(person.role) && c.reviewingUnitId === person.unitId;
  }
}

function met(condition: TodoCondition | undefined, c: TodoCase): boolean {
  switch (condition) {
    case undefined:
      return true;
    case 'ownerUnconfirmed':
      return !c.ownerConfirmed;
    case 'noOwner':
      return c.ownerId === null;
    case 'noHandler':
      return c.handlerId === null;
    case 'messageWaiting':
      return c.messageWaiting;
  }
}

/** The tasks `person` holds on case `c`, in rule order; none means the case is not on their list. */
export function todoTasksOf(person: TodoPerson, c: TodoCase): TodoTask[] {
  const tasks = TODO_RULES.filter(
    (rule) => rule.states.includes(c.state) && met(rule.when, c) && holds(person, rule.holder, c),
  ).map((rule) => rule.task);
  return [...new Set(tasks)];
}
