import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { AuditEntryView, AuditListView } from '../../../../common/schemas/audit.ts';
import { petitionPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { AuditChange } from './AuditChange.tsx';
import { entityNameOf, labelOr } from './audit-labels.ts';

type Props = { view: AuditListView | undefined; loading: boolean; onPage: (page: number) => void };

/** Audit entries, newest first, one server page at a time; a row expands to show the state before and after. */
export function AuditTable({ view, loading, onPage }: Props) {
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
          {labelOr(t.audit.entityTypes, entry.entityType)}{' '}
          {entry.caseNumber !== null && entry.petitionId !== null ? (
            <Link to={petitionPath(entry.petitionId)} data-testid="audit-case-number">
              {entry.caseNumber}
            </Link>
          ) : (
            (entityNameOf(entry) ?? '')
          )}
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
      dataSource={[...(view?.entries ?? [])]}
      loading={loading}
      pagination={{
        current: view?.page ?? 1,
        pageSize: view?.pageSize ?? 50,
        total: view?.total ?? 0,
        showSizeChanger: false,
        showTotal: (total) => format(t.audit.total, { total }),
        onChange: onPage,
      }}
      scroll={{ x: 760 }}
      expandable={{ expandedRowRender: (entry) => <AuditChange before={entry.before} after={entry.after} /> }}
      data-testid="audit-table"
    />
  );
}
