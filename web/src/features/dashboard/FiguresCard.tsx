/**
 * 考核数据: every registered figure (server/modules/figure) for the unit in view and each of its
 * buckets, the numbers the appraisal scores from. A rate shows its parts ("3/4 75.0%") so a leader
 * sees how few rows a percentage rests on; a rate with nothing due shows a dash, never 100 %.
 */
import { Card } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { FigureDrill, FigureKey, FigureShape, FiguresView } from '../../../../common/schemas/figure.ts';
import { figureDrillPath } from '../../api/dashboard.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Value = { value: number; of: number | null; drill?: FigureDrill };
type Row = { key: string; unit: string; values: Partial<Record<FigureKey, Value>> };

export function figureText(v: Value, kind: FigureShape['kind'] = 'rate'): string {
  if (v.of === null) return String(v.value);
  if (v.of === 0) return '—';
  // A mean shows its average and how many things it rests on ("23.5 (2)").
  if (kind === 'mean') return `${(v.value / v.of).toFixed(1)} (${v.of})`;
  return `${v.value}/${v.of} ${((v.value / v.of) * 100).toFixed(1)}%`;
}

export function FiguresCard({ view, loading }: { view: FiguresView | undefined; loading: boolean }) {
  const t = useT();
  const figures = view?.figures ?? [];
  const rows: Row[] =
    view === undefined
      ? []
      : [
          {
            key: view.unit.id,
            unit: `${view.unit.name}（${t.figures.total}）`,
            values: Object.fromEntries(figures.map((f) => [f.key, f.total])),
          },
          ...(figures[0]?.byUnit ?? []).map((u, i) => ({
            key: u.unitId,
            unit: u.unitName,
            values: Object.fromEntries(
              figures.flatMap((f) => (f.byUnit[i] === undefined ? [] : [[f.key, f.byUnit[i]]])),
            ),
          })),
        ];
  const columns: ColumnsType<Row> = [
    { key: 'unit', title: t.figures.unit, dataIndex: 'unit', fixed: 'left' },
    ...figures.map((f) => ({
      key: f.key,
      title: t.figures.keys[f.key],
      align: 'right' as const,
      render: (_: unknown, row: Row) => {
        const v = row.values[f.key];
        if (v === undefined) return '—';
        // A click opens the rows the value counts: the list filtered to the unit and the period.
        const to = v.drill === undefined ? null : figureDrillPath(v.drill);
        return to === null ? (
          figureText(v, f.kind)
        ) : (
          <Link to={to} data-testid={`figure-${f.key}-${row.key}`}>
            {figureText(v, f.kind)}
          </Link>
        );
      },
    })),
  ];
  return (
    <Card size="small" title={t.figures.title} data-testid="dashboard-figures">
      <DataTable<Row>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        cardTitleKey="unit"
      />
    </Card>
  );
}
