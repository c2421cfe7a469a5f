import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Select,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import {
  CALENDAR_ENTRY_KINDS,
  type CalendarEntry,
  type CalendarEntryKind,
} from '../../../../common/domain/calendar.ts';
import { format } from '../../../../common/i18n/index.ts';
import { getCalendarYear, saveCalendarYear } from '../../api/calendar.ts';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { entryProblems, type EntryRow } from './calendar-rows.ts';

const DATE = 'YYYY-MM-DD';

function yearFrom(value: string | null): number | undefined {
  const year = Number(value);
  return value !== null && Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
}

/**
 * 工作日历: one year's 法定节假日 and 调休上班日 as an editable table, saved whole with
 * PUT /api/calendar/:year. Rows the server (or the check before sending) refuses are marked.
 */
export function CalendarPage() {
  const t = useT();
  const k = t.calendar;
  const { locale } = useLocale();
  const { message } = App.useApp();
  // ?year= opens another year (the workbench's warning about an empty year links here).
  const [params] = useSearchParams();
  const [year, setYear] = useState(() => yearFrom(params.get('year')) ?? dayjs().year());
  const load = useCallback(() => getCalendarYear(year), [year]);
  const { data, error, loading } = useLoader(load);
  const [rows, setRows] = useState<EntryRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<ReadonlyMap<number, string>>(new Map());
  const [nextKey, setNextKey] = useState(1);
  const canManage = data?.canManage === true;

  useEffect(() => {
    if (data === undefined) return;
    setRows(
      data.entries.map((entry, i) => ({ key: `s${i}`, date: entry.date, kind: entry.kind, name: entry.name ?? '' })),
    );
    setDirty(false);
    setSaveError(null);
    setServerProblems(new Map());
  }, [data]);

  const problems = useMemo(() => entryProblems(rows, year), [rows, year]);
  const problemText = (index: number): string | null => {
    const problem = problems.get(index);
    if (problem === 'outside') return format(k.dateOutside, { year });
    if (problem === 'duplicate') return k.duplicate;
    if (problem === 'required') return t.common.required;
    if (problem === 'workdayOnWeekday') return k.workdayOnWeekday;
    return serverProblems.get(index) ?? null;
  };

  const change = (key: string, patch: Partial<EntryRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setDirty(true);
    setServerProblems(new Map());
  };

  /** The official notice's rows in place of the table, to correct and save (nothing is saved yet). */
  const loadNotice = (entries: readonly CalendarEntry[]) => {
    setRows(entries.map((entry, i) => ({ key: `o${i}`, date: entry.date, kind: entry.kind, name: entry.name ?? '' })));
    setDirty(true);
    setServerProblems(new Map());
  };

  const addRow = () => {
    setRows((current) => [...current, { key: `n${nextKey}`, date: null, kind: 'holiday', name: '' }]);
    setNextKey(nextKey + 1);
    setDirty(true);
  };

  const save = async () => {
    if (problems.size > 0) return;
    setSaving(true);
    setSaveError(null);
    try {
      const entries: CalendarEntry[] = [...rows]
        .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
        .map((row) => ({
          date: row.date ?? '',
          kind: row.kind,
          ...(row.name.trim() === '' ? {} : { name: row.name.trim() }),
        }));
      const saved = await saveCalendarYear(year, entries);
      setRows(
        saved.entries.map((entry, i) => ({ key: `s${i}`, date: entry.date, kind: entry.kind, name: entry.name ?? '' })),
      );
      setDirty(false);
      void message.success(format(k.saved, { year, count: saved.entries.length }));
    } catch (caught) {
      setSaveError(errorText(t, caught, locale));
      if (caught instanceof ApiError) {
        // Issues name the row as ['entries', index, field]; the rows were sent in date order.
        const sorted = [...rows].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
        const byRow = new Map<number, string>();
        for (const issue of caught.issues) {
          const index = issue.path[1];
          if (issue.path[0] === 'entries' && typeof index === 'number') {
            const row = sorted[index];
            const at = row === undefined ? -1 : rows.indexOf(row);
            if (at >= 0) byRow.set(at, issue.message);
          }
        }
        setServerProblems(byRow);
      }
    } finally {
      setSaving(false);
    }
  };

  const holidays = rows.filter((row) => row.kind === 'holiday').length;
  const columns: TableColumnsType<EntryRow> = [
    {
      title: k.date,
      key: 'date',
      width: 240,
      // The weekday beside the date (周四 / Thu, in the reader's language): a 调休 workday must fall on a weekend.
      render: (_, row, index) => (
        <Flex gap={8} align="center">
          {canManage ? (
            <DatePicker
              value={row.date === null ? null : dayjs(row.date)}
              onChange={(value) => change(row.key, { date: value === null ? null : value.format(DATE) })}
              minDate={dayjs(`${year}-01-01`)}
              maxDate={dayjs(`${year}-12-31`)}
              defaultPickerValue={dayjs(`${year}-01-01`)}
              status={problemText(index) === null ? '' : 'error'}
              data-testid={`calendar-date-${index}`}
            />
          ) : (
            row.date
          )}
          {row.date !== null && (
            <Typography.Text type="secondary" data-testid={`calendar-weekday-${index}`}>
              {dayjs(row.date).format('ddd')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: k.kind,
      key: 'kind',
      width: 160,
      render: (_, row, index) =>
        canManage ? (
          <Select<CalendarEntryKind>
            value={row.kind}
            onChange={(kind) => change(row.key, { kind })}
            options={CALENDAR_ENTRY_KINDS.map((kind) => ({ value: kind, label: k.kinds[kind] }))}
            style={{ width: 140 }}
            data-testid={`calendar-kind-${index}`}
          />
        ) : (
          <Tag color={row.kind === 'holiday' ? 'red' : 'blue'}>{k.kinds[row.kind]}</Tag>
        ),
    },
    {
      title: k.name,
      key: 'name',
      render: (_, row, index) =>
        canManage ? (
          <Input
            value={row.name}
            maxLength={40}
            onChange={(event) => change(row.key, { name: event.target.value })}
            data-testid={`calendar-name-${index}`}
          />
        ) : (
          row.name
        ),
    },
    {
      title: t.common.status,
      key: 'problem',
      width: 220,
      render: (_, _row, index) => {
        const text = problemText(index);
        return text === null ? null : <Typography.Text type="danger">{text}</Typography.Text>;
      },
    },
  ];
  if (canManage) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 90,
      render: (_, row) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={k.remove}
          onClick={() => {
            setRows((current) => current.filter((candidate) => candidate.key !== row.key));
            setDirty(true);
          }}
        />
      ),
    });
  }

  return (
    <Card
      title={k.title}
      extra={
        <Flex gap={8} align="center">
          <Typography.Text>{k.year}</Typography.Text>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(value) => value !== null && setYear(value)}
            style={{ width: 100 }}
            data-testid="calendar-year"
          />
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {data !== undefined && !canManage && <Alert type="info" showIcon title={k.readOnly} />}
        {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
        {saveError !== null && <Alert type="error" showIcon title={saveError} data-testid="calendar-error" />}
        {!loading && holidays === 0 && (
          <Alert type="warning" showIcon title={format(k.empty, { year })} data-testid="calendar-empty" />
        )}
        {(data?.missingYears ?? [])
          .filter((missing) => missing !== year)
          .map((missing) => (
            <Alert
              key={missing}
              type="warning"
              showIcon
              title={format(k.missingYear, { year: missing })}
              action={
                <Button size="small" onClick={() => setYear(missing)} data-testid={`calendar-goto-${missing}`}>
                  {format(k.openYear, { year: missing })}
                </Button>
              }
              data-testid="calendar-missing-year"
            />
          ))}
        {data?.notice != null && (
          <Alert
            type="info"
            showIcon
            title={format(k.notice, { title: data.notice.title, date: data.notice.published })}
            description={k.noticeHint}
            action={
              canManage && (
                <Button
                  size="small"
                  onClick={() => loadNotice(data.notice?.entries ?? [])}
                  data-testid="calendar-load-notice"
                >
                  {k.loadNotice}
                </Button>
              )
            }
            data-testid="calendar-notice"
          />
        )}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">
            {format(k.count, { holidays, workdays: rows.length - holidays })}
          </Typography.Text>
          {canManage && (
            <Flex gap={8} align="center">
              {dirty && <Tag color="orange">{k.unsaved}</Tag>}
              <Button icon={<PlusOutlined />} onClick={addRow} data-testid="calendar-add">
                {k.addRow}
              </Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={!dirty || problems.size > 0}
                onClick={() => void save()}
                data-testid="calendar-save"
              >
                {k.save}
              </Button>
            </Flex>
          )}
        </Flex>
        <DataTable<EntryRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          data-testid="calendar-table"
        />
      </Flex>
    </Card>
  );
}
