/**
 * The risk score of one petition (预测预警, the founding article's "加强预测预警机制"): a sum of
 * points, each with its reason, so an officer can see why a case is red and a reviewer can check the
 * arithmetic. Pure: the service gathers the facts, this function scores them.
 *
 * Points (capped at 100), chosen to rank cases the way petition offices describe escalation risk:
 * a group or a skip-level visit, threats of escalation in the text, repeated petitions in a short
 * time, categories the enterprise weighs (wages before a holiday), a sensitive period, deadlines
 * slipping, a petitioner left without an answer, and a low evaluation.
 */

export const RISK_LEVELS = ['none', 'blue', 'yellow', 'orange', 'red'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** The four warning colours (蓝/黄/橙/红). */
export type WarningLevel = Exclude<RiskLevel, 'none'>;

export const RISK_REASONS = [
  'group',
  'representatives',
  'skip_level',
  'repeat',
  'repeat_soon',
  'threat_words',
  'category_weight',
  'sensitive_period',
  'overdue',
  'due_soon',
  'unanswered_messages',
  'low_evaluation',
] as const;
export type RiskReasonCode = (typeof RISK_REASONS)[number];

export type RiskReason = { code: RiskReasonCode; points: number; detail: Record<string, string | number> };
export type RiskResult = { score: number; level: RiskLevel; reasons: RiskReason[] };

export type RiskFacts = {
  headcount: number;
  representatives: number;
  isGroup: boolean;
  isSkipLevel: boolean;
  /** Earlier petitions of the same petitioner(s). */
  repeatCount: number;
  /** Days since the latest earlier petition, when there is one. */
  daysSinceLastPetition: number | null;
  /** Title and body. */
  text: string;
  /** Top-level category code (the weights are per top level) and its name for the reason. */
  categoryCode: string | null;
  categoryName?: string | null | undefined;
  /** The sensitive period the case falls in now, if any. */
  sensitivePeriod: string | null;
  /** Days to the nearest open deadline (negative = overdue), null when none is open. */
  daysToDue: number | null;
  /** Petitioner messages after the office's last answer, and the age in days of the oldest. */
  unansweredMessages: number;
  oldestUnansweredDays: number;
  /** Lowest satisfaction recorded (1–5), null when none. */
  satisfaction: number | null;
};

export type RiskPolicy = {
  threatTerms: readonly string[];
  /** Points per top-level category (e.g. 工资薪酬 before a holiday). Doubled in a sensitive period. */
  categoryWeights: Readonly<Record<string, number>>;
  /** Score at or above which each level starts; lowered by `sensitiveTightening` in a sensitive period. */
  thresholds: Readonly<Record<WarningLevel, number>>;
  sensitiveTightening: number;
};

/** 扬言 and escalation words: going to Beijing, blocking gates, threats to self or others (an admin edits the list). */
export const DEFAULT_THREAT_TERMS: readonly string[] = [
  '上访到北京',
  '进京',
  '赴京',
  '到省里',
  '赴省',
  '集体上访',
  '联名',
  '堵门',
  '堵路',
  '堵井口',
  '讨说法',
  '拉横幅',
  '静坐',
  '围堵',
  '跳楼',
  '自杀',
  '同归于尽',
  '找媒体',
  '找记者',
  '曝光',
  '不解决就',
];

export const DEFAULT_RISK_POLICY: RiskPolicy = {
  threatTerms: DEFAULT_THREAT_TERMS,
  // 工资薪酬, 工伤与职业病, 改制与安置遗留, 采煤沉陷: the matters that most often turn collective.
  categoryWeights: { '01': 10, '03': 8, '05': 10, '08': 8 },
  thresholds: { blue: 15, yellow: 30, orange: 50, red: 70 },
  sensitiveTightening: 10,
};

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

export function threatTermsIn(text: string, terms: readonly string[]): string[] {
  const plain = normalise(text);
  return terms.filter((term) => term !== '' && plain.includes(normalise(term)));
}

export function levelOf(score: number, policy: RiskPolicy, sensitive: boolean): RiskLevel {
  const shift = sensitive ? policy.sensitiveTightening : 0;
  if (score >= policy.thresholds.red - shift) return 'red';
  if (score >= policy.thresholds.orange - shift) return 'orange';
  if (score >= policy.thresholds.yellow - shift) return 'yellow';
  if (score >= policy.thresholds.blue - shift) return 'blue';
  return 'none';
}

export function computeRisk(facts: RiskFacts, policy: RiskPolicy = DEFAULT_RISK_POLICY): RiskResult {
  const reasons: RiskReason[] = [];
  const add = (code: RiskReasonCode, points: number, detail: Record<string, string | number> = {}) => {
    if (points > 0) reasons.push({ code, points, detail });
  };
  if (facts.isGroup)
    add('group', Math.min(25, 15 + 2 * Math.floor(facts.headcount / 10)), { headcount: facts.headcount });
  if (facts.representatives >= 3) add('representatives', 5, { representatives: facts.representatives });
  if (facts.isSkipLevel) add('skip_level', 15);
  if (facts.repeatCount > 0) add('repeat', facts.repeatCount >= 3 ? 20 : 10, { count: facts.repeatCount });
  if (facts.repeatCount > 0 && facts.daysSinceLastPetition !== null && facts.daysSinceLastPetition <= 30) {
    add('repeat_soon', 5, { days: facts.daysSinceLastPetition });
  }
  const threats = threatTermsIn(facts.text, policy.threatTerms);
  if (threats.length > 0)
    add('threat_words', Math.min(30, 20 + 5 * (threats.length - 1)), { terms: threats.join('、') });
  const sensitive = facts.sensitivePeriod !== null;
  const weight = facts.categoryCode === null ? 0 : (policy.categoryWeights[facts.categoryCode] ?? 0);
  if (weight > 0)
    add('category_weight', sensitive ? weight * 2 : weight, {
      category: facts.categoryName ?? facts.categoryCode ?? '',
    });
  if (facts.sensitivePeriod !== null) add('sensitive_period', 10, { period: facts.sensitivePeriod });
  if (facts.daysToDue !== null && facts.daysToDue < 0) add('overdue', 15, { days: -facts.daysToDue });
  else if (facts.daysToDue !== null && facts.daysToDue <= 3) add('due_soon', 5, { days: facts.daysToDue });
  if (facts.unansweredMessages > 0 && facts.oldestUnansweredDays >= 2) {
    add('unanswered_messages', 10, { count: facts.unansweredMessages, days: facts.oldestUnansweredDays });
  }
  if (facts.satisfaction !== null && facts.satisfaction <= 2)
    add('low_evaluation', 15, { satisfaction: facts.satisfaction });
  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  return { score, level: levelOf(score, policy, sensitive), reasons };
}
