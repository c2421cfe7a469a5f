/**
 * Sensitive periods (敏感时期: holidays, wage days, restructuring, meetings — the scan watches closer and
 * escalates sooner) and the risk policy (the weights and thresholds of common/domain/risk.ts, a
 * setting of the enterprise). Kept by the enterprise administrator.
 */
import { can, enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { DomainError } from '../../../common/errors.ts';
import type { RiskPolicyView, SensitivePeriodInput } from '../../../common/schemas/warning.ts';
import type { DB } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { readSetting, updateSetting } from '../setting/index.ts';
import type { WarningDeps } from './warning-scan.service.ts';
import { activePeriods, deactivatePeriod, insertPeriod } from './warning.repository.ts';

function assertManager(actor: Actor): void {
  if (!can(actor, 'warning.manage', enterpriseOf(actor)))
    throw new DomainError('FORBIDDEN', {
      message: 'Only the enterprise administrator keeps sensitive periods and the risk policy',
    });
}

function periodView(row: DB['sensitive_period']) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    startDate: row.start_date,
    endDate: row.end_date,
    note: row.note,
    active: row.active === 1,
  };
}

export async function listSensitivePeriods(deps: WarningDeps) {
  const today = localDateOf(deps.clock.now().toISOString());
  const rows = await activePeriods(deps.db, 200);
  const current = rows.find((r) => r.start_date <= today && r.end_date >= today);
  return { items: rows.map(periodView), current: current === undefined ? null : periodView(current) };
}

export async function addSensitivePeriod(deps: WarningDeps, actor: Actor, input: SensitivePeriodInput) {
  assertManager(actor);
  const id = deps.ids.next();
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await insertPeriod(trx, {
      id,
      name: input.name,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: at,
      active: 1,
    });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'warning.period.add',
      entityType: 'sensitive_period',
      entityId: id,
      after: { name: input.name, startDate: input.startDate, endDate: input.endDate },
    });
  });
  return listSensitivePeriods(deps);
}

export async function removeSensitivePeriod(deps: WarningDeps, actor: Actor, id: string) {
  assertManager(actor);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deactivatePeriod(trx, id))) throw new DomainError('NOT_FOUND', { message: 'No such period' });
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'warning.period.remove',
      entityType: 'sensitive_period',
      entityId: id,
    });
  });
  return listSensitivePeriods(deps);
}

export async function getRiskPolicy(deps: WarningDeps, actor: Actor): Promise<RiskPolicyView> {
  return readSetting(deps.db, enterpriseOf(actor).path, 'warning.policy');
}

export async function saveRiskPolicy(deps: WarningDeps, actor: Actor, policy: RiskPolicyView): Promise<RiskPolicyView> {
  assertManager(actor);
  const { blue, yellow, orange, red } = policy.thresholds;
  if (!(blue < yellow && yellow < orange && orange < red)) {
    throw new DomainError('VALIDATION_FAILED', {
      message: 'Thresholds must rise from blue to red',
      details: { in: 'body', issues: [{ path: ['thresholds'], message: 'blue < yellow < orange < red' }] },
    });
  }
  await updateSetting(deps, actor, 'warning.policy', { unitId: enterpriseOf(actor).id, value: policy });
  return policy;
}
