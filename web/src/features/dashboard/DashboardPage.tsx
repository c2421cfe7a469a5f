/**
 * 领导驾驶舱: the figures of a period (this statistics month, quarter, year or a custom range) over
 * the viewer's unit subtree or a unit in it. Every KPI, bar and slice opens the petition list
 * filtered to the petitions it counts. One column on phones.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, List, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { localDateOf } from '../../../../common/domain/calendar.ts';
import { periodOf } from '../../../../common/domain/statistics-period.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { DashboardView, DrillDown } from '../../../../common/schemas/dashboard.ts';
import {
  dashboardReportUrl,
  drillDownPath,
  getDashboard,
  getDashboardFigures,
  getDashboardHotspots,
  getStatisticsStartDay,
  type DashboardQuery,
} from '../../api/dashboard.ts';
import { listUnits } from '../../api/unit.ts';
import { CALENDAR_PATH, petitionPath, WARNINGS_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { DashboardCharts } from './DashboardCharts.tsx';
import { FiguresCard } from './FiguresCard.tsx';
import './dashboard.css';

type Mode = 'month' | 'quarter' | 'year' | 'custom';

/** An answer that never comes: a loader waiting for what its request needs shows its loading state. */
function pending<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function Kpis({ view, onDrill }: { view: DashboardView; onDrill: (d: DrillDown | null) => void }) {
  const t = useT();
  const k = t.dashboard.kpi;
  const totals = view.totals;
  const onTimeNote = (kind: 'acceptance' | 'conclusion' | 'referral') => {
    const o = view.onTime[kind];
    return format(k.onTimeNote, {
      due: o.met.value + o.metLate.value + o.overdue.value,
      overdue: o.overdue.value,
    });
  };
  const items: { key: string; title: string; value: string | number; drill: DrillDown | null; note?: string }[] = [
    { key: 'petitions', title: k.petitions, value: totals.petitions.value, drill: totals.petitions.drill },
    { key: 'persons', title: k.persons, value: totals.persons.value, drill: totals.persons.drill },
    {
      key: 'visits',
      title: `${k.visitBatches} / ${k.visitPersons}`,
      value: `${totals.visitBatches.value} / ${totals.visitPersons.value}`,
      drill: totals.visitBatches.drill,
    },
    {
      key: 'group',
      title: `${k.groupBatches} / ${k.groupPersons}`,
      value: `${totals.groupBatches.value} / ${totals.groupPersons.value}`,
      drill: totals.groupBatches.drill,
    },
    { key: 'skipLevel', title: k.skipLevel, value: totals.skipLevel.value, drill: totals.skipLevel.drill },
    { key: 'repeat', title: k.repeat, value: totals.repeat.value, drill: totals.repeat.drill },
    { key: 'anonymous', title: k.anonymous, value: totals.anonymous.value, drill: totals.anonymous.drill },
    { key: 'repeatRate', title: k.repeatRate, value: percent(view.rates.repeat), drill: totals.repeat.drill },
    {
      key: 'skipLevelRate',
      title: k.skipLevelRate,
      value: percent(view.rates.skipLevel),
      drill: totals.skipLevel.drill,
    },
    {
      key: 'acceptanceRate',
      title: k.acceptanceRate,
      value: percent(view.onTime.acceptance.rate),
      drill: view.onTime.acceptance.overdue.drill,
      note: onTimeNote('acceptance'),
    },
    {
      key: 'conclusionRate',
      title: k.conclusionRate,
      value: percent(view.onTime.conclusion.rate),
      drill: view.onTime.conclusion.overdue.drill,
      note: onTimeNote('conclusion'),
    },
    {
      key: 'referralRate',
      title: k.referralRate,
      value: percent(view.onTime.referral.rate),
      drill: view.onTime.referral.overdue.drill,
      note: onTimeNote('referral'),
    },
    {
      key: 'satisfaction',
      title: k.satisfaction,
      value: view.satisfaction.average === null ? '—' : view.satisfaction.average.toFixed(2),
      drill: null,
    },
  ];
  return (
    <div className="dashboard-kpis">
      {items.map((item) => (
        <Card
          key={item.key}
          size="small"
          hoverable={item.drill !== null}
          onClick={() => onDrill(item.drill)}
          data-testid={`kpi-${item.key}`}
        >
          <Statistic title={item.title} value={item.value} />
          {item.note !== undefined && (
            <Typography.Text type="secondary" className="dashboard-kpi-note" data-testid={`kpi-${item.key}-note`}>
              {item.note}
            </Typography.Text>
          )}
        </Card>
      ))}
    </div>
  );
}

export function DashboardPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('month');
  const [custom, setCustom] = useState<[string, string] | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const today = localDateOf(new Date().toISOString());

  // The statistics month's first day matters only to a quarter or a year worked out here; 本月 is the
  // server's own period. Asked only then, and the figures wait for it (never asked twice).
  const needsStartDay = mode === 'quarter' || mode === 'year';
  const loadStartDay = useCallback(
    () => (needsStartDay ? getStatisticsStartDay() : Promise.resolve(null)),
    [needsStartDay],
  );
  const startDay = useLoader(loadStartDay);
  const start = needsStartDay ? (startDay.data ?? null) : null;
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  const query = useMemo<DashboardQuery | null>(() => {
    if (mode === 'custom' && custom !== null) return { from: custom[0], to: custom[1], unitId };
    if (mode === 'custom' || mode === 'month') return { unitId };
    if (start === null) return null;
    const p = periodOf(today, mode, start);
    return { from: p.from, to: p.to, unitId };
  }, [mode, custom, unitId, today, start]);
  const loadView = useCallback(() => (query === null ? pending<DashboardView>() : getDashboard(query)), [query]);
  const view = useLoader(loadView);
  const loadHotspots = useCallback(
    () => (query === null ? pending<Awaited<ReturnType<typeof getDashboardHotspots>>>() : getDashboardHotspots(query)),
    [query],
  );
  const hotspots = useLoader(loadHotspots);
  const loadFigures = useCallback(
    () => (query === null ? pending<Awaited<ReturnType<typeof getDashboardFigures>>>() : getDashboardFigures(query)),
    [query],
  );
  const figures = useLoader(loadFigures);

  const onDrill = useCallback(
    (drill: DrillDown | null) => {
      if (drill !== null) void navigate(drillDownPath(drill));
    },
    [navigate],
  );
  const v = view.data;
  const error = view.error ?? units.error;
  // The reports print the statistics month (or year) the figures reach: the period's end, or today
  // while the period is still running — never its first month.
  const printDate = v === undefined ? today : v.to < today ? v.to : today;

  return (
    <Flex vertical gap={16}>
      <Card
        title={t.dashboard.title}
        extra={
          <Space wrap>
            {mode !== 'year' && (
              <Button
                icon={<PrinterOutlined />}
                href={dashboardReportUrl('month', printDate, unitId)}
                target="_blank"
                data-testid="print-month"
              >
                {t.dashboard.printMonth}
              </Button>
            )}
            <Button
              icon={<PrinterOutlined />}
              href={dashboardReportUrl('year', printDate, unitId)}
              target="_blank"
              data-testid="print-year"
            >
              {t.dashboard.printYear}
            </Button>
          </Space>
        }
      >
        <Flex vertical gap={12}>
          <Flex wrap gap={12} align="center">
            <Segmented<Mode>
              value={mode}
              onChange={setMode}
              options={[
                { value: 'month', label: t.dashboard.thisMonth },
                { value: 'quarter', label: t.dashboard.thisQuarter },
                { value: 'year', label: t.dashboard.thisYear },
                { value: 'custom', label: t.dashboard.custom },
              ]}
            />
            {mode === 'custom' && (
              <DatePicker.RangePicker
                onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
                  const [a, b] = range ?? [null, null];
                  setCustom(a === null || b === null ? null : [a.format('YYYY-MM-DD'), b.format('YYYY-MM-DD')]);
                }}
              />
            )}
            <div style={{ minWidth: 220, flex: '0 1 320px' }}>
              <UnitTreeSelect
                units={units.data ?? []}
                value={unitId}
                onChange={setUnitId}
                placeholder={t.dashboard.unit}
                allowClear
                activeOnly
              />
            </div>
          </Flex>
          {v !== undefined && (
            <Typography.Text type="secondary">
              {format(t.dashboard.description, { unit: v.unit.name, from: v.from, to: v.to })} · {t.dashboard.drillHint}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      {v !== undefined && (
        <>
          {v.calendarGaps.map((year) => (
            <Alert
              key={year}
              type="warning"
              showIcon
              title={format(t.dashboard.calendarGap, { year })}
              action={<Link to={`${CALENDAR_PATH}?year=${year}`}>{t.dashboard.calendarOpen}</Link>}
              data-testid="dashboard-calendar-gap"
            />
          ))}
          <Kpis view={v} onDrill={onDrill} />
          <DashboardCharts view={v} onDrill={onDrill} />
          <FiguresCard view={figures.data} loading={figures.loading} />
          <div className="dashboard-charts">
            <Card
              size="small"
              title={t.dashboard.charts.warnings}
              extra={<a onClick={() => void navigate(WARNINGS_PATH)}>{t.dashboard.viewWarnings}</a>}
            >
              <Space wrap size="large" data-testid="dashboard-warnings">
                <Tag color="red">
                  {t.warnings.levels.red} {v.warnings.red}
                </Tag>
                <Tag color="orange">
                  {t.warnings.levels.orange} {v.warnings.orange}
                </Tag>
                <Tag color="gold">
                  {t.warnings.levels.yellow} {v.warnings.yellow}
                </Tag>
                <Tag color="blue">
                  {t.warnings.levels.blue} {v.warnings.blue}
                </Tag>
              </Space>
            </Card>
            <Card size="small" title={t.dashboard.charts.overdueByOwner}>
              <List
                size="small"
                dataSource={v.overdueByOwner}
                locale={{ emptyText: t.dashboard.empty }}
                renderItem={(b) => (
                  <List.Item
                    onClick={() => onDrill(b.drill)}
                    style={{ cursor: 'pointer' }}
                    extra={format(t.dashboard.count, { count: b.count })}
                  >
                    {b.label}
                  </List.Item>
                )}
                footer={
                  v.overdueUnowned.value > 0
                    ? format(t.dashboard.unowned, { count: v.overdueUnowned.value })
                    : undefined
                }
              />
            </Card>
            <Card
              size="small"
              title={t.dashboard.charts.hotspots}
              extra={
                hotspots.data === undefined
                  ? null
                  : format(t.dashboard.hotspotsAnalysed, { count: hotspots.data.analysed })
              }
            >
              <List
                size="small"
                loading={hotspots.loading}
                dataSource={hotspots.data?.items ?? []}
                locale={{ emptyText: t.dashboard.hotspotsNone }}
                renderItem={(h) => (
                  <List.Item
                    onClick={() => void navigate(petitionPath(h.representativeId))}
                    style={{ cursor: 'pointer' }}
                    extra={format(t.dashboard.hotspotScore, { score: h.score.toFixed(1), count: h.size })}
                  >
                    <List.Item.Meta
                      title={h.title}
                      description={
                        <>
                          {h.keywords.join(' · ')}
                          {h.publicity !== null && (
                            <Tag
                              color={h.publicity === 0 ? 'error' : 'success'}
                              style={{ marginInlineStart: 8 }}
                              data-testid="hotspot-publicity"
                            >
                              {h.publicity === 0
                                ? t.dashboard.hotspotNoPublicity
                                : format(t.dashboard.hotspotPublicity, { count: h.publicity })}
                            </Tag>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </div>
        </>
      )}
    </Flex>
  );
}
