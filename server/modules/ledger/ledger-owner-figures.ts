/**
 * The petition figures per owner leader (包案领导, 第18条), for leader appraisal (第39条: leaders as well
 * as units): each the same definition as the unit figure of its key (catalog `figures.definitions`),
 * counted over the cases the leader owns; its drill-down is the unit figure's petition-list filters
 * with `ownerId` for `unitId`, so the list's totals add up to the leader's value (tested).
 */
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import type { DrillDown } from '../../../common/schemas/dashboard.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { foldByOwner, type FigurePeriod, type OwnerFigureSource } from '../../platform/figure-source.ts';
import { deadlinesDueByOwner, overdueOpenByOwner, satisfactionByOwner } from './ledger-owner-figures.repository.ts';

const today = (deps: ServiceDeps) => localDateOf(deps.clock.now().toISOString());

function onTime(key: OwnerFigureSource['key'], kind: 'conclusion' | 'ownership'): OwnerFigureSource {
  const due = (ownerId: string, period: FigurePeriod, status: 'met' | 'met_late' | 'overdue'): DrillDown =>
    kind === 'conclusion'
      ? { ownerId, conclusionDueFrom: period.from, conclusionDueTo: period.to, conclusion: status }
      : { ownerId, ownershipDueFrom: period.from, ownershipDueTo: period.to, ownership: status };
  return {
    key,
    kind: 'rate',
    better: 'higher',
    version: 1,
    async compute(deps, ownerIds, period) {
      const rows = await deadlinesDueByOwner(deps.db, kind, period.from, period.to, today(deps));
      return foldByOwner(
        'rate',
        ownerIds,
        rows.map((r) => ({ ownerId: r.owner_id, value: Number(r.met), of: Number(r.decided) })),
      );
    },
    drill: (ownerId, period) => ({
      kind: 'petitions',
      value: [due(ownerId, period, 'met')],
      of: [due(ownerId, period, 'met'), due(ownerId, period, 'met_late'), due(ownerId, period, 'overdue')],
    }),
  };
}

export const ownerFigureSources: readonly OwnerFigureSource[] = [
  onTime('petition.concludedOnTime', 'conclusion'),
  onTime('petition.ownershipConfirmedOnTime', 'ownership'),
  {
    key: 'petition.satisfied',
    kind: 'rate',
    better: 'higher',
    version: 1,
    async compute(deps, ownerIds, period) {
      const rows = await satisfactionByOwner(
        deps.db,
        localDayStartUtc(period.from),
        localDayStartUtc(addCalendarDays(period.to, 1)),
      );
      return foldByOwner(
        'rate',
        ownerIds,
        rows.map((r) => ({ ownerId: r.owner_id, value: Number(r.satisfied), of: Number(r.rated) })),
      );
    },
    drill: (ownerId, period) => {
      const received = (evaluation: 'satisfied' | 'rated'): DrillDown => ({
        ownerId,
        receivedFrom: period.from,
        receivedTo: period.to,
        evaluation,
      });
      return { kind: 'petitions', value: [received('satisfied')], of: [received('rated')] };
    },
  },
  {
    key: 'petition.overdueOpen',
    kind: 'count',
    better: 'lower',
    version: 1,
    async compute(deps, ownerIds) {
      const rows = await overdueOpenByOwner(deps.db, today(deps));
      return foldByOwner(
        'count',
        ownerIds,
        rows.map((r) => ({ ownerId: r.owner_id, value: Number(r.n) })),
      );
    },
    drill: (ownerId) => ({ kind: 'petitions', value: [{ ownerId, open: 'true', overdue: 'true' }], of: null }),
  },
];
