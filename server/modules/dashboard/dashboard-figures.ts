/**
 * 考核数据 on the dashboard: every registered figure (server/modules/figure) for the unit in view and
 * each of its buckets (the by-unit chart's: mines under a group, children elsewhere), over the same
 * period as the rest of the dashboard. Counts only, the same for every reader of the unit.
 */
import type { Actor } from '../../../common/domain/access.ts';
import { DashboardQuerySchema, type DashboardQuery } from '../../../common/schemas/dashboard.ts';
import type { FiguresView } from '../../../common/schemas/figure.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { figureValues } from '../figure/index.ts';
import { unitsUnder } from '../unit/index.ts';
import { dashboardPeriod, dashboardUnit, unitBuckets } from './dashboard.service.ts';

/** @throws FORBIDDEN (not a leader, officer or auditor), NOT_FOUND (unit out of scope), VALIDATION_FAILED */
export async function getDashboardFigures(deps: ServiceDeps, actor: Actor, raw: DashboardQuery): Promise<FiguresView> {
  const query = DashboardQuerySchema.parse(raw);
  const root = await dashboardUnit(deps, actor, query.unitId);
  const period = await dashboardPeriod(deps, actor, query.from, query.to);
  const buckets = unitBuckets(root, await unitsUnder(deps.db, root.path));
  const units = [root, ...buckets];
  const figures = await figureValues(deps, units, { from: period.from, to: period.to });
  const zero = { value: 0, of: null };
  return {
    from: period.from,
    to: period.to,
    unit: { id: root.id, name: root.name },
    figures: figures.map((f) => ({
      key: f.key,
      kind: f.kind,
      better: f.better,
      total: { ...(f.values.get(root.id) ?? zero), drill: f.drill(root) },
      byUnit: buckets.map((u) => ({
        unitId: u.id,
        unitName: u.name,
        ...(f.values.get(u.id) ?? zero),
        drill: f.drill(u),
      })),
    })),
  };
}
