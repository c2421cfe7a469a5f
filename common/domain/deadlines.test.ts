import { describe, expect, it } from 'vitest';
import { calendarFromEntries, type LocalDate } from './calendar.ts';
import {
  computeDeadlines,
  DEADLINE_KINDS,
  DEFAULT_DEADLINE_POLICY,
  nearestOpenDeadline,
  urgencyOf,
  type Deadline,
  type DeadlineFacts,
  type DeadlineKind,
  type DeadlinePolicy,
  type DeadlineStatus,
} from './deadlines.ts';
import { deadlineFacts, type FactEvent } from './deadline-facts.ts';

/**
 * The test calendar, 2026-shaped:
 * - 清明: Sat 04-04 … Mon 04-06 off.
 * - 劳动节: Fri 05-01 … Tue 05-05 off; Saturday 05-09 worked instead (调休).
 * Reference days: Mon 03-02, Wed 03-04, Fri 03-06, Sat 03-21, Thu 04-02, Thu 04-30, Fri 05-15,
 * Sun 06-14, Mon 06-01, Sat 06-20, Mon 07-20, Wed 08-19, Fri 09-18, Mon 09-21.
 */
const CAL = calendarFromEntries([
  { date: '2026-04-04', kind: 'holiday', name: '清明节' },
  { date: '2026-04-05', kind: 'holiday', name: '清明节' },
  { date: '2026-04-06', kind: 'holiday', name: '清明节' },
  { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-02', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-03', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-04', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-05', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休' },
]);

/** 10:00 in Beijing on `date` (02:00Z): well inside the local day. */
function at(date: LocalDate): string {
  return `${date}T02:00:00Z`;
}

/** A petition received 2026-03-02; every test adds what has happened since. */
function facts(extra: Partial<DeadlineFacts> = {}): DeadlineFacts {
  return { type: 'appeal', receivedAt: at('2026-03-02'), ...extra };
}

function find(deadlines: Deadline[], kind: DeadlineKind): Deadline {
  const found = deadlines.find((deadline) => deadline.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} deadline`);
  return found;
}

type Row = {
  name: string;
  facts: DeadlineFacts;
  today: LocalDate;
  dueDate: LocalDate;
  status: DeadlineStatus;
  daysLeft: number | null;
};

/** One clock: open (with days left), met, met on the due day, met late, overdue. */
function lifecycle(
  kind: DeadlineKind,
  start: Partial<DeadlineFacts>,
  dueDate: LocalDate,
  completion: (date: LocalDate) => Partial<DeadlineFacts>,
  before: LocalDate,
  dayAfterDue: LocalDate,
  daysLeftBefore: number,
): Row[] {
  return [
    { name: `${kind} open`, facts: facts(start), today: before, dueDate, status: 'open', daysLeft: daysLeftBefore },
    {
      name: `${kind} met before the due date`,
      facts: facts({ ...start, ...completion(before) }),
      today: before,
      dueDate,
      status: 'met',
      daysLeft: null,
    },
    {
      name: `${kind} met on the due date`,
      facts: facts({ ...start, ...completion(dueDate) }),
      today: dayAfterDue,
      dueDate,
      status: 'met',
      daysLeft: null,
    },
    {
      name: `${kind} met late`,
      facts: facts({ ...start, ...completion(dayAfterDue) }),
      today: dayAfterDue,
      dueDate,
      status: 'met_late',
      daysLeft: null,
    },
    { name: `${kind} overdue`, facts: facts(start), today: dayAfterDue, dueDate, status: 'overdue', daysLeft: -1 },
  ];
}

describe('computeDeadlines', () => {
  describe('every kind: when it starts, when it is due, met, met late, overdue', () => {
    const rows: [DeadlineKind, Row[]][] = [
      // 03-02 + 15 calendar days = 03-17, a Tuesday (第23条).
      [
        'acceptance_notice',
        lifecycle(
          'acceptance_notice',
          {},
          '2026-03-17',
          (d) => ({ acceptanceNoticeAt: at(d) }),
          '2026-03-10',
          '2026-03-18',
          7,
        ),
      ],
      // Assigned Wed 03-04; 5 working days: Thu 05, Fri 06, Mon 09, Tue 10, Wed 11 (第23条第3款).
      [
        'objection',
        [
          ...lifecycle(
            'objection',
            { assignedAt: at('2026-03-04') },
            '2026-03-11',
            (d) => ({ objectedAt: at(d) }),
            '2026-03-09',
            '2026-03-12',
            2,
          ),
          {
            name: 'objection window closed by signing (签收)',
            facts: facts({ assignedAt: at('2026-03-04'), signedAt: at('2026-03-05') }),
            today: '2026-03-12',
            dueDate: '2026-03-11',
            status: 'met',
            daysLeft: null,
          },
        ],
      ],
      // The 交办 body set Friday 03-20 as the report date (第22条).
      [
        'assignment_report',
        lifecycle(
          'assignment_report',
          { assignmentReportDueDate: '2026-03-20' },
          '2026-03-20',
          (d) => ({ reportedAt: at(d) }),
          '2026-03-16',
          '2026-03-21',
          4,
        ),
      ],
      // The higher body that sent the matter down (上级交办) set Friday 03-27 for the report (第22条).
      [
        'referral_report',
        lifecycle(
          'referral_report',
          { referralDueDate: '2026-03-27' },
          '2026-03-27',
          (d) => ({ referralReportedAt: at(d) }),
          '2026-03-23',
          '2026-03-28',
          4,
        ),
      ],
      // Accepted Mon 03-16: +15 reaches 03-31, +45 reaches 04-30, +60 is Friday 05-15 (第34条).
      [
        'conclusion',
        lifecycle(
          'conclusion',
          { acceptedAt: at('2026-03-16') },
          '2026-05-15',
          (d) => ({ repliedAt: at(d) }),
          '2026-05-11',
          '2026-05-16',
          4,
        ),
      ],
      // Extended by 10 days: the petitioner is told the reason before the 60 days it extends run out,
      // Friday 05-15 (第34条); the notice going out meets it.
      [
        'extension_notice',
        lifecycle(
          'extension_notice',
          { acceptedAt: at('2026-03-16'), extensionDays: 10, latestExtensionDays: 10 },
          '2026-05-15',
          (d) => ({ extensionNoticeAt: at(d) }),
          '2026-05-11',
          '2026-05-16',
          4,
        ),
      ],
      // Reply received Mon 06-01: 06-30 is +29, so +30 is Wednesday 07-01 (第35条).
      [
        'review_request',
        lifecycle(
          'review_request',
          { replyReceivedAt: at('2026-06-01') },
          '2026-07-01',
          (d) => ({ reviewRequestedAt: at(d) }),
          '2026-06-20',
          '2026-07-02',
          11,
        ),
      ],
      // Review requested Sat 06-20: 06-30 is +10, so +30 is Monday 07-20 (第35条).
      [
        'review_opinion',
        lifecycle(
          'review_opinion',
          { reviewRequestedAt: at('2026-06-20') },
          '2026-07-20',
          (d) => ({ reviewOpinionAt: at(d) }),
          '2026-07-10',
          '2026-07-21',
          10,
        ),
      ],
      // 复查意见 received Mon 07-20: 07-31 is +11, so +30 is Wednesday 08-19 (第36条).
      [
        'reconsideration_request',
        lifecycle(
          'reconsideration_request',
          { reviewOpinionAt: at('2026-07-20') },
          '2026-08-19',
          (d) => ({ reconsiderationRequestedAt: at(d) }),
          '2026-08-10',
          '2026-08-20',
          9,
        ),
      ],
      // 复核 requested Wed 08-19: 08-31 is +12, so +30 is Friday 09-18 (第36条).
      [
        'reconsideration_opinion',
        lifecycle(
          'reconsideration_opinion',
          { reconsiderationRequestedAt: at('2026-08-19') },
          '2026-09-18',
          (d) => ({ reconsiderationOpinionAt: at(d) }),
          '2026-09-01',
          '2026-09-19',
          17,
        ),
      ],
      // 包案 leader named Mon 03-02; 3 days → Thursday 03-05.
      [
        'owner_confirmation',
        lifecycle(
          'owner_confirmation',
          { ownerAssignedAt: at('2026-03-02') },
          '2026-03-05',
          (d) => ({ ownerConfirmedAt: at(d) }),
          '2026-03-03',
          '2026-03-06',
          2,
        ),
      ],
      // 督办 set Friday 03-20 as the date (第40条).
      [
        'supervision',
        lifecycle(
          'supervision',
          { supervisionDueDate: '2026-03-20' },
          '2026-03-20',
          (d) => ({ supervisionResolvedAt: at(d) }),
          '2026-03-17',
          '2026-03-21',
          3,
        ),
      ],
    ];

    for (const [kind, kindRows] of rows) {
      describe(kind, () => {
        it.each(kindRows)('$name: due $dueDate, $status', (row) => {
          const deadline = find(computeDeadlines(row.facts, row.today, CAL), kind);
          expect({ dueDate: deadline.dueDate, status: deadline.status, daysLeft: deadline.daysLeft }).toEqual({
            dueDate: row.dueDate,
            status: row.status,
            daysLeft: row.daysLeft,
          });
        });
      });
    }

    it('covers every kind', () => {
      expect(rows.map(([kind]) => kind)).toEqual([...DEADLINE_KINDS]);
    });
  });

  it('lists a deadline only once its clock has started', () => {
    const kinds = (extra: Partial<DeadlineFacts>): DeadlineKind[] =>
      computeDeadlines(facts(extra), '2026-03-03', CAL).map((d) => d.kind);
    expect(kinds({})).toEqual(['acceptance_notice']);
    // Replied but not yet delivered: no 复查 window yet.
    expect(kinds({ acceptedAt: at('2026-03-03'), repliedAt: at('2026-03-20') })).toEqual([
      'acceptance_notice',
      'conclusion',
    ]);
    expect(kinds({ replyReceivedAt: at('2026-03-21') })).toEqual(['acceptance_notice', 'review_request']);
    // Assigned without a report date: only the objection window.
    expect(kinds({ assignedAt: at('2026-03-03') })).toEqual(['acceptance_notice', 'objection']);
  });

  it('returns the deadlines in DEADLINE_KINDS order with their article and day count', () => {
    const all = computeDeadlines(
      facts({
        assignedAt: at('2026-03-04'),
        assignmentReportDueDate: '2026-03-20',
        referralDueDate: '2026-03-27',
        acceptedAt: at('2026-03-16'),
        extensionDays: 5,
        latestExtensionDays: 5,
        replyReceivedAt: at('2026-06-01'),
        reviewRequestedAt: at('2026-06-20'),
        reviewOpinionAt: at('2026-07-20'),
        reconsiderationRequestedAt: at('2026-08-19'),
        ownerAssignedAt: at('2026-03-02'),
        supervisionDueDate: '2026-03-20',
      }),
      '2026-03-03',
      CAL,
    );
    expect(all.map((d) => [d.kind, d.article, d.dayCount])).toEqual([
      ['acceptance_notice', '《信访工作条例》第23条', 'calendar'],
      ['objection', '《信访工作条例》第23条第3款', 'working'],
      ['assignment_report', '《信访工作条例》第22条', 'calendar'],
      ['referral_report', '《信访工作条例》第22条（上级机关确定的期限）', 'calendar'],
      ['conclusion', '《信访工作条例》第34条', 'calendar'],
      ['extension_notice', '《信访工作条例》第34条（告知延期理由）', 'calendar'],
      ['review_request', '《信访工作条例》第35条', 'calendar'],
      ['review_opinion', '《信访工作条例》第35条', 'calendar'],
      ['reconsideration_request', '《信访工作条例》第36条', 'calendar'],
      ['reconsideration_opinion', '《信访工作条例》第36条', 'calendar'],
      ['owner_confirmation', '企业规定（领导包案，《信访工作条例》第18条）', 'calendar'],
      ['supervision', '《信访工作条例》第40条', 'calendar'],
    ]);
  });

  it('reports the completing instant as metAt; the earlier of 签收 and 异议 closes the objection window', () => {
    const objection = find(
      computeDeadlines(
        facts({ assignedAt: at('2026-03-04'), signedAt: at('2026-03-05'), objectedAt: at('2026-03-12') }),
        '2026-03-12',
        CAL,
      ),
      'objection',
    );
    expect(objection).toMatchObject({ status: 'met', metAt: at('2026-03-05') });
  });

  describe('working days (objection, 5个工作日)', () => {
    it.each([
      // Thu 05, Fri 06, Mon 09, Tue 10, Wed 11.
      ['across a weekend', '2026-03-04', '2026-03-11'],
      // Fri 04-03 (1); 04-04 … 04-06 off; Tue 07 (2), Wed 08 (3), Thu 09 (4), Fri 10 (5).
      ['across the 清明 holiday', '2026-04-02', '2026-04-10'],
      // 05-01 … 05-05 off; Wed 06 (1), Thu 07 (2), Fri 08 (3), Sat 09 调休 (4), Mon 11 (5).
      ['across the 劳动节 block, counting the 调休 Saturday', '2026-04-30', '2026-05-11'],
    ])('%s: assigned %s → due %s', (_name, assigned, due) => {
      expect(find(computeDeadlines(facts({ assignedAt: at(assigned) }), assigned, CAL), 'objection').dueDate).toBe(due);
    });
  });

  describe('a calendar-day period whose last day is not a working day (《民法典》第203条)', () => {
    it.each([
      // 03-06 + 15 = Saturday 03-21 → Monday 03-23.
      ['a weekend', '2026-03-06', '2026-03-23'],
      // 03-20 + 15 = Saturday 04-04, first day of 清明; 04-05 and 04-06 are off too → Tuesday 04-07.
      ['a holiday block', '2026-03-20', '2026-04-07'],
      // 04-16 + 15 = Friday 05-01 (劳动节); off until 05-05 → Wednesday 05-06.
      ['a holiday on a weekday', '2026-04-16', '2026-05-06'],
      // 04-24 + 15 = Saturday 05-09, a 调休 working day: no roll.
      ['a 调休 Saturday (not rolled: it is a working day)', '2026-04-24', '2026-05-09'],
    ])('ends on the next working day after %s', (_name, received, due) => {
      expect(
        find(computeDeadlines(facts({ receivedAt: at(received) }), received, CAL), 'acceptance_notice').dueDate,
      ).toBe(due);
    });

    it('keeps the holiday as the last day when rollOffHolidays is off', () => {
      const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, rollOffHolidays: false };
      expect(
        find(computeDeadlines(facts({ receivedAt: at('2026-03-20') }), '2026-03-20', CAL, policy), 'acceptance_notice')
          .dueDate,
      ).toBe('2026-04-04');
    });

    it('keeps a date fixed by the 交办 body even when it falls on a holiday', () => {
      expect(
        find(computeDeadlines(facts({ assignmentReportDueDate: '2026-04-04' }), '2026-04-01', CAL), 'assignment_report')
          .dueDate,
      ).toBe('2026-04-04');
    });
  });

  describe('the date in China (UTC+8), not in UTC', () => {
    it.each([
      // 17:00Z on 03-01 is 01:00 on 03-02 in Beijing: 03-02 + 15 = 03-17.
      ['2026-03-01T17:00:00Z', '2026-03-17'],
      // 15:59Z on 03-01 is 23:59 on 03-01 in Beijing: 03-01 + 15 = Monday 03-16.
      ['2026-03-01T15:59:00Z', '2026-03-16'],
    ])('received at %s → due %s', (receivedAt, due) => {
      expect(find(computeDeadlines(facts({ receivedAt }), '2026-03-05', CAL), 'acceptance_notice').dueDate).toBe(due);
    });

    it.each([
      // Due 03-17. 15:59Z is 23:59 on 03-17 in Beijing; 16:00Z is already 03-18.
      ['2026-03-17T15:59:00Z', 'met'],
      ['2026-03-17T16:00:00Z', 'met_late'],
    ] as const)('notice at %s → %s', (acceptanceNoticeAt, status) => {
      expect(find(computeDeadlines(facts({ acceptanceNoticeAt }), '2026-03-20', CAL), 'acceptance_notice').status).toBe(
        status,
      );
    });
  });

  describe('hearings (听证) do not count (第36条)', () => {
    // 复核 requested Wednesday 08-19; without hearings the opinion is due Friday 09-18.
    const requested = { reconsiderationRequestedAt: at('2026-08-19') };
    const opinion = (extra: Partial<DeadlineFacts>, today: LocalDate): Deadline =>
      find(computeDeadlines(facts({ ...requested, ...extra }), today, CAL), 'reconsideration_opinion');

    it('pushes the 复核 opinion back by the days of a finished hearing', () => {
      // 09:00 on 09-01 to 17:00 on 09-03 (Beijing) touches 09-01, 09-02, 09-03: 09-18 + 3 = Monday 09-21.
      const deadline = opinion(
        { hearings: [{ startedAt: '2026-09-01T01:00:00Z', endedAt: '2026-09-03T09:00:00Z' }] },
        '2026-09-10',
      );
      expect(deadline).toMatchObject({ dueDate: '2026-09-21', pausedDays: 3, status: 'open', daysLeft: 11 });
    });

    it('counts an open hearing up to today', () => {
      // Started 09-10, still running on 09-12: 09-10, 09-11, 09-12 → 09-18 + 3 = 09-21, 9 days from 09-12.
      const deadline = opinion({ hearings: [{ startedAt: at('2026-09-10'), endedAt: null }] }, '2026-09-12');
      expect(deadline).toMatchObject({ dueDate: '2026-09-21', pausedDays: 3, daysLeft: 9 });
    });

    it('counts the whole of a hearing that runs past the original due date', () => {
      // 09-17 … 09-20 (4 days). Only 17 and 18 fall before 09-18, which moves the end to 09-20;
      // then 19 and 20 fall inside too: 09-18 + 4 = Tuesday 09-22.
      const deadline = opinion(
        { hearings: [{ startedAt: at('2026-09-17'), endedAt: at('2026-09-20') }] },
        '2026-09-17',
      );
      expect(deadline).toMatchObject({ dueDate: '2026-09-22', pausedDays: 4 });
    });

    it('counts a day shared by two hearings once', () => {
      // 09-01 … 09-02 and 09-02 … 09-03: three distinct days → 09-21.
      const hearings = [
        { startedAt: at('2026-09-01'), endedAt: at('2026-09-02') },
        { startedAt: at('2026-09-02'), endedAt: at('2026-09-03') },
      ];
      expect(opinion({ hearings }, '2026-09-10')).toMatchObject({ dueDate: '2026-09-21', pausedDays: 3 });
    });

    it.each([
      ['before the request', { startedAt: at('2026-08-10'), endedAt: at('2026-08-12') }, {}],
      [
        'on the day of the request (that day is not counted anyway)',
        { startedAt: at('2026-08-19'), endedAt: at('2026-08-19') },
        {},
      ],
      [
        'after the opinion was given',
        { startedAt: at('2026-09-14'), endedAt: at('2026-09-15') },
        { reconsiderationOpinionAt: at('2026-09-10') },
      ],
    ])('ignores a hearing %s', (_name, hearing, extra) => {
      expect(opinion({ hearings: [hearing], ...extra }, '2026-09-16')).toMatchObject({
        dueDate: '2026-09-18',
        pausedDays: 0,
      });
    });

    it.each([
      ['acceptance_notice', { hearings: [{ startedAt: at('2026-03-05'), endedAt: at('2026-03-09') }] }, '2026-03-17'],
      [
        'objection',
        { assignedAt: at('2026-03-04'), hearings: [{ startedAt: at('2026-03-06'), endedAt: at('2026-03-09') }] },
        '2026-03-11',
      ],
      [
        'conclusion',
        { acceptedAt: at('2026-03-16'), hearings: [{ startedAt: at('2026-04-01'), endedAt: at('2026-04-03') }] },
        '2026-05-15',
      ],
      [
        'review_opinion',
        { reviewRequestedAt: at('2026-06-20'), hearings: [{ startedAt: at('2026-07-01'), endedAt: at('2026-07-03') }] },
        '2026-07-20',
      ],
    ] as const)('leaves %s alone: only the 复核 opinion leaves hearing time out (第36条)', (kind, extra, dueDate) => {
      const deadline = find(computeDeadlines(facts(extra), '2026-03-10', CAL), kind);
      expect(deadline).toMatchObject({ dueDate, pausedDays: 0 });
    });

    it('refuses a hearing that ends before it starts', () => {
      expect(() =>
        opinion({ hearings: [{ startedAt: at('2026-09-03'), endedAt: at('2026-09-01') }] }, '2026-09-10'),
      ).toThrow(RangeError);
    });
  });

  describe('conclusion (办结, 第34条)', () => {
    const accepted = { acceptedAt: at('2026-03-16') }; // due 05-15 without extension
    const conclusion = (extra: Partial<DeadlineFacts>, policy?: DeadlinePolicy): Deadline | undefined =>
      computeDeadlines(facts({ ...accepted, ...extra }), '2026-03-20', CAL, policy).find(
        (d) => d.kind === 'conclusion',
      );

    it.each([
      [0, '2026-05-15'],
      // 05-15 + 10 = Monday 05-25.
      [10, '2026-05-25'],
      // 05-15 + 30: 05-31 is +16, so 06-14, a Sunday → Monday 06-15.
      [30, '2026-06-15'],
    ])('adds an approved extension of %i days → due %s', (extensionDays, due) => {
      expect(conclusion({ extensionDays })?.dueDate).toBe(due);
    });

    it.each([31, -1, 2.5])('refuses an extension of %s days (at most 30 in total)', (extensionDays) => {
      expect(() => conclusion({ extensionDays })).toThrow(RangeError);
    });

    it.each(['consultation', 'other'] as const)('has no conclusion deadline for %s, whatever the policy', (type) => {
      const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, otherTypesConclusionDays: 30 };
      expect(conclusion({ type }, policy)).toBeUndefined();
    });

    it.each(['suggestion', 'accusation'] as const)(
      'has no conclusion deadline for %s by default (no statutory limit)',
      (type) => {
        expect(conclusion({ type })).toBeUndefined();
      },
    );

    it.each([
      ['suggestion', '企业规定（《信访工作条例》第29条未设期限）'],
      ['accusation', '企业规定（《信访工作条例》第30条未设期限）'],
    ] as const)('applies the internal target to %s when one is set', (type, article) => {
      // 03-16 + 30: 03-31 is +15, so Wednesday 04-15.
      const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, otherTypesConclusionDays: 30 };
      expect(conclusion({ type }, policy)).toMatchObject({ dueDate: '2026-04-15', article });
    });
  });

  it.each([
    ['today', { today: 'yesterday' }],
    ['a policy number', { policy: { ...DEFAULT_DEADLINE_POLICY, reviewOpinionDays: -30 } }],
    ['an instant', { facts: facts({ acceptedAt: '2026-03-16 10:00' }) }],
    ['a fixed due date', { facts: facts({ supervisionDueDate: '2026-02-30' }) }],
  ])('refuses a malformed %s', (_name, input: { today?: string; policy?: DeadlinePolicy; facts?: DeadlineFacts }) => {
    expect(() => computeDeadlines(input.facts ?? facts(), input.today ?? '2026-03-03', CAL, input.policy)).toThrow(
      RangeError,
    );
  });
});

describe('urgencyOf and daysLeft', () => {
  // Received 03-02: the notice is due 03-17.
  it.each([
    ['2026-03-10', 7, 'open', 'normal'],
    ['2026-03-13', 4, 'open', 'normal'],
    ['2026-03-14', 3, 'open', 'due_soon'],
    ['2026-03-17', 0, 'open', 'due_soon'],
    ['2026-03-18', -1, 'overdue', 'overdue'],
  ] as const)('on %s: %i days left, %s, %s', (today, daysLeft, status, urgency) => {
    const deadline = find(computeDeadlines(facts(), today, CAL), 'acceptance_notice');
    expect(deadline).toMatchObject({ daysLeft, status });
    expect(urgencyOf(deadline, today)).toBe(urgency);
  });

  it('is normal with no days left counted once the step is met, even late', () => {
    const deadline = find(
      computeDeadlines(facts({ acceptanceNoticeAt: at('2026-03-20') }), '2026-03-20', CAL),
      'acceptance_notice',
    );
    expect(deadline).toMatchObject({ status: 'met_late', daysLeft: null });
    expect(urgencyOf(deadline, '2026-03-20')).toBe('normal');
  });
});

describe('nearestOpenDeadline', () => {
  it('picks the open or overdue deadline due first, skipping met ones', () => {
    // On 03-06: notice (due 03-17) met; objection due 03-11 open; 包案 confirmation due 03-05 overdue.
    const deadlines = computeDeadlines(
      facts({ acceptanceNoticeAt: at('2026-03-03'), assignedAt: at('2026-03-04'), ownerAssignedAt: at('2026-03-02') }),
      '2026-03-06',
      CAL,
    );
    expect(nearestOpenDeadline(deadlines)).toMatchObject({
      kind: 'owner_confirmation',
      dueDate: '2026-03-05',
      status: 'overdue',
    });
  });

  it('picks the first listed on a tie', () => {
    // Notice 03-02 + 15 = 03-17; 督办 date set to 03-17 as well.
    const deadlines = computeDeadlines(facts({ supervisionDueDate: '2026-03-17' }), '2026-03-06', CAL);
    expect(nearestOpenDeadline(deadlines)?.kind).toBe('acceptance_notice');
  });

  it('is null when everything is met', () => {
    const deadlines = computeDeadlines(facts({ acceptanceNoticeAt: at('2026-03-03') }), '2026-03-06', CAL);
    expect(nearestOpenDeadline(deadlines)).toBeNull();
  });
});

describe('the 复核 window runs from the 复查意见书 reaching the petitioner (第36条)', () => {
  const window = (facts: DeadlineFacts) =>
    computeDeadlines(facts, '2026-07-25', CAL).find((d) => d.kind === 'reconsideration_request');

  it('from its receipt, not from the day the opinion was given', () => {
    const given = { ...facts(), reviewRequestedAt: at('2026-06-20'), reviewOpinionAt: at('2026-07-10') };
    expect(window({ ...given, reviewOpinionReceivedAt: at('2026-07-20') })?.dueDate).toBe('2026-08-19');
    // Not yet gone out: no window yet.
    expect(window({ ...given, reviewOpinionReceivedAt: null })).toBeUndefined();
    // Facts without a receipt (a case recorded before the opinion carried its document): from the opinion.
    expect(window(given)?.dueDate).toBe('2026-08-10');
  });
});

describe('deadlineFacts of a 复查意见 and its 意见书', () => {
  const facts = (events: FactEvent[]) => deadlineFacts('appeal', at('2026-03-02'), events);
  const opinion = (data: Record<string, unknown>): FactEvent => ({
    kind: 'issueReviewOpinion',
    at: at('2026-07-10'),
    data,
  });

  it.each([
    ['handed over', { deliveryMethod: 'in_person', deliveredAt: at('2026-07-10') }, at('2026-07-10')],
    [
      'posted: from the sending until the receipt is recorded',
      { deliveryMethod: 'post', deliveredAt: null },
      at('2026-07-10'),
    ],
    ['an older opinion, delivered with its date', { deliveredAt: at('2026-07-12') }, at('2026-07-12')],
  ])('%s', (_, data, received) => {
    expect(facts([opinion(data)]).reviewOpinionReceivedAt).toBe(received);
  });

  it('the recorded receipt of the posted 复查意见书 starts the window, the opinion stays given on its day', () => {
    const f = facts([
      opinion({ deliveryMethod: 'post', deliveredAt: null }),
      {
        kind: 'deliverDocument',
        at: at('2026-07-16'),
        data: { kind: 'review_opinion', deliveredAt: at('2026-07-15') },
      },
    ]);
    expect(f.reviewOpinionAt).toBe(at('2026-07-10'));
    expect(f.reviewOpinionReceivedAt).toBe(at('2026-07-15'));
  });
});
