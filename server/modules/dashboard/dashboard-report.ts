/**
 * The printable statistics report (信访工作统计月报/年报, the annual report of 《信访工作条例》第41条):
 * volumes, units with the most petitions first, categories, channels, forwarded/assigned/supervised
 * counts, on-time rates, satisfaction and suggestions adopted, over a statistics month or year (the
 * enterprise's statistics month, `statistics-period.ts`). An HTML page in the print layout of the
 * documents (A4, no script); every value is escaped. Its last line prints the audit chain head, so
 * every printed report is also an anchor of the chain (ADR 0004). It closes with the rewards, penalties
 * and accountability measures decided in the period for the units reported on (第39条, 第41条).
 */
import type { Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf, localDayStartUtc } from '../../../common/domain/calendar.ts';
import { periodOf } from '../../../common/domain/statistics-period.ts';
import { format } from '../../../common/i18n/index.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import {
  DashboardReportQuerySchema,
  type DashboardBucket,
  type DashboardOnTime,
  type DashboardReportQuery,
  type DashboardView,
} from '../../../common/schemas/dashboard.ts';
import { readAuditHead, type AuditHead } from '../../platform/audit.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { measuresForReport } from '../accountability/index.ts';
import { escapeHtml } from '../document/index.ts';
import { findUnitById } from '../unit/index.ts';
import { getDashboard, handlingFigures, statisticsStartDay } from './dashboard.service.ts';

const L = zhCN.dashboard;

const REPORT_CSS = `
@page { size: A4; margin: 25mm 20mm; }
* { box-sizing: border-box; }
html { background: #f0f0f0; }
body { margin: 0; color: #000; font-family: "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "WenQuanYi Micro Hei", serif; font-size: 12pt; line-height: 1.6; }
.sheet { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 25mm 20mm; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,.2); }
.hint { width: 210mm; margin: 6mm auto 0; font: 12px/1.5 system-ui, sans-serif; color: #555; }
h1 { margin: 0 0 6pt; text-align: center; font-family: "方正小标宋简体", "STZhongsong", "SimSun", "WenQuanYi Micro Hei", serif; font-size: 20pt; line-height: 30pt; font-weight: normal; }
.meta { text-align: center; color: #333; margin-bottom: 14pt; }
h2 { font-family: "黑体", "SimHei", "WenQuanYi Micro Hei", sans-serif; font-size: 14pt; margin: 16pt 0 6pt; font-weight: normal; }
table { width: 100%; border-collapse: collapse; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 6pt; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.chain { margin-top: 18pt; font-size: 9pt; color: #333; overflow-wrap: anywhere; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .hint { display: none; }
}
`;

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);
const rateText = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function table(head: string[], rows: (string | number)[][]): string {
  const th = head.map((h, i) => `<th${i > 0 ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i > 0 ? ' class="n"' : ''}>${escapeHtml(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function buckets(list: DashboardBucket[], total: number, label: (b: DashboardBucket) => string): (string | number)[][] {
  return list.map((b) => [label(b), b.count, pct(b.count, total)]);
}

function onTimeRow(name: string, r: DashboardOnTime): (string | number)[] {
  return [name, r.met.value, r.metLate.value, r.overdue.value, r.open.value, rateText(r.rate)];
}

type ReportMeasure = Awaited<ReturnType<typeof measuresForReport>>[number];

/** 奖惩与问责 of the period (第39条): one line per measure, then the count per kind. */
function measuresSection(measures: readonly ReportMeasure[]): string {
  const A = zhCN.accountability;
  const heading = `<h2>${escapeHtml(A.report.section)}</h2>`;
  if (measures.length === 0) return `${heading}\n<p>${escapeHtml(A.report.none)}</p>`;
  const lines = measures.map((m) => [
    A.kinds[m.kind],
    m.subject,
    m.documentNumber,
    m.decidedOn,
    m.rectification === null ? A.noDeadline : `${m.rectification.dueDate} ${A.status[m.rectification.status]}`,
  ]);
  const counts = Object.entries(A.kinds)
    .map(([kind, label]) => [label, measures.filter((m) => m.kind === kind).length] as [string, number])
    .filter(([, n]) => n > 0);
  return `${heading}
${table([A.report.kind, A.report.subject, A.report.number, A.report.date, A.report.rectification], lines)}
${table([A.report.kind, A.report.total], counts)}`;
}

export function renderReportHtml(
  view: DashboardView,
  kind: 'month' | 'year',
  handling: Awaited<ReturnType<typeof handlingFigures>>,
  generatedAt: string,
  auditHead: AuditHead,
  measures: readonly ReportMeasure[] = [],
): string {
  const t = view.totals;
  const total = t.petitions.value;
  const title = format(L.report.title, { unit: view.unit.name, kind: L.report[kind] });
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<p class="hint">${escapeHtml(L.report.printHint)}</p>
<main class="sheet">
<h1>${escapeHtml(title)}</h1>
<div class="meta">${escapeHtml(format(L.report.period, { from: view.from, to: view.to }))} · ${escapeHtml(format(L.report.generatedAt, { at: generatedAt }))}</div>
<h2>${escapeHtml(L.report.volumes)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  [
    [L.kpi.petitions, total, ''],
    [L.kpi.persons, t.persons.value, ''],
    [L.kpi.visitBatches, t.visitBatches.value, pct(t.visitBatches.value, total)],
    [L.kpi.visitPersons, t.visitPersons.value, ''],
    [L.kpi.groupBatches, t.groupBatches.value, pct(t.groupBatches.value, total)],
    [L.kpi.groupPersons, t.groupPersons.value, ''],
    [L.kpi.skipLevel, t.skipLevel.value, pct(t.skipLevel.value, total)],
    [L.kpi.repeat, t.repeat.value, pct(t.repeat.value, total)],
    [L.kpi.anonymous, t.anonymous.value, pct(t.anonymous.value, total)],
  ],
)}
<h2>${escapeHtml(L.report.byUnit)}</h2>
${table(
  [L.report.unitName, L.report.value, L.report.share],
  buckets(view.byUnit, total, (b) => b.label),
)}
<h2>${escapeHtml(L.report.byCategory)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  buckets(view.byCategory, total, (b) => (b.key === '' ? L.uncategorised : b.label)),
)}
<h2>${escapeHtml(L.report.byChannel)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  buckets(view.byChannel, total, (b) =>
    b.key in zhCN.petitions.channels ? zhCN.petitions.channels[b.key as keyof typeof zhCN.petitions.channels] : b.key,
  ),
)}
<h2>${escapeHtml(L.report.handling)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  [
    [L.report.forwarded, handling.forwarded, pct(handling.forwarded, total)],
    [L.report.assigned, handling.assigned, pct(handling.assigned, total)],
    [L.report.supervised, handling.supervised, pct(handling.supervised, total)],
  ],
)}
<h2>${escapeHtml(L.report.onTime)}</h2>
${table(
  [L.report.item, L.onTime.met, L.onTime.metLate, L.onTime.overdue, L.onTime.open, L.report.rate],
  [
    onTimeRow(L.onTime.acceptance, view.onTime.acceptance),
    onTimeRow(L.onTime.conclusion, view.onTime.conclusion),
    onTimeRow(L.onTime.referral, view.onTime.referral),
  ],
)}
<h2>${escapeHtml(L.report.satisfaction)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  [
    [L.report.ratedCount, view.satisfaction.count, ''],
    [L.report.average, view.satisfaction.average === null ? '—' : view.satisfaction.average.toFixed(2), ''],
    ...view.satisfaction.distribution.map((d) => [
      format(L.score, { score: d.score }),
      d.count,
      pct(d.count, view.satisfaction.count),
    ]),
  ],
)}
<h2>${escapeHtml(L.report.suggestions)}</h2>
${table(
  [L.report.item, L.report.value, L.report.share],
  [
    [L.report.suggestionsTotal, handling.suggestions, pct(handling.suggestions, total)],
    [L.report.suggestionsAdopted, handling.adopted, pct(handling.adopted, handling.suggestions)],
  ],
)}
${measuresSection(measures)}
<p class="chain">${escapeHtml(format(L.report.auditChain, { seq: auditHead.seq, hash: auditHead.hash }))}</p>
</main>
</body>
</html>
`;
}

/**
 * The report for the statistics month or year containing `date` (default today).
 * @throws FORBIDDEN, NOT_FOUND as getDashboard
 */
export async function getDashboardReport(
  deps: ServiceDeps,
  actor: Actor,
  rawQuery: DashboardReportQuery,
): Promise<string> {
  const query = DashboardReportQuerySchema.parse(rawQuery);
  const now = deps.clock.now().toISOString();
  const period = periodOf(query.date ?? localDateOf(now), query.period, await statisticsStartDay(deps, actor));
  const scope = { from: period.from, to: period.to, ...(query.unitId === undefined ? {} : { unitId: query.unitId }) };
  const view = await getDashboard(deps, actor, scope);
  const handling = await handlingFigures(deps, actor, scope);
  const local = new Date(Date.parse(now) + 8 * 3_600_000).toISOString();
  // The head as the report is made: a printed copy is an anchor of the chain outside the database (ADR 0004).
  const auditHead = await readAuditHead(deps.db);
  const unit = await findUnitById(deps.db, view.unit.id);
  const measures =
    unit === undefined
      ? []
      : await measuresForReport(
          deps,
          unit.path,
          localDayStartUtc(view.from),
          localDayStartUtc(addCalendarDays(view.to, 1)),
        );
  return renderReportHtml(
    view,
    query.period,
    handling,
    `${local.slice(0, 10)} ${local.slice(11, 16)}`,
    auditHead,
    measures,
  );
}
