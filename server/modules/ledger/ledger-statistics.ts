/**
 * Statistics of ledger rows by period (统计月/季/年): counts by unit, category, channel and type;
 * 批次/人次 of visits (a visit petition is one batch, its headcount the person-times); on-time
 * acceptance and conclusion (a deadline met by its due date, over those met, met late or overdue —
 * a deadline still open and not yet due is not counted). Accumulated row by row, so an export of
 * 100 000 rows never holds more than the counters.
 */
import { localDateOf } from '../../../common/domain/calendar.ts';
import { periodOf, type PeriodKind } from '../../../common/domain/statistics-period.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import type { LedgerPeriodStats } from '../../../common/schemas/ledger.ts';
import type { LedgerRecord } from './ledger-records.ts';

export type StatisticsAccumulator = { add: (record: LedgerRecord) => void; result: () => LedgerPeriodStats[] };

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function rateOf(deadline: LedgerRecord['acceptanceDue'], rate: LedgerPeriodStats['acceptance']): void {
  if (deadline === null || deadline.status === 'open') return;
  rate.due += 1;
  if (deadline.status === 'met') rate.onTime += 1;
}

/** Counters per period of `kind` with statistics months starting on `startDay`. Labels are the zh-CN catalog's. */
export function statisticsAccumulator(kind: PeriodKind, startDay: number): StatisticsAccumulator {
  const periods = new Map<string, LedgerPeriodStats>();
  return {
    add(record) {
      const period = periodOf(localDateOf(record.receivedAt), kind, startDay);
      let stats = periods.get(period.key);
      if (stats === undefined) {
        stats = {
          key: period.key,
          from: period.from,
          to: period.to,
          total: 0,
          persons: 0,
          visitBatches: 0,
          visitPersons: 0,
          acceptance: { due: 0, onTime: 0, rate: null },
          conclusion: { due: 0, onTime: 0, rate: null },
          byUnit: {},
          byCategory: {},
          byChannel: {},
          byType: {},
        };
        periods.set(period.key, stats);
      }
      stats.total += 1;
      stats.persons += record.headcount;
      if (record.channel === 'visit') {
        stats.visitBatches += 1;
        stats.visitPersons += record.headcount;
      }
      rateOf(record.acceptanceDue, stats.acceptance);
      rateOf(record.conclusionDue, stats.conclusion);
      bump(stats.byUnit, record.topUnitName);
      bump(stats.byCategory, record.categoryName ?? zhCN.ledger.stats.uncategorised);
      bump(stats.byChannel, zhCN.petitions.channels[record.channel]);
      bump(stats.byType, zhCN.petitions.types[record.type]);
    },
    result() {
      return [...periods.values()]
        .sort((a, b) => (a.from < b.from ? -1 : 1))
        .map((s) => ({
          ...s,
          acceptance: { ...s.acceptance, rate: s.acceptance.due === 0 ? null : s.acceptance.onTime / s.acceptance.due },
          conclusion: { ...s.conclusion, rate: s.conclusion.due === 0 ? null : s.conclusion.onTime / s.conclusion.due },
        }));
    },
  };
}
