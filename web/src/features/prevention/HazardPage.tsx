import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Input, List, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { LEADER_ROLES } from '../../../../common/domain/access.ts';
import type { HazardView } from '../../../../common/schemas/prevention.ts';
import {
  addHazardNote,
  addMeasure,
  approveClearing,
  completeMeasure,
  getHazard,
  leadHazard,
  requestClearing,
  sendBackClearing,
} from '../../api/prevention.ts';
import { HAZARDS_PATH, petitionPath } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RISK_COLORS, STATE_COLORS } from './hazard-colors.ts';

/**
 * One hazard: what, where, who leads it, its measures (each with a deadline, marked done), progress
 * notes (append-only), and 销号 — asked with evidence, decided by the level above the owning level.
 */
export function HazardPage() {
  const t = useT();
  const p = t.prevention;
  const h = p.hazard;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useSession().user;
  const { id = '' } = useParams();
  const load = useCallback(() => getHazard(id), [id]);
  const hazard = useLoader(load);
  const [shown, setShown] = useState<HazardView | null>(null);
  const view = shown?.id === id ? shown : hazard.data;
  const [measureText, setMeasureText] = useState('');
  const [measureDue, setMeasureDue] = useState<Dayjs | null>(null);
  const [noteText, setNoteText] = useState('');
  const [evidence, setEvidence] = useState('');
  const [decisionText, setDecisionText] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (step: () => Promise<HazardView>, after?: () => void) => {
    setBusy(true);
    try {
      setShown(await step());
      after?.();
      void message.success(t.common.saved);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(false);
    }
  };

  if (view === undefined) {
    return (
      <Card loading={hazard.loading}>
        {hazard.error !== null && <Alert type="error" showIcon title={errorText(t, hazard.error, locale)} />}
      </Card>
    );
  }
  const can = (action: HazardView['actions'][number]) => view.actions.includes(action);
  const isLeader = (LEADER_ROLES as readonly string[]).includes(me.role);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            {view.title}
            <Tag color={RISK_COLORS[view.riskLevel]}>{p.riskLevels[view.riskLevel]}</Tag>
            <Tag color={STATE_COLORS[view.state]} data-testid="hazard-state">
              {p.states[view.state]}
            </Tag>
          </Flex>
        }
        extra={<Link to={HAZARDS_PATH}>{p.ledger}</Link>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={h.unit}>{view.unit.name}</Descriptions.Item>
          <Descriptions.Item label={h.location}>{view.location}</Descriptions.Item>
          <Descriptions.Item label={h.workersInvolved}>{view.workersInvolved}</Descriptions.Item>
          <Descriptions.Item label={h.foundDate}>{view.foundDate}</Descriptions.Item>
          <Descriptions.Item label={h.leadLeader}>
            <span data-testid="hazard-lead">{view.leadLeader?.name ?? t.common.none}</span>
          </Descriptions.Item>
          <Descriptions.Item label={h.responsibleDepartment}>
            {view.responsibleDepartment ?? t.common.none}
          </Descriptions.Item>
          <Descriptions.Item label={h.dueDate}>{view.dueDate ?? t.common.none}</Descriptions.Item>
          <Descriptions.Item label={h.campaign}>{view.campaign?.topic ?? t.common.none}</Descriptions.Item>
          {view.petitions.length > 0 && (
            <Descriptions.Item label={h.petitions}>
              <Flex gap={8} wrap>
                {view.petitions.map((link) => (
                  <Link key={link.id} to={petitionPath(link.id)}>
                    {link.caseNumber}（{h[link.relation]}）
                  </Link>
                ))}
              </Flex>
            </Descriptions.Item>
          )}
          {view.clearEvidence !== null && (
            <Descriptions.Item label={h.clearEvidence}>{view.clearEvidence}</Descriptions.Item>
          )}
        </Descriptions>
        {can('lead') && isLeader && view.leadLeader?.id !== me.id && (
          <Button
            style={{ marginTop: 12 }}
            loading={busy}
            onClick={() => void run(() => leadHazard(view.id, { leadLeaderId: me.id }))}
            data-testid="hazard-take-lead"
          >
            {h.takeLead}
          </Button>
        )}
      </Card>

      <Card title={h.measures} size="small">
        <List
          dataSource={view.measures}
          locale={{ emptyText: t.common.empty }}
          renderItem={(m) => (
            <List.Item
              actions={
                m.doneAt === null && can('manage')
                  ? [
                      <Button
                        key="done"
                        size="small"
                        onClick={() => void run(() => completeMeasure(view.id, m.id))}
                        data-testid={`measure-done-${m.id}`}
                      >
                        {h.measureDone}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex gap={8} wrap>
                <Typography.Text delete={m.doneAt !== null}>{m.text}</Typography.Text>
                <Typography.Text type={m.overdue ? 'danger' : 'secondary'}>{m.dueDate}</Typography.Text>
                {m.doneAt !== null && <Tag color="success">{h.done}</Tag>}
              </Flex>
            </List.Item>
          )}
        />
        {can('manage') && view.state === 'open' && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            <Input
              style={{ flex: 2, minWidth: 200 }}
              placeholder={h.measureText}
              value={measureText}
              onChange={(e) => setMeasureText(e.target.value)}
              data-testid="measure-text"
            />
            <DatePicker
              placeholder={h.measureDue}
              value={measureDue}
              onChange={setMeasureDue}
              data-testid="measure-due"
            />
            <Button
              disabled={measureText.trim() === '' || measureDue === null}
              loading={busy}
              onClick={() =>
                measureDue !== null &&
                void run(
                  () => addMeasure(view.id, { text: measureText.trim(), dueDate: measureDue.format('YYYY-MM-DD') }),
                  () => {
                    setMeasureText('');
                    setMeasureDue(null);
                  },
                )
              }
              data-testid="measure-add"
            >
              {h.addMeasure}
            </Button>
          </Flex>
        )}
      </Card>

      <Card title={h.notes} size="small">
        <Timeline
          items={view.notes.map((n) => ({
            key: n.id,
            children: (
              <Flex vertical>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.noteKinds[n.kind]} · {n.authorName} · {formatDateTime(n.at, locale)}
                </Typography.Text>
                <Typography.Text>{n.text}</Typography.Text>
              </Flex>
            ),
          }))}
        />
        {can('manage') && (
          <Flex gap={8}>
            <Input.TextArea
              autoSize={{ minRows: 1 }}
              placeholder={h.note}
              value={noteText}
              onChange={(e) => setNoteText(e.target.value)}
              data-testid="note-text"
            />
            <Button
              disabled={noteText.trim() === ''}
              loading={busy}
              onClick={() =>
                void run(
                  () => addHazardNote(view.id, noteText.trim()),
                  () => setNoteText(''),
                )
              }
              data-testid="note-add"
            >
              {h.addNote}
            </Button>
          </Flex>
        )}
      </Card>

      {(can('requestClear') || can('approveClear')) && (
        <Card title={can('approveClear') ? h.approveClear : h.requestClear} size="small">
          {can('requestClear') && (
            <Flex vertical gap={8}>
              <Input.TextArea
                autoSize={{ minRows: 2 }}
                placeholder={h.evidence}
                value={evidence}
                onChange={(e) => setEvidence(e.target.value)}
                data-testid="clear-evidence"
              />
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  void run(
                    () => requestClearing(view.id, evidence),
                    () => setEvidence(''),
                  )
                }
                data-testid="clear-request"
              >
                {h.requestClear}
              </Button>
            </Flex>
          )}
          {can('approveClear') && (
            <Flex vertical gap={8}>
              <Input.TextArea
                autoSize={{ minRows: 1 }}
                placeholder={h.sendBackReason}
                value={decisionText}
                onChange={(e) => setDecisionText(e.target.value)}
                data-testid="clear-decision-text"
              />
              <Flex gap={8}>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void run(() => approveClearing(view.id, decisionText.trim()))}
                  data-testid="clear-approve"
                >
                  {h.approveClear}
                </Button>
                <Button
                  danger
                  disabled={decisionText.trim() === ''}
                  loading={busy}
                  onClick={() => void run(() => sendBackClearing(view.id, decisionText.trim()))}
                  data-testid="clear-send-back"
                >
                  {h.sendBack}
                </Button>
              </Flex>
            </Flex>
          )}
        </Card>
      )}
    </Flex>
  );
}
