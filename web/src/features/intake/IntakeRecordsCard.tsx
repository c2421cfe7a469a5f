import { useCallback } from 'react';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { listCallsOfPetition } from '../../api/call-record.ts';
import { listVisitsOfPetition } from '../../api/visit-record.ts';
import { CALL_RECORDS_PATH, visitRecordPrintPath } from '../../app/paths.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CallerNumber } from '../call-records/CallerNumber.tsx';
import { durationText } from '../call-records/call-format.ts';

/**
 * 来访与来电 on the case page: the visits on the case (with the transcript's confirmation and its
 * print view) and the calls it came from or that were about it — the case's side of the link.
 * Nothing is shown for a case that has neither.
 */
export function IntakeRecordsCard({ petitionId, version }: { petitionId: string; version: number }) {
  const t = useT();
  const v = t.intake.visit;
  const c = t.intake.call;
  const { locale } = useLocale();
  // Read again with each new version of the case: a visit or call recorded on it is an event.
  const load = useCallback(
    () => Promise.all([listVisitsOfPetition(petitionId), listCallsOfPetition(petitionId)]),
    // `version` is not read: a new version of the case asks again.
    [petitionId, version],
  );
  const loaded = useLoader(load);
  const [visits, calls] = loaded.data ?? [{ items: [] }, []];
  if (visits.items.length === 0 && calls.length === 0) return null;
  return (
    <Card size="small" title={v.intakeCard} data-testid="intake-records">
      <Flex vertical gap={12}>
        {visits.items.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{v.visits}</Typography.Text>}
            dataSource={visits.items}
            renderItem={(visit) => (
              <List.Item
                key={visit.id}
                actions={[
                  <a key="print" href={visitRecordPrintPath(visit.id)} target="_blank" rel="noopener">
                    {v.printTranscript}
                  </a>,
                ]}
              >
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {format(v.visitLine, {
                      from: formatDateTime(visit.arrivedAt, locale),
                      to: formatDateTime(visit.leftAt, locale),
                      headcount: visit.headcount,
                      receivedBy: visit.receivedByName,
                    })}
                  </Typography.Text>
                  <span>
                    <Tag color={visit.confirmation === null ? 'warning' : 'success'} data-testid="intake-visit-status">
                      {visit.confirmation === null ? v.status.pending : v.status[visit.confirmation.method]}
                    </Tag>
                  </span>
                </Flex>
              </List.Item>
            )}
          />
        )}
        {calls.length > 0 && (
          <List
            size="small"
            header={<Typography.Text strong>{v.calls}</Typography.Text>}
            dataSource={calls}
            renderItem={(call) => (
              <List.Item
                key={call.id}
                actions={[
                  <a key="list" href={`${CALL_RECORDS_PATH}?callback=all`}>
                    {c.title}
                  </a>,
                ]}
              >
                <Flex vertical gap={2} data-testid="intake-call">
                  <Flex wrap gap={8} align="center">
                    <Typography.Text>{formatDateTime(call.calledAt, locale)}</Typography.Text>
                    <Typography.Text type="secondary">{durationText(t, call.durationSeconds)}</Typography.Text>
                    {call.callerName !== null && <Typography.Text>{call.callerName}</Typography.Text>}
                    <CallerNumber call={call} />
                    <Tag>{c.status[call.callback.status]}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">{call.summary}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Flex>
    </Card>
  );
}
