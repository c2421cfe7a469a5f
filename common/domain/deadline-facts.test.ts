import { describe, expect, it } from 'vitest';
import { deadlineFacts, owedNotices, type FactEvent } from './deadline-facts.ts';
import { computeDeadlines } from './deadlines.ts';
import { emptyCalendar } from './calendar.ts';

const RECEIVED = '2026-03-02T02:00:00.000Z';

/** An event at 10:00 Beijing time on `date`. */
function ev(kind: string, date: string, data: Record<string, unknown> = {}, id?: string): FactEvent {
  return { ...(id === undefined ? {} : { id }), kind, at: `${date}T02:00:00.000Z`, data };
}

const accept = ev('accept', '2026-03-04');
const decline = ev('decline', '2026-03-04', { reason: '不属信访事项' });
const delivered = (kind: string, date: string, data: Record<string, unknown> = {}) =>
  ev('deliverDocument', date, { kind, method: 'in_person', deliveredAt: `${date}T03:00:00.000Z`, ...data });
const posted = (kind: string, date: string, data: Record<string, unknown> = {}) =>
  ev('deliverDocument', date, { kind, method: 'post', deliveredAt: null, ...data });

describe('deadlineFacts: the 15-day written notice (第23条, 第44条(三))', () => {
  it.each([
    ['a decision alone does not meet it', [accept], false, undefined],
    [
      'nor a notice only generated',
      [accept, ev('generateDocument', '2026-03-05', { kind: 'acceptance_notice' })],
      false,
      undefined,
    ],
    [
      'the notice handed over meets it at its delivery',
      [accept, delivered('acceptance_notice', '2026-03-06')],
      false,
      '2026-03-06T03:00:00.000Z',
    ],
    [
      'a posted notice meets it when sent',
      [accept, posted('acceptance_notice', '2026-03-07')],
      false,
      '2026-03-07T02:00:00.000Z',
    ],
    [
      'a 不予受理告知书 meets it for a decline',
      [decline, delivered('non_acceptance_notice', '2026-03-08')],
      false,
      '2026-03-08T03:00:00.000Z',
    ],
    ['an extension notice does not', [accept, delivered('extension_notice', '2026-03-08')], false, undefined],
    ['an anonymous petition (no address) is met by the decision', [accept], true, '2026-03-04T02:00:00.000Z'],
  ] as const)('%s', (_name, events, anonymous, expected) => {
    const facts = deadlineFacts('appeal', RECEIVED, events, { noticeExempt: anonymous });
    expect(facts.acceptanceNoticeAt ?? undefined).toBe(expected);
  });

  it('keeps the acceptance deadline open, then overdue, while the notice is not out', () => {
    const facts = deadlineFacts('appeal', RECEIVED, [accept], {});
    const notice = computeDeadlines(facts, '2026-03-18', emptyCalendar).find((d) => d.kind === 'acceptance_notice');
    expect(notice).toMatchObject({ dueDate: '2026-03-17', status: 'overdue' });
  });
});

describe('deadlineFacts: accepting an item handed over closes the objection window (第23条第3款)', () => {
  const assign = ev('assign', '2026-03-03', { handlingUnitId: 'u1' });
  it.each([
    ['accepted straight from assigned', [assign, accept], '2026-03-04T02:00:00.000Z'],
    ['declined straight from assigned', [assign, decline], '2026-03-04T02:00:00.000Z'],
    ['signed for first: the signing counts', [assign, ev('signFor', '2026-03-03'), accept], '2026-03-03T02:00:00.000Z'],
    ['never assigned: no window to close', [accept], undefined],
  ] as const)('%s', (_name, events, signedAt) => {
    expect(deadlineFacts('appeal', RECEIVED, events).signedAt ?? undefined).toBe(signedAt);
  });

  it('reads the objection deadline as met, not overdue, weeks later', () => {
    const facts = deadlineFacts('appeal', RECEIVED, [assign, accept]);
    const objection = computeDeadlines(facts, '2026-04-01', emptyCalendar).find((d) => d.kind === 'objection');
    expect(objection).toMatchObject({ status: 'met', dueDate: '2026-03-10' });
  });
});

describe('deadlineFacts: the extension notice (第34条 告知延期理由)', () => {
  const extend1 = ev('extend', '2026-04-01', { days: 10, reason: '需核对' }, 'e1');
  const extend2 = ev('extend', '2026-04-20', { days: 5, reason: '再核对' }, 'e2');
  it.each([
    ['not yet told', [accept, extend1], 10, 10, null],
    [
      'told: met when the notice went out',
      [accept, extend1, delivered('extension_notice', '2026-04-02', { sourceEventId: 'e1' })],
      10,
      10,
      '2026-04-02T03:00:00.000Z',
    ],
    [
      'an older delivery without a source answers the latest untold extension',
      [accept, extend1, posted('extension_notice', '2026-04-03')],
      10,
      10,
      '2026-04-03T02:00:00.000Z',
    ],
    [
      'a second extension untold opens it again',
      [accept, extend1, delivered('extension_notice', '2026-04-02', { sourceEventId: 'e1' }), extend2],
      15,
      5,
      null,
    ],
    [
      'both told: met at the later notice',
      [
        accept,
        extend1,
        delivered('extension_notice', '2026-04-02', { sourceEventId: 'e1' }),
        extend2,
        delivered('extension_notice', '2026-04-21', { sourceEventId: 'e2' }),
      ],
      15,
      5,
      '2026-04-21T03:00:00.000Z',
    ],
  ] as const)('%s', (_name, events, total, latest, noticeAt) => {
    const facts = deadlineFacts('appeal', RECEIVED, events);
    expect(facts).toMatchObject({ extensionDays: total, latestExtensionDays: latest, extensionNoticeAt: noticeAt });
  });

  it('is due when the limit the extension extends would have ended, and counts the extension itself', () => {
    const facts = deadlineFacts('appeal', RECEIVED, [accept, extend1]);
    const all = computeDeadlines(facts, '2026-04-02', emptyCalendar);
    // Accepted Wed 03-04: 60 days → Sun 05-03 → Mon 05-04 (rolled); the extension moves 办结 by 10 days.
    expect(all.find((d) => d.kind === 'extension_notice')).toMatchObject({ dueDate: '2026-05-04', status: 'open' });
    expect(all.find((d) => d.kind === 'conclusion')?.dueDate).toBe('2026-05-13');
  });
});

describe('deadlineFacts: a matter sent down from above (上级转送/交办, 第22条)', () => {
  const register = ev('register', '2026-03-02', {
    channel: 'forwarded',
    referral: {
      body: '市信访局',
      documentNumber: '市信转〔2026〕12号',
      dueDate: '2026-03-31',
      replyForm: 'completion_report',
    },
  });
  it('takes the higher body’s date, met when the report to it went out', () => {
    expect(deadlineFacts('appeal', RECEIVED, [register]).referralDueDate).toBe('2026-03-31');
    const reported = deadlineFacts('appeal', RECEIVED, [register, posted('referral_report', '2026-03-30')]);
    expect(reported.referralReportedAt).toBe('2026-03-30T02:00:00.000Z');
    const deadline = computeDeadlines(reported, '2026-04-02', emptyCalendar).find((d) => d.kind === 'referral_report');
    expect(deadline).toMatchObject({ dueDate: '2026-03-31', status: 'met' });
  });

  it('has no such deadline for a petition brought in directly', () => {
    expect(
      deadlineFacts('appeal', RECEIVED, [ev('register', '2026-03-02', { channel: 'visit' })]).referralDueDate,
    ).toBe(undefined);
  });
});

describe('owedNotices: which written notice the case page says is missing', () => {
  it.each([
    ['nothing decided yet', [], false, []],
    ['accepted, no notice made', [accept], false, [{ kind: 'acceptance_notice', step: 'accept', missing: 'document' }]],
    [
      'accepted, notice made but not out',
      [accept, ev('generateDocument', '2026-03-05', { kind: 'acceptance_notice' })],
      false,
      [{ kind: 'acceptance_notice', step: 'accept', missing: 'delivery' }],
    ],
    ['accepted and told', [accept, posted('acceptance_notice', '2026-03-05')], false, []],
    [
      'declined, no notice',
      [decline],
      false,
      [{ kind: 'non_acceptance_notice', step: 'decline', missing: 'document' }],
    ],
    ['anonymous: nobody to write to (第23条)', [accept, ev('extend', '2026-04-01', { days: 5 }, 'e1')], true, []],
    [
      'an extension not yet told',
      [accept, posted('acceptance_notice', '2026-03-05'), ev('extend', '2026-04-01', { days: 5 }, 'e1')],
      false,
      [{ kind: 'extension_notice', step: 'extend', missing: 'document' }],
    ],
    [
      'an extension whose notice was made for it but not delivered',
      [
        accept,
        posted('acceptance_notice', '2026-03-05'),
        ev('extend', '2026-04-01', { days: 5 }, 'e1'),
        ev('generateDocument', '2026-04-01', { kind: 'extension_notice', sourceEventId: 'e1' }),
      ],
      false,
      [{ kind: 'extension_notice', step: 'extend', missing: 'delivery' }],
    ],
  ] as const)('%s', (_name, events, anonymous, expected) => {
    const owed = owedNotices(events, { noticeExempt: anonymous });
    expect(owed.map(({ kind, step, missing }) => ({ kind, step, missing }))).toEqual(expected);
  });
});
