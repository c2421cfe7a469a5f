/** The screening date rules, hand-worked: cut-off at 24:00 in China (UTC+8, 16:00 UTC), the chase ladder. */
import { describe, expect, it } from 'vitest';
import { campaignDateProblem, chaseStep, isReturnOnTime, mayApproveClearing, returnCutoff } from './screening.ts';

describe('returnCutoff / isReturnOnTime', () => {
  it.each([
    // due 2026-03-10: late from 2026-03-11 00:00 in China = 2026-03-10T16:00Z
    ['2026-03-10', '2026-03-10T15:59:59.000Z', true],
    ['2026-03-10', '2026-03-10T16:00:00.000Z', false],
    ['2026-03-10', '2026-03-09T23:30:00.000Z', true],
    // across a month end: due 2026-02-28, cut-off 2026-02-28T16:00Z
    ['2026-02-28', '2026-02-28T16:30:00.000Z', false],
    ['2026-12-31', '2026-12-31T15:00:00.000+00:00', true],
  ])('due %s, answered %s → on time %s', (due, at, onTime) => {
    expect(isReturnOnTime(due, at)).toBe(onTime);
  });

  it('puts the cut-off at the start of the next day in China', () => {
    expect(returnCutoff('2026-03-10')).toBe('2026-03-10T16:00:00.000Z');
    expect(returnCutoff('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('chaseStep', () => {
  const due = '2026-03-10';
  const open = { dueDate: due, answered: false, chasedAt: null, escalatedAt: null };
  it.each([
    ['before the cut-off nobody', open, '2026-03-10T15:59:00.000Z', 'none'],
    ['at the cut-off the heads', open, '2026-03-10T16:00:00.000Z', 'heads'],
    ['an answered return nobody', { ...open, answered: true }, '2026-03-12T00:00:00.000Z', 'none'],
    [
      'heads chased, grace (24 h) not over: nobody',
      { ...open, chasedAt: '2026-03-10T16:05:00.000Z' },
      '2026-03-11T15:59:00.000Z',
      'none',
    ],
    [
      'heads chased, grace over: the office above',
      { ...open, chasedAt: '2026-03-10T16:05:00.000Z' },
      '2026-03-11T16:00:00.000Z',
      'office',
    ],
    // A job that ran for the first time days late still tells the heads first.
    ['late job, nobody chased yet: the heads first', open, '2026-03-15T00:00:00.000Z', 'heads'],
    [
      'everyone told: nobody',
      { ...open, chasedAt: '2026-03-10T16:05:00.000Z', escalatedAt: '2026-03-11T16:05:00.000Z' },
      '2026-03-20T00:00:00.000Z',
      'none',
    ],
  ] as const)('%s', (_name, facts, now, step) => {
    expect(chaseStep(facts, now, 24)).toBe(step);
  });

  it('uses the grace given (0 h escalates on the run after the heads were told)', () => {
    expect(chaseStep({ ...open, chasedAt: '2026-03-10T16:00:00.000Z' }, '2026-03-10T16:00:00.000Z', 0)).toBe('office');
  });
});

describe('campaignDateProblem', () => {
  it.each([
    [{ from: '2026-03-01', to: '2026-03-31' }, '2026-03-15', '2026-03-02', null],
    [{ from: '2026-03-10', to: '2026-03-01' }, '2026-03-15', '2026-03-02', 'periodTo'],
    [{ from: '2026-03-10', to: '2026-03-31' }, '2026-03-09', '2026-03-02', 'dueDate'],
    [{ from: '2026-02-01', to: '2026-03-31' }, '2026-03-01', '2026-03-02', 'dueDate'],
  ] as const)('%o due %s today %s → %s', (period, due, today, field) => {
    expect(campaignDateProblem(period, due, today)?.field ?? null).toBe(field);
  });
});

describe('mayApproveClearing', () => {
  it.each([
    // owner = mine /g/m/: the group approves, the mine itself does not, a sibling mine does not
    ['/g/', '/g/m/', true],
    ['/g/m/', '/g/m/', false],
    ['/g/n/', '/g/m/', false],
    ['/g/m/t/', '/g/m/', false],
    // owner = a company's mine /g/c/m/: the company (the level above) or the group
    ['/g/c/', '/g/c/m/', true],
    // owner = the group itself: the top approves its own
    ['/g/', '/g/', true],
  ])('approver %s, owner %s → %s', (approver, owner, allowed) => {
    expect(mayApproveClearing(approver, owner)).toBe(allowed);
  });
});
