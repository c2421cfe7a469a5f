import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Segmented,
  Tag,
  Typography,
} from 'antd';
import { Link, useSearchParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import {
  DUTY_ENTRY_KINDS,
  type DutyEntryKind,
  type DutyEntryView,
  type DutyLogView,
} from '../../../../common/schemas/duty.ts';
import { addDutyEntry, getDutyLog, handOver } from '../../api/duty.ts';
import { DUTY_LOG_PATH, petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { EntryToPetitionModal } from './EntryToPetitionModal.tsx';
import { ActivatePlanModal } from '../emergency/ActivatePlanModal.tsx';
import { useReach } from '../../app/session-context.ts';

const KIND_COLORS: Record<DutyEntryKind, string> = {
  call: 'blue',
  visit: 'purple',
  event: 'orange',
  instruction: 'red',
};

/**
 * 值班日志 of the shift on duty now at my unit (or the one in `?shift=`): the previous shift's
 * handover on top, the entries as they happen (a call or visit turned into a petition in one
 * step), and the handover that closes the shift. Phone-first: one column.
 */
export function DutyLogPage() {
  const [params] = useSearchParams();
  const shiftId = params.get('shift') ?? undefined;
  // A new shift opened from the handover starts with fresh state.
  return <DutyLog key={shiftId ?? 'now'} shiftId={shiftId} />;
}

function DutyLog({ shiftId }: { shiftId: string | undefined }) {
  const t = useT();
  const d = t.duty;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => getDutyLog(shiftId), [shiftId]);
  const log = useLoader(load);
  const [view, setView] = useState<DutyLogView | null>(null);
  const current = view ?? log.data ?? null;
  const [kind, setKind] = useState<DutyEntryKind>('call');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [converting, setConverting] = useState<DutyEntryView | null>(null);
  // A call or event that is the start of a mass incident: the leader on duty starts the plan from it.
  const canActivate = useReach('emergency.activate') !== 'none';
  const [activating, setActivating] = useState<DutyEntryView | null>(null);

  if (log.error !== null) return <Alert type="error" title={errorText(t, log.error, locale)} />;
  if (current === null) return <Card loading />;
  const shift = current.shift;
  if (shift === null)
    return (
      <Card title={d.log.title}>
        <Empty description={d.log.noShift} />
      </Card>
    );

  // A shift not yet begun takes no entries (their time lies within the shift, and it has not come).
  const started = Date.parse(shift.startAt) <= Date.now();

  const run = async (action: () => Promise<DutyLogView>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      setView(await action());
      void message.success(done);
      return true;
    } catch (caught) {
      setError(errorText(t, caught, locale));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Card
        size="small"
        title={
          <span data-testid="duty-shift-title">
            {format(d.log.shiftTitle, {
              unit: shift.unit.name,
              start: formatDateTime(shift.startAt, locale),
              end: formatDateTime(shift.endAt, locale),
            })}
          </span>
        }
        extra={
          shift.handover !== null ? (
            <Tag>{d.handedOver}</Tag>
          ) : started ? (
            <Tag color="green">{d.open}</Tag>
          ) : (
            <Tag color="blue">{d.upcoming}</Tag>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={d.leader}>{shift.leader.name}</Descriptions.Item>
          <Descriptions.Item label={d.officer}>{shift.officer.name}</Descriptions.Item>
          <Descriptions.Item label={d.phone}>{shift.phone}</Descriptions.Item>
        </Descriptions>
        {current.previousHandover !== null && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            data-testid="duty-previous-handover"
            title={`${d.log.previousHandover}${current.previousHandover.note}`}
            description={`${current.previousHandover.byName} · ${formatDateTime(current.previousHandover.at, locale)}`}
          />
        )}
      </Card>

      {error !== null && <Alert type="error" title={error} closable={{ onClose: () => setError(null) }} />}

      {current.mayLog && started && (
        <Card size="small" title={d.log.addEntry}>
          <Form layout="vertical" onFinish={() => undefined}>
            <Form.Item label={d.log.entryKind}>
              <Segmented
                block
                value={kind}
                onChange={(value) => setKind(value)}
                options={DUTY_ENTRY_KINDS.map((k) => ({ value: k, label: d.kinds[k] }))}
                data-testid="duty-entry-kind"
              />
            </Form.Item>
            <Form.Item label={d.log.entryText}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="duty-entry-text"
              />
            </Form.Item>
            <Button
              type="primary"
              loading={busy}
              disabled={text.trim() === ''}
              data-testid="duty-entry-add"
              onClick={() =>
                void run(() => addDutyEntry(shift.id, { kind, text: text.trim() }), d.log.entryAdded).then((ok) => {
                  if (ok) setText('');
                })
              }
            >
              {d.log.addEntry}
            </Button>
          </Form>
        </Card>
      )}

      <Card size="small" title={d.log.title}>
        <List
          dataSource={current.entries}
          locale={{ emptyText: d.log.empty }}
          renderItem={(entry) => (
            <List.Item
              data-testid={`duty-entry-${entry.id}`}
              actions={[
                entry.petition !== null ? (
                  <Link key="case" to={petitionPath(entry.petition.id)} data-testid={`duty-entry-case-${entry.id}`}>
                    {entry.petition.caseNumber}
                  </Link>
                ) : entry.actions.includes('petition') ? (
                  <Button
                    key="petition"
                    size="small"
                    onClick={() => setConverting(entry)}
                    data-testid={`duty-entry-to-petition-${entry.id}`}
                  >
                    {d.log.toPetition}
                  </Button>
                ) : null,
                canActivate && shift.handover === null ? (
                  <Button
                    key="activate"
                    size="small"
                    danger
                    onClick={() => setActivating(entry)}
                    data-testid={`duty-entry-activate-${entry.id}`}
                  >
                    {t.emergency.activate}
                  </Button>
                ) : null,
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <Tag color={KIND_COLORS[entry.kind]}>{d.kinds[entry.kind]}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(entry.occurredAt, locale)} · {entry.recordedByName}
                    </Typography.Text>
                  </Flex>
                }
                description={<Typography.Text>{entry.text}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      </Card>

      {shift.handover !== null ? (
        <Alert
          type="success"
          title={d.log.closed}
          description={shift.handover.note}
          data-testid="duty-handed-over"
          action={
            current.next !== null && (
              <Link to={`${DUTY_LOG_PATH}?shift=${encodeURIComponent(current.next.id)}`} data-testid="duty-open-next">
                {format(d.log.openNext, {
                  time: formatDateTime(current.next.startAt, locale),
                  leader: current.next.leaderName,
                })}
              </Link>
            )
          }
        />
      ) : (
        current.mayLog && (
          <Card size="small" title={d.handover}>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={d.log.handoverNote}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="duty-handover-note"
            />
            <Button
              style={{ marginTop: 8 }}
              loading={busy}
              disabled={note.trim() === ''}
              data-testid="duty-handover"
              onClick={() => void run(() => handOver(shift.id, note.trim()), d.log.handoverDone)}
            >
              {d.handover}
            </Button>
          </Card>
        )
      )}

      {activating !== null && (
        <ActivatePlanModal open onClose={() => setActivating(null)} source={{ kind: 'duty_log', id: activating.id }} />
      )}
      <EntryToPetitionModal
        entry={converting}
        onClose={() => setConverting(null)}
        onDone={(caseNumber) => {
          setConverting(null);
          void message.success(format(d.log.converted, { caseNumber }));
          log.reload();
          setView(null);
        }}
      />
    </Flex>
  );
}
