/**
 * The chase (催报) of missing daily reports, run by the scheduler: once a report day's cut-off has
 * passed, every reporting unit without a report is told through its heads and office staff
 * (`daily_report_missing`); once the grace after the cut-off (`report.escalateAfterMinutes`) has also
 * passed, the office of the level above (上一级信访工作机构) is told (`daily_report_escalated`). Both are
 * de-duplicated per unit and day, so any number of runs and instances tell each person once
 * (《信访工作条例》第5条: what is not reported cannot be settled at the source).
 */
import { REPORT_SUBMITTER_ROLES } from '../../../common/domain/access.ts';
import { compareInstants, localDateOf } from '../../../common/domain/calendar.ts';
import { chaseDays, cutoffInstant } from '../../../common/domain/daily-report.ts';
import { levelAbovePath, officeLevelPathAmong, unitPathName } from '../../../common/domain/unit-tree.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { notify } from '../notification/index.ts';
import { activeUnitsUnder, findRootUnit } from '../unit/index.ts';
import { activePeopleAt, officeWorkersOf } from '../user/index.ts';
import { unitsReported } from './report.repository.ts';
import { reportRules } from './report.service.ts';

export type ChaseResult = { days: string[]; missing: number; told: number; escalated: number };

export async function chaseDailyReports(deps: ServiceDeps): Promise<ChaseResult> {
  const result: ChaseResult = { days: [], missing: 0, told: 0, escalated: 0 };
  const root = await findRootUnit(deps.db);
  if (root === undefined) return result;
  const rules = await reportRules(deps.db, root.path);
  const now = deps.clock.now().toISOString();
  result.days = chaseDays(rules.calendar, rules.cutoff, now);
  if (result.days.length === 0) return result;
  const tree = await activeUnitsUnder(deps.db, root.path);
  const names = new Map(tree.map((u) => [u.id, u.name]));
  for (const day of result.days) {
    const due = tree.filter((u) => rules.unitKinds.includes(u.kind) && localDateOf(u.created_at) <= day);
    const reported = await unitsReported(
      deps.db,
      day,
      due.map((u) => u.id),
    );
    const escalate =
      compareInstants(
        now,
        new Date(Date.parse(cutoffInstant(day, rules.cutoff)) + rules.escalateAfterMinutes * 60_000).toISOString(),
      ) >= 0;
    for (const unit of due.filter((u) => !reported.has(u.id))) {
      result.missing += 1;
      const data = { unitName: unitPathName(unit.path, (id) => names.get(id)), date: day };
      const heads = await activePeopleAt(deps.db, [unit.id], REPORT_SUBMITTER_ROLES);
      // The office of the level above: the nearest 集团/矿/公司 above the unit (a 班组's is its mine's).
      const officePath = officeLevelPathAmong(tree, levelAbovePath(unit.path));
      const officeId = officePath
        ?.split('/')
        .filter((s) => s.length > 0)
        .at(-1);
      const office =
        escalate && officeId !== undefined && officeId !== unit.id ? await officeWorkersOf(deps.db, officeId) : [];
      await deps.db.transaction().execute(async (trx) => {
        result.told += (
          await notify(trx, deps, {
            kind: 'daily_report_missing',
            recipients: heads.map((p) => p.id),
            data,
            dedupeKey: `daily_report_missing:${unit.id}:${day}`,
          })
        ).length;
        if (office.length > 0) {
          result.escalated += (
            await notify(trx, deps, {
              kind: 'daily_report_escalated',
              recipients: office.map((p) => p.id),
              data,
              dedupeKey: `daily_report_escalated:${unit.id}:${day}`,
            })
          ).length;
        }
      });
    }
  }
  return result;
}
