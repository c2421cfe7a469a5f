/** The leaders' dashboard: figures, hotspots, and the address of the printable report. */
import {
  DashboardHotspotsViewSchema,
  DashboardViewSchema,
  type DashboardHotspotsView,
  type DashboardView,
  type DrillDown,
} from '../../../common/schemas/dashboard.ts';
import { FiguresViewSchema, type FigureDrill, type FiguresView } from '../../../common/schemas/figure.ts';
import { LedgerSettingsSchema } from '../../../common/schemas/ledger.ts';
import { PETITIONS_PATH } from '../app/paths.ts';
import { api } from './client.ts';

export type DashboardQuery = { from?: string | undefined; to?: string | undefined; unitId?: string | undefined };

export function getDashboard(query: DashboardQuery): Promise<DashboardView> {
  return api.get('/api/dashboard', DashboardViewSchema, query);
}

export function getDashboardHotspots(query: DashboardQuery): Promise<DashboardHotspotsView> {
  return api.get('/api/dashboard/hotspots', DashboardHotspotsViewSchema, query);
}

/** The registered appraisal figures (考核数据) of the unit and each of its buckets. */
export function getDashboardFigures(query: DashboardQuery): Promise<FiguresView> {
  return api.get('/api/dashboard/figures', FiguresViewSchema, query);
}

/** The enterprise's statistics month start day (1 = calendar month). */
export async function getStatisticsStartDay(): Promise<number> {
  return (await api.get('/api/ledger/settings', LedgerSettingsSchema)).statisticsMonthStartDay;
}

function search(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

/** The printable monthly or annual report (opens in a new tab). */
export function dashboardReportUrl(period: 'month' | 'year', date: string, unitId: string | undefined): string {
  return `/api/dashboard/report?${search({ period, date, unitId })}`;
}

/** A non-petition figure's list page with the drill's filters (unit, period, the figure's own) in its address. */
export function recordsDrillPath(path: string, query: Record<string, string>): string {
  const params = new URLSearchParams(query).toString();
  return params === '' ? path : `${path}?${params}`;
}

/** The page of the rows behind a figure's value: its list, filtered as the figure counted. */
export function figureDrillPath(drill: FigureDrill): string | null {
  if (drill.kind === 'records') return recordsDrillPath(drill.path, drill.query);
  // Petitions: one link when one list adds up to the value (several lists are the appraisal's to show).
  const [only] = drill.value;
  return drill.value.length === 1 && only !== undefined ? drillDownPath(only) : null;
}

/** The petition list filtered as a figure's drill-down. */
export function drillDownPath(drill: DrillDown): string {
  return `${PETITIONS_PATH}?${search(drill)}`;
}
