import { useCallback, useMemo } from 'react';
import { Button, DatePicker, Flex, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { RecordDrillQuerySchema } from '../../../common/schemas/figure.ts';
import { listUnits } from '../api/unit.ts';
import { parseSearch, searchOf } from '../app/url-filters.ts';
import { useLoader } from '../hooks/use-loader.ts';
import { useT } from '../i18n/locale-context.ts';
import { UnitTreeSelect } from './UnitTreeSelect.tsx';

const DATE = 'YYYY-MM-DD';
const BASE = RecordDrillQuerySchema.shape;
const BASE_KEYS = ['unitId', 'from', 'to'] as const;

/** The unit and period of a record list, and the figure-specific filters it takes (as the address writes them). */
export type RecordFilter = Record<string, string | undefined>;

/**
 * A record list's filters from its address (a figure's drill-down writes them there): the unit (its
 * subtree), the period (local dates; both or neither), and the page's own keys among `extra`.
 * Setting a filter writes the address, so the back button returns to the previous one; the page's own
 * keys stay, and the page number goes back to the first.
 */
export function useRecordFilter(extra: readonly string[]): [RecordFilter, (next: RecordFilter) => void] {
  const [params, setParams] = useSearchParams();
  const key = extra.join(',');
  const filter = useMemo(() => {
    const found = parseSearch(BASE, params) as RecordFilter;
    if (found.from === undefined || found.to === undefined) {
      delete found.from;
      delete found.to;
    }
    for (const k of key === '' ? [] : key.split(',')) {
      const value = params.get(k);
      if (value !== null && value !== '') found[k] = value;
    }
    return found;
  }, [params, key]);
  const set = useCallback(
    (next: RecordFilter) =>
      setParams((current) => {
        const keys = [...BASE_KEYS, ...(key === '' ? [] : key.split(','))];
        // The page's other keys (a state tab) stay; a changed filter goes back to the first page.
        const out = searchOf(keys, next);
        for (const [k, v] of current) if (!keys.includes(k) && k !== 'page') out.set(k, v);
        return out;
      }),
    [setParams, key],
  );
  return [filter, set];
}

/**
 * The filters a record list shows above its rows, each removable: the unit tree select, the zh-CN date
 * range, and a tag for each figure-specific filter in use (labelled from `figures.filters.tags`).
 */
export function RecordFilters({
  filter,
  onChange,
  extra,
}: {
  filter: RecordFilter;
  onChange: (next: RecordFilter) => void;
  extra: readonly string[];
}) {
  const t = useT();
  const f = t.figures.filters;
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  const range: [Dayjs, Dayjs] | null =
    filter.from !== undefined && filter.to !== undefined ? [dayjs(filter.from), dayjs(filter.to)] : null;
  const tags = extra.flatMap((k) => {
    const value = filter[k];
    if (value === undefined) return [];
    const label = (f.tags as Record<string, string>)[`${k}=${value}`] ?? `${k}=${value}`;
    return [{ k, label }];
  });
  const inUse = BASE_KEYS.some((k) => filter[k] !== undefined) || tags.length > 0;
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }} data-testid="record-filters">
      <div style={{ width: 200, maxWidth: '100%' }}>
        <UnitTreeSelect
          units={units.data ?? []}
          value={filter.unitId}
          onChange={(unitId) => onChange({ ...filter, unitId })}
          placeholder={f.allUnits}
          allowClear
          id="record-filter-unit"
        />
      </div>
      <DatePicker.RangePicker
        value={range}
        placeholder={[f.from, f.to]}
        onChange={(dates) => onChange({ ...filter, from: dates?.[0]?.format(DATE), to: dates?.[1]?.format(DATE) })}
        data-testid="record-filter-period"
      />
      {tags.map(({ k, label }) => (
        <Tag
          key={k}
          closable
          onClose={() => onChange({ ...filter, [k]: undefined })}
          data-testid={`record-filter-${k}`}
        >
          {label}
        </Tag>
      ))}
      {inUse && (
        <Button size="small" type="link" onClick={() => onChange({})} data-testid="record-filters-clear">
          {f.clear}
        </Button>
      )}
    </Flex>
  );
}
