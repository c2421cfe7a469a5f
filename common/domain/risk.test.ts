import { describe, expect, it } from 'vitest';
import { computeRisk, DEFAULT_RISK_POLICY, levelOf, threatTermsIn, type RiskFacts } from './risk.ts';

const quiet: RiskFacts = {
  headcount: 1,
  representatives: 0,
  isGroup: false,
  isSkipLevel: false,
  repeatCount: 0,
  daysSinceLastPetition: null,
  text: '食堂饭菜价格偏高，建议改进。',
  categoryCode: '12',
  sensitivePeriod: null,
  daysToDue: 10,
  unansweredMessages: 0,
  oldestUnansweredDays: 0,
  satisfaction: null,
};

describe('computeRisk', () => {
  it('scores a quiet suggestion at zero with no reasons', () => {
    expect(computeRisk(quiet)).toEqual({ score: 0, level: 'none', reasons: [] });
  });

  it.each<[string, Partial<RiskFacts>, string, number]>([
    ['a group of 40', { isGroup: true, headcount: 40 }, 'group', 23],
    ['a group of 200 (capped)', { isGroup: true, headcount: 200 }, 'group', 25],
    ['four representatives', { representatives: 4 }, 'representatives', 5],
    ['a skip-level visit', { isSkipLevel: true }, 'skip_level', 15],
    ['a second petition', { repeatCount: 1, daysSinceLastPetition: 90 }, 'repeat', 10],
    ['a fourth petition', { repeatCount: 3, daysSinceLastPetition: 90 }, 'repeat', 20],
    ['again within a month', { repeatCount: 1, daysSinceLastPetition: 12 }, 'repeat_soon', 5],
    ['one threat', { text: '再不解决就去上访到北京' }, 'threat_words', 25],
    ['unpaid wages', { categoryCode: '01' }, 'category_weight', 10],
    ['unpaid wages before the Spring Festival', { categoryCode: '01', sensitivePeriod: '春节' }, 'category_weight', 20],
    ['a sensitive period', { sensitivePeriod: '春节' }, 'sensitive_period', 10],
    ['overdue', { daysToDue: -2 }, 'overdue', 15],
    ['due in 2 days', { daysToDue: 2 }, 'due_soon', 5],
    ['messages unanswered 3 days', { unansweredMessages: 2, oldestUnansweredDays: 3 }, 'unanswered_messages', 10],
    ['a low evaluation', { satisfaction: 1 }, 'low_evaluation', 15],
  ])('%s gives its reason and points', (_, change, code, points) => {
    const result = computeRisk({ ...quiet, ...change });
    expect(result.reasons.find((r) => r.code === code)?.points).toBe(points);
  });

  it('does not count messages answered within two days or an evaluation of 3', () => {
    expect(computeRisk({ ...quiet, unansweredMessages: 1, oldestUnansweredDays: 1, satisfaction: 3 }).reasons).toEqual(
      [],
    );
  });

  it('adds up the reasons of a group wage petition with threats to red', () => {
    const result = computeRisk({
      ...quiet,
      isGroup: true,
      headcount: 30,
      representatives: 5,
      categoryCode: '01',
      text: '三个月没发工资，大家商量集体上访，堵门讨说法',
    });
    expect(result.reasons.map((r) => r.code)).toEqual(['group', 'representatives', 'threat_words', 'category_weight']);
    expect(result.reasons.find((r) => r.code === 'threat_words')?.detail).toEqual({ terms: '集体上访、堵门、讨说法' });
    expect(result.score).toBe(21 + 5 + 30 + 10);
    expect(result.level).toBe('orange');
  });

  it('tightens the levels in a sensitive period', () => {
    expect(levelOf(45, DEFAULT_RISK_POLICY, false)).toBe('yellow');
    expect(levelOf(45, DEFAULT_RISK_POLICY, true)).toBe('orange');
    expect(levelOf(14, DEFAULT_RISK_POLICY, false)).toBe('none');
    expect(levelOf(70, DEFAULT_RISK_POLICY, false)).toBe('red');
  });

  it('finds threat words across spaces', () => {
    expect(threatTermsIn('要 去 堵 门', ['堵门', '进京'])).toEqual(['堵门']);
  });
});
