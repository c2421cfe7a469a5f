import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Select, Space, Table, Tag, Typography, DatePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { addCalendarDays } from '../../../../common/domain/calendar.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { DutySlot, RosterWeekView, ShiftInput, SwapView } from '../../../../common/schemas/duty.ts';
import { decideSwap, getRoster, requestSwap, saveRoster } from '../../api/duty.ts';
import { listUnits } from '../../api/unit.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Shift = RosterWeekView['shifts'][number];
type Row = {
  key: string;
  id?: string;
  range: [Dayjs, Dayjs] | null;
  leaderId: string | null;
  officerId: string | null;
  phone: string;
};

const loadUnits = () => listUnits(false);

function rowOf(shift: Shift): Row {
  return {
    key: shift.id,
    id: shift.id,
    range: [dayjs(shift.startAt), dayjs(shift.endAt)],
    leaderId: shift.leader.id,
    officerId: shift.officer.id,
    phone: shift.phone,
  };
}

/**
 * The shifts the week's editor holds: those starting within the week (Monday 00:00 in China). The
 * view also lists the night shift reaching in from the Sunday before; that one belongs to its week.
 */
function shiftsOfWeek(roster: RosterWeekView): Shift[] {
  const weekStartsAt = new Date(`${roster.weekStart}T00:00:00+08:00`).toISOString();
  return roster.shifts.filter((s) => s.startAt >= weekStartsAt);
}

/** Day (08:00–20:00) and night (20:00–08:00) shifts over the week, in China time (UTC+8). */
function weekPattern(weekStart: string, template: Row | undefined): Row[] {
  return Array.from({ length: 7 }).flatMap((_, i) => {
    const date = addCalendarDays(weekStart, i);
    const next = addCalendarDays(weekStart, i + 1);
    const base = {
      leaderId: template?.leaderId ?? null,
      officerId: template?.officerId ?? null,
      phone: template?.phone ?? '',
    };
    return [
      { key: `d${date}`, range: [dayjs(`${date}T08:00:00+08:00`), dayjs(`${date}T20:00:00+08:00`)], ...base },
      { key: `n${date}`, range: [dayjs(`${date}T20:00:00+08:00`), dayjs(`${next}T08:00:00+08:00`)], ...base },
    ] as Row[];
  });
}

/**
 * 值班排班: a unit's week of shifts (leader on duty, officer on duty, duty phone), the sensitive
 * periods that need 24-hour duty and any hour left uncovered, the swap requests; the office edits
 * the week as a whole, and whoever is on a shift asks to swap it.
 */
export function RosterPage() {
  const t = useT();
  const d = t.duty;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { user } = useSession();
  const units = useLoader(loadUnits);
  const [unitId, setUnitId] = useState(user.unitId);
  const [weekStart, setWeekStart] = useState<string | undefined>(undefined);
  const load = useCallback(
    () => getRoster({ unitId, ...(weekStart === undefined ? {} : { weekStart }) }),
    [unitId, weekStart],
  );
  const roster = useLoader(load);
  const [editing, setEditing] = useState<Row[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [swapping, setSwapping] = useState<Shift | null>(null);
  const data = roster.data;

  const names = new Map(
    [...(data?.candidates.leaders ?? []), ...(data?.candidates.officers ?? [])].map((p) => [p.id, p.name]),
  );
  const columns: TableColumnsType<Shift> = [
    { title: d.start, key: 'start', render: (_, s) => formatDateTime(s.startAt, locale) },
    { title: d.end, key: 'end', render: (_, s) => formatDateTime(s.endAt, locale) },
    { title: d.leader, key: 'leader', render: (_, s) => s.leader.name },
    { title: d.officer, key: 'officer', render: (_, s) => s.officer.name },
    { title: d.phone, key: 'phone', dataIndex: 'phone', responsive: ['md'] },
    {
      title: d.handover,
      key: 'handover',
      render: (_, s) =>
        s.handover === null ? (
          s.mayRequestSwap ? (
            <Button size="small" onClick={() => setSwapping(s)} data-testid={`duty-swap-${s.id}`}>
              {d.requestSwap}
            </Button>
          ) : null
        ) : (
          <Tag>{d.handedOver}</Tag>
        ),
    },
  ];

  const save = async () => {
    if (editing === null || data === undefined) return;
    setSaving(true);
    setEditError(null);
    try {
      const shifts: ShiftInput[] = editing.map((row) => ({
        ...(row.id === undefined ? {} : { id: row.id }),
        startAt: row.range?.[0].toISOString() ?? '',
        endAt: row.range?.[1].toISOString() ?? '',
        leaderId: row.leaderId ?? '',
        officerId: row.officerId ?? '',
        phone: row.phone,
      }));
      await saveRoster({ unitId: data.unit.id, weekStart: data.weekStart, shifts });
      setEditing(null);
      roster.reload();
      void message.success(d.rosterSaved);
    } catch (caught) {
      setEditError(errorText(t, caught, locale));
    } finally {
      setSaving(false);
    }
  };

  const patch = (key: string, change: Partial<Row>) =>
    setEditing((rows) => rows?.map((r) => (r.key === key ? { ...r, ...change } : r)) ?? null);

  return (
    <Flex vertical gap={16}>
      <Card
        title={d.nav.roster}
        extra={
          data?.mayManage === true && (
            <Button
              type="primary"
              onClick={() => setEditing(shiftsOfWeek(data).map(rowOf))}
              data-testid="duty-edit-roster"
            >
              {d.editRoster}
            </Button>
          )
        }
      >
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <div style={{ minWidth: 220 }}>
            <UnitTreeSelect
              units={units.data ?? []}
              value={unitId}
              onChange={(v) => v !== undefined && setUnitId(v)}
              activeOnly
            />
          </div>
          <Space.Compact>
            <Button onClick={() => data && setWeekStart(addCalendarDays(data.weekStart, -7))}>{d.prevWeek}</Button>
            <DatePicker
              picker="week"
              allowClear={false}
              value={data === undefined ? null : dayjs(data.weekStart)}
              onChange={(value: Dayjs | null) => {
                if (value !== null) setWeekStart(value.format('YYYY-MM-DD'));
              }}
            />
            <Button onClick={() => data && setWeekStart(addCalendarDays(data.weekStart, 7))}>{d.nextWeek}</Button>
          </Space.Compact>
          <Button type="link" onClick={() => setWeekStart(undefined)}>
            {d.thisWeek}
          </Button>
        </Flex>
        {roster.error !== null && <Alert type="error" title={errorText(t, roster.error, locale)} />}
        {data !== undefined && data.sensitivePeriods.length > 0 && (
          <Alert
            type="warning"
            style={{ marginBottom: 8 }}
            title={format(d.sensitive, {
              names: data.sensitivePeriods.map((p) => `${p.name}（${p.startDate}～${p.endDate}）`).join('、'),
            })}
          />
        )}
        {data !== undefined && data.gaps.length > 0 && (
          <Alert
            type="error"
            style={{ marginBottom: 8 }}
            data-testid="duty-gaps"
            title={format(d.gaps, {
              ranges: data.gaps
                .map((g) => `${formatDateTime(g.startAt, locale)}–${formatDateTime(g.endAt, locale)}`)
                .join('、'),
            })}
          />
        )}
        <Table<Shift>
          rowKey="id"
          size="small"
          loading={roster.loading}
          columns={columns}
          dataSource={data?.shifts ?? []}
          pagination={false}
          locale={{ emptyText: d.noShifts }}
          scroll={{ x: true }}
        />
      </Card>

      <Card title={d.swaps} size="small">
        {data?.swaps.length === 0 && <Typography.Text type="secondary">{d.noSwaps}</Typography.Text>}
        <Flex vertical gap={8}>
          {data?.swaps.map((swap) => (
            <SwapLine key={swap.id} swap={swap} onDecided={() => roster.reload()} />
          ))}
        </Flex>
      </Card>

      <Modal
        open={editing !== null}
        title={`${d.editRoster} · ${data?.unit.name ?? ''} · ${data?.weekStart ?? ''}`}
        width={1100}
        okText={d.saveRoster}
        okButtonProps={{ loading: saving, ...({ 'data-testid': 'duty-save-roster' } as object) }}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editError !== null && (
          <Alert type="error" title={editError} style={{ marginBottom: 8 }} data-testid="duty-roster-error" />
        )}
        <Flex gap={8} style={{ marginBottom: 8 }}>
          <Button
            onClick={() =>
              setEditing((rows) => [
                ...(rows ?? []),
                {
                  key: `new${Date.now()}`,
                  range: null,
                  leaderId: null,
                  officerId: null,
                  phone: rows?.at(-1)?.phone ?? '',
                },
              ])
            }
          >
            {d.addShift}
          </Button>
          <Button
            onClick={() => data && setEditing(weekPattern(data.weekStart, editing?.[0]))}
            data-testid="duty-fill-week"
          >
            {d.fillPattern}
          </Button>
        </Flex>
        <Flex vertical gap={6}>
          {editing?.map((row) => (
            <Flex key={row.key} gap={6} wrap align="center">
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={row.range}
                onChange={(range) => patch(row.key, { range: range?.[0] && range[1] ? [range[0], range[1]] : null })}
              />
              <Select<string | null>
                style={{ width: 140 }}
                placeholder={d.leader}
                value={row.leaderId}
                onChange={(leaderId) => patch(row.key, { leaderId })}
                options={data?.candidates.leaders.map((p) => ({ value: p.id, label: p.name })) ?? []}
              />
              <Select<string | null>
                style={{ width: 140 }}
                placeholder={d.officer}
                value={row.officerId}
                onChange={(officerId) => patch(row.key, { officerId })}
                options={data?.candidates.officers.map((p) => ({ value: p.id, label: p.name })) ?? []}
              />
              <Input
                style={{ width: 150 }}
                placeholder={d.phone}
                value={row.phone}
                onChange={(e) => patch(row.key, { phone: e.target.value })}
              />
              <Button
                danger
                type="link"
                onClick={() => setEditing((rows) => rows?.filter((r) => r.key !== row.key) ?? null)}
              >
                {d.removeShift}
              </Button>
            </Flex>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {[...names.values()].length > 0 ? `${d.dayShift} / ${d.nightShift}` : ''}
        </Typography.Text>
      </Modal>

      <SwapModal
        shift={swapping}
        roster={data}
        onClose={() => setSwapping(null)}
        onDone={() => {
          setSwapping(null);
          roster.reload();
        }}
      />
    </Flex>
  );
}

function SwapLine({ swap, onDecided }: { swap: SwapView; onDecided: () => void }) {
  const t = useT();
  const d = t.duty;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const decide = async (decision: 'approve' | 'refuse') => {
    try {
      await decideSwap(swap.id, decision);
      onDecided();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    }
  };
  return (
    <Flex gap={8} wrap align="center" data-testid={`duty-swap-line-${swap.id}`}>
      <Tag color={swap.state === 'pending' ? 'processing' : swap.state === 'approved' ? 'success' : 'default'}>
        {d.swapStates[swap.state]}
      </Tag>
      <Typography.Text>
        {formatDateTime(swap.shiftStartAt, locale)} ·{' '}
        {format(d.swapSent, {
          requester: swap.requestedByName,
          slot: d.slots[swap.slot],
          colleague: swap.colleagueName,
        })}
      </Typography.Text>
      <Typography.Text type="secondary">{swap.reason}</Typography.Text>
      {swap.actions.includes('approve') && (
        <Button size="small" type="primary" onClick={() => void decide('approve')}>
          {d.approve}
        </Button>
      )}
      {swap.actions.includes('refuse') && (
        <Button size="small" onClick={() => void decide('refuse')}>
          {d.refuse}
        </Button>
      )}
    </Flex>
  );
}

function SwapModal({
  shift,
  roster,
  onClose,
  onDone,
}: {
  shift: Shift | null;
  roster: RosterWeekView | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const d = t.duty;
  const { locale } = useLocale();
  const { user } = useSession();
  const { message } = App.useApp();
  const mySlot: DutySlot = shift?.leader.id === user.id ? 'leader' : 'officer';
  const [colleagueId, setColleagueId] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const people = mySlot === 'leader' ? roster?.candidates.leaders : roster?.candidates.officers;
  return (
    <Modal
      open={shift !== null}
      title={d.requestSwap}
      okButtonProps={{ disabled: colleagueId === undefined || reason.trim() === '' }}
      onCancel={onClose}
      onOk={() => {
        if (shift === null || colleagueId === undefined) return;
        requestSwap(shift.id, { slot: mySlot, colleagueId, reason: reason.trim() }).then(
          () => {
            void message.success(d.swapRequested);
            onDone();
          },
          (caught: unknown) => void message.error(errorText(t, caught, locale)),
        );
      }}
      destroyOnHidden
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          {d.swapSlot}：{d.slots[mySlot]}
        </Typography.Text>
        <Select
          placeholder={d.colleague}
          value={colleagueId}
          onChange={setColleagueId}
          options={(people ?? []).filter((p) => p.id !== user.id).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Input.TextArea
          rows={2}
          placeholder={d.reason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Flex>
    </Modal>
  );
}
