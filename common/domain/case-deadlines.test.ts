/**
 * The deadlines of one case from its stored row, as tables: the policy kept with the case, the data of
 * a stored event, and the columns the lists sort and count by for every kind of state.
 */
import { describe, expect, it } from 'vitest';
import { emptyCalendar } from './calendar.ts';
import { deadlineColumns, deadlinesFrom, parseData, policyOf } from './case-deadlines.ts';
import { DEFAULT_DEADLINE_POLICY, type Deadline } from './deadlines.ts';
import type { PetitionState } from './petition-state.ts';

describe('policyOf', () => {
  it.each([
    ['no policy kept (a case from before policies)', null, DEFAULT_DEADLINE_POLICY.acceptanceNoticeDays],
    ['the policy kept at registration', JSON.stringify({ ...DEFAULT_DEADLINE_POLICY, acceptanceNoticeDays: 10 }), 10],
    ['a kept policy that no longer parses', JSON.stringify({ acceptanceNoticeDays: 'ten' }), 15],
  ])('%s', (_, policyJson, acceptanceNoticeDays) => {
    expect(policyOf({ policy_json: policyJson }).acceptanceNoticeDays).toBe(acceptanceNoticeDays);
  });
});

describe('parseData', () => {
  it.each([
    ['{"days":10}', { days: 10 }],
    ['{}', {}],
    ['null', {}],
    ['"text"', {}],
    ['3', {}],
  ])('%s', (json, data) => {
    expect(parseData(json)).toEqual(data);
  });
});

const appealCase = {
  type: 'appeal' as const,
  received_at: '2026-12-01T02:00:00.000Z',
  policy_json: null,
  is_anonymous: 0,
};

describe('deadlinesFrom', () => {
  it('gives a case just received its acceptance notice within 15 days (第23条)', () => {
    const all = deadlinesFrom(appealCase, [], '2026-12-01', emptyCalendar);
    const byKind = new Map(all.map((d) => [d.kind, d]));
    expect(byKind.get('acceptance_notice')?.dueDate).toBe('2026-12-16');
    expect(byKind.get('acceptance_notice')?.status).toBe('open');
  });

  it('reads an extension from the stored event data (第34条)', () => {
    const accepted = { kind: 'accept', at: '2026-12-02T02:00:00.000Z', data_json: '{}' };
    const extended = { kind: 'extend', at: '2026-12-20T02:00:00.000Z', data_json: '{"days":30}' };
    const before = deadlinesFrom(appealCase, [accepted], '2026-12-20', emptyCalendar).find(
      (d) => d.kind === 'conclusion',
    );
    const after = deadlinesFrom(appealCase, [accepted, extended], '2026-12-20', emptyCalendar).find(
      (d) => d.kind === 'conclusion',
    );
    // Accepted 12-02 + 60 days = 2027-01-31, a Sunday, rolled to Monday; + 30 more days = 2027-03-02.
    expect(before?.dueDate).toBe('2027-02-01');
    expect(after?.dueDate).toBe('2027-03-02');
  });
});

function deadline(kind: Deadline['kind'], dueDate: string, status: Deadline['status']): Deadline {
  return { kind, dueDate, status, metAt: null, article: '', dayCount: 'calendar', pausedDays: 0, daysLeft: null };
}

describe('deadlineColumns', () => {
  const all = [
    deadline('acceptance_notice', '2026-12-16', 'met'),
    deadline('conclusion', '2027-01-30', 'open'),
    deadline('review_request', '2027-01-05', 'open'),
  ];
  it.each<[PetitionState, string | null, string | null]>([
    // An open case is watched: its nearest open deadline is the one the lists sort by.
    ['accepted', '2027-01-05', 'review_request'],
    ['in_progress', '2027-01-05', 'review_request'],
    // A concluded case still awaits the petitioner's request for a review (第35条).
    ['concluded', '2027-01-05', 'review_request'],
    ['reviewed', '2027-01-05', 'review_request'],
    // A closed case has no deadline left to watch …
    ['final', null, null],
  ])('%s: due %s (%s)', (state, dueDate, dueKind) => {
    const columns = deadlineColumns(state, all);
    expect(columns.due_date).toBe(dueDate);
    expect(columns.due_kind).toBe(dueKind);
    // … but every case keeps its acceptance and conclusion columns for the on-time rates.
    expect(columns.acceptance_due).toBe('2026-12-16');
    expect(columns.acceptance_status).toBe('met');
    expect(columns.conclusion_due).toBe('2027-01-30');
    expect(columns.referral_due).toBeNull();
  });
});
