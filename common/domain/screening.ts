/**
 * 矛盾隐患排查 (screening) as pure rules: when a covered unit's return is due, whether it was late,
 * and who is chased when it has not come (《信访工作条例》第5条 源头预防、第13条 基层排查化解; 第39条: a
 * unit that fails to find and report what it should is answerable). Dates are local to China
 * (UTC+8, common/domain/calendar.ts): a return due on D may be made until D ends at 24:00 local.
 */
import { addCalendarDays, compareInstants, localDayStartUtc, type LocalDate } from './calendar.ts';

/** The instant a return due on `dueDate` becomes late: the start of the next local day (UTC+8). */
export function returnCutoff(dueDate: LocalDate): string {
  return localDayStartUtc(addCalendarDays(dueDate, 1));
}

/** Was a return answered at `answeredAt` in time for `dueDate`? */
export function isReturnOnTime(dueDate: LocalDate, answeredAt: string): boolean {
  return compareInstants(answeredAt, returnCutoff(dueDate)) < 0;
}

/** A return not yet answered is overdue once its cut-off has passed. */
export function isReturnOverdue(dueDate: LocalDate, now: string): boolean {
  return compareInstants(now, returnCutoff(dueDate)) >= 0;
}

export type ChaseFacts = {
  dueDate: LocalDate;
  answered: boolean;
  /** When the unit's own heads were told it is overdue; null when not yet. */
  chasedAt: string | null;
  /** When the office of the level above was told; null when not yet. */
  escalatedAt: string | null;
};

/**
 * Who to chase now about one return: nobody (answered, not yet due, or everyone already told), the
 * unit's own heads (at the cut-off), or the office of the level above (once the heads were chased and
 * `escalateAfterHours` have passed since the cut-off). One step per call, so a job that runs late
 * tells the heads first and the office on its next run — never the office before the heads.
 */
export function chaseStep(facts: ChaseFacts, now: string, escalateAfterHours: number): 'none' | 'heads' | 'office' {
  if (facts.answered || !isReturnOverdue(facts.dueDate, now)) return 'none';
  if (facts.chasedAt === null) return 'heads';
  if (facts.escalatedAt !== null) return 'none';
  const escalateAt = new Date(Date.parse(returnCutoff(facts.dueDate)) + escalateAfterHours * 3_600_000).toISOString();
  return compareInstants(now, escalateAt) >= 0 ? 'office' : 'none';
}

/** A campaign's dates: the period is in order and the answers are due no earlier than the period starts. */
export function campaignDateProblem(
  period: { from: LocalDate; to: LocalDate },
  dueDate: LocalDate,
  today: LocalDate,
): { field: 'periodTo' | 'dueDate'; message: string } | null {
  if (period.to < period.from) return { field: 'periodTo', message: 'the period must end on or after its start' };
  if (dueDate < period.from) return { field: 'dueDate', message: 'answers cannot be due before the period starts' };
  if (dueDate < today) return { field: 'dueDate', message: 'answers cannot be due in the past' };
  return null;
}

/** 风险等级 of a hazard: 低 / 中 / 高 / 重大. */
export const HAZARD_RISK_LEVELS = ['low', 'medium', 'high', 'major'] as const;
export type HazardRiskLevel = (typeof HAZARD_RISK_LEVELS)[number];

/** A hazard that raises the warnings on its category when petitions there spike (高 and 重大). */
export function isSevereHazard(level: HazardRiskLevel): boolean {
  return level === 'high' || level === 'major';
}

/**
 * Who approves a hazard's 销号: the level ABOVE the one that owns it (the owning 集团/矿/公司 is
 * `ownerPath`). An approver must sit strictly above the owner — never the owning level itself — except
 * at the top of the tree, where the enterprise is its own level above (as for 复核, 第36条).
 */
export function mayApproveClearing(approverUnitPath: string, ownerPath: string): boolean {
  const isTop = ownerPath.split('/').filter(Boolean).length === 1;
  if (isTop) return approverUnitPath === ownerPath;
  return ownerPath.startsWith(approverUnitPath) && approverUnitPath !== ownerPath;
}
