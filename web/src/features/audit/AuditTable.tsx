import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import type { AuditEntryView } from '../../../../common/schemas/audit.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { AuditChange } from './AuditChange.tsx';
import { entityNameOf, labelOr } from './audit-labels.ts';

type Props = { entries: readonly AuditEntryView[]; loading: boolean };

/** Audit entries, newest first; a row expands to show the state before and after. */
export function AuditTable({ entries, loading }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const columns: TableColumnsType<AuditEntryView> = [
    { title: t.audit.seq, dataIndex: 'seq', key: 'seq', width: 80 },
    {
      title: t.audit.at,
      dataIndex: 'at',
      key: 'at',
      width: 180,
      render: (_, entry) => formatDateTime(entry.at, locale),
    },
    {
      title: t.audit.actor,
      key: 'actor',
      render: (_, entry) => entry.actorName ?? <Typography.Text type="secondary">{t.audit.system}</Typography.Text>,
    },
    {
      title: t.audit.action,
      dataIndex: 'action',
      key: 'action',
      render: (_, entry) => (
        <Tooltip title={entry.action}>
          <Tag color={entry.action.endsWith('failed') || entry.action.endsWith('lock') ? 'warning' : 'default'}>
            {labelOr(t.audit.actions, entry.action)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t.audit.entity,
      key: 'entity',
      render: (_, entry) => (
        <Typography.Text>
          {labelOr(t.audit.entityTypes, entry.entityType)} {entityNameOf(entry) ?? ''}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: entry.entityId }}>
            {entry.entityId}
          </Typography.Text>
        </Typography.Text>
      ),
    },
  ];
  return (
    <DataTable<AuditEntryView>
      rowKey="seq"
      size="small"
      columns={columns}
      cardTitleKey="action"
      dataSource={[...entries]}
      loading={loading}
      pagination={false}
      scroll={{ x: 760 }}
      expandable={{ expandedRowRender: (entry) => <AuditChange before={entry.before} after={entry.after} /> }}
      data-testid="audit-table"
    />
  );
}
