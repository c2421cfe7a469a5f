import { useCallback, useState } from 'react';
import { App, Button, Empty, Flex, Input, List, Space, Tag, Typography } from 'antd';
import type { AccountabilityListQuery, AccountabilityView } from '../../../../common/schemas/accountability.ts';
import { listMeasures, measureDocumentUrl, measureDocxUrl, reportRectified } from '../../api/accountability.ts';
import { Link } from 'react-router';
import { personRecordPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const STATUS_COLOR = { open: 'processing', overdue: 'error', done: 'success', done_late: 'warning' } as const;

/**
 * 奖惩与问责 records (a unit's, a person's, or my own): the measure, its decision document, its basis and
 * the 整改 with its status — overdue in red — and, for the unit or person measured, the report of it done.
 */
export function MeasureList({ query, reloadKey = 0 }: { query: AccountabilityListQuery; reloadKey?: number }) {
  const t = useT();
  const m = t.accountability;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [done, setDone] = useState(0);
  const { unitId, userId, overdue } = query;
  const list = useLoader(
    useCallback(() => listMeasures({ unitId, userId, overdue }), [unitId, userId, overdue, reloadKey, done]),
  );
  const [notes, setNotes] = useState<Record<string, string>>({});

  const rectify = async (item: AccountabilityView) => {
    try {
      await reportRectified(item.id, notes[item.id] ?? '');
      void message.success(m.rectified);
      setDone((n) => n + 1);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    }
  };

  if (list.error !== null) return <Typography.Text type="danger">{errorText(t, list.error, locale)}</Typography.Text>;
  const items = list.data?.items ?? [];
  if (list.data !== undefined && items.length === 0) return <Empty description={m.none} />;
  return (
    <List<AccountabilityView>
      loading={list.data === undefined}
      dataSource={items}
      data-testid="measure-list"
      renderItem={(item) => (
        <List.Item>
          <Flex vertical gap={6} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={item.kind === 'commendation' ? 'success' : 'volcano'}>{m.kinds[item.kind]}</Tag>
              {item.subject.person === null ? (
                <Typography.Text strong>{item.subject.unit.name}</Typography.Text>
              ) : (
                // The person measured: his record (his measures, training and leader scores).
                <Link to={personRecordPath(item.subject.person.id)} data-testid="measure-person">
                  <Typography.Text strong>{`${item.subject.unit.name} ${item.subject.person.name}`}</Typography.Text>
                </Link>
              )}
              <a href={measureDocumentUrl(item.id)} target="_blank" rel="noreferrer" data-testid="measure-document">
                {item.documentNumber}
              </a>
              <a href={measureDocxUrl(item.id)}>{m.docx}</a>
              {item.rectification !== null && (
                <Tag color={STATUS_COLOR[item.rectification.status]} data-testid="measure-status">
                  {`${m.fields.rectifyDueDate} ${item.rectification.dueDate} · ${m.status[item.rectification.status]}`}
                </Tag>
              )}
            </Space>
            <Typography.Text type="secondary">
              {[
                item.basis.round === null
                  ? null
                  : `${item.basis.round.name}（${item.basis.round.period}）${item.basis.figureKey === null ? '' : t.figures.keys[item.basis.figureKey]}`,
                item.basis.petition?.caseNumber ?? (item.basis.hasPetition ? m.basisCaseHidden : null),
                item.basis.incident?.title ?? null,
              ]
                .filter((s) => s !== null)
                .join(' · ')}
              {` · ${item.decidedBy.unitName} ${item.decidedBy.name} ${formatDateTime(item.decidedAt, locale)}`}
            </Typography.Text>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{item.decision}</Typography.Paragraph>
            {item.rectification?.note != null && (
              <Typography.Text>{`${m.fields.rectifyNote}：${item.rectification.note}`}</Typography.Text>
            )}
            {item.can.rectify && (
              <Space.Compact style={{ maxWidth: 520 }}>
                <Input
                  placeholder={m.fields.rectifyNote}
                  value={notes[item.id] ?? ''}
                  onChange={(e) => setNotes({ ...notes, [item.id]: e.target.value })}
                />
                <Button onClick={() => void rectify(item)}>{m.rectify}</Button>
              </Space.Compact>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}
