import { describe, expect, it } from 'vitest';
import {
  bestCertificate,
  certificateRefusal,
  expiryOf,
  isNewcomer,
  isRequiredFor,
  qualificationState,
  scoreTest,
} from './training.ts';

const Q = [
  { text: 'a', choices: ['x', 'y'], answer: 1 },
  { text: 'b', choices: ['x', 'y', 'z'], answer: 2 },
  { text: 'c', choices: ['x', 'y'], answer: 0 },
];

describe('scoreTest', () => {
  it.each([
    [[1, 2, 0], 60, 3, 100, true],
    [[1, 2, 1], 60, 2, 67, true],
    [[1, 0, 1], 60, 1, 33, false],
    [[1, 2, 1], 70, 2, 67, false],
    [[], 60, 0, 0, false],
    [[9, 9, 9], 1, 0, 0, false],
  ])('answers %j at pass mark %i: %i right, score %i, passed %s', (answers, mark, correct, score, passed) => {
    expect(scoreTest(Q, answers, mark)).toEqual({ correct, total: 3, score, passed });
  });

  it('never passes a test without questions', () => {
    expect(scoreTest([], [], 1).passed).toBe(false);
  });
});

describe('expiryOf', () => {
  it.each([
    ['2026-03-02', 12, '2027-03-01'],
    ['2026-01-31', 1, '2026-02-27'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-03-02', null, null],
  ])('issued %s for %s months → valid through %s', (issued, months, expected) => {
    expect(expiryOf(issued, months)).toBe(expected);
  });
});

describe('qualificationState', () => {
  it.each([
    [null, 'missing'],
    [{ expiresOn: null }, 'current'],
    [{ expiresOn: '2026-05-01' }, 'current'],
    [{ expiresOn: '2026-04-01' }, 'expiring'],
    [{ expiresOn: '2026-03-10' }, 'expiring'],
    [{ expiresOn: '2026-03-09' }, 'expired'],
  ] as const)('%j on 2026-03-10 with 22 days notice → %s', (certificate, state) => {
    expect(qualificationState(certificate, '2026-03-10', 22)).toBe(state);
  });
});

describe('bestCertificate', () => {
  it('prefers one that never expires, then the latest expiry', () => {
    expect(bestCertificate([{ expiresOn: '2026-01-01' }, { expiresOn: '2027-01-01' }])).toEqual({
      expiresOn: '2027-01-01',
    });
    expect(bestCertificate([{ expiresOn: '2027-01-01' }, { expiresOn: null }])).toEqual({ expiresOn: null });
    expect(bestCertificate([{ expiresOn: null }, { expiresOn: '2027-01-01' }])).toEqual({ expiresOn: null });
    expect(bestCertificate([])).toBeNull();
  });
});

describe('certificateRefusal', () => {
  it.each([
    [null, true, 'not_attendee'],
    [{ attended: null, passed: true, certified: false }, true, 'not_attended'],
    [{ attended: false, passed: true, certified: false }, true, 'not_attended'],
    [{ attended: true, passed: null, certified: false }, true, 'not_passed'],
    [{ attended: true, passed: false, certified: false }, true, 'not_passed'],
    [{ attended: true, passed: null, certified: false }, false, null],
    [{ attended: true, passed: true, certified: false }, true, null],
    [{ attended: true, passed: true, certified: true }, true, 'already_issued'],
  ] as const)('%j, test %s → %s', (attendee, hasTest, refusal) => {
    expect(certificateRefusal(attendee, hasTest)).toBe(refusal);
  });
});

describe('isRequiredFor', () => {
  const course = { requiredRoles: ['officer'], unitPath: '/R/A/' };
  it.each([
    ['officer', '/R/A/', true],
    ['officer', '/R/A/A1/', true],
    ['officer', '/R/B/', false],
    ['officer', '/R/', false],
    ['handler', '/R/A/', false],
  ])('%s at %s → %s', (role, unitPath, expected) => {
    expect(isRequiredFor(course, { role, unitPath })).toBe(expected);
  });
});

describe('isNewcomer', () => {
  it.each([
    ['2026-03-01', '2026-03-01', true],
    ['2026-03-01', '2026-04-25', true],
    ['2026-03-01', '2026-04-26', false],
  ])('created %s, on %s, 8 weeks → %s', (created, today, expected) => {
    expect(isNewcomer(created, today, 8)).toBe(expected);
  });
});
