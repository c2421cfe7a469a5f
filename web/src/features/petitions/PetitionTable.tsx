import { Marked } from '../../components/Marked.tsx';
import { Table, Typography, type TableColumnsType } from 'antd';
import { RiskTag } from '../warnings/RiskTag.tsx';
import type { PetitionListView, PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { DueDate } from './DueDate.tsx';
import { PetitionFlags } from './PetitionFlags.tsx';
import { PetitionStateTag } from './PetitionStateTag.tsx';

type Props = {
  view: PetitionListView | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (petition: PetitionSummaryView) => void;
};

/** One page of petitions from the server; a click on a row opens the case. */
export function PetitionTable({ view, loading, onPage, onOpen }: Props) {
  const t = useT();
  const p = t.petitions;
  const { locale } = useLocale();
  const columns: TableColumnsType<PetitionSummaryView> = [
    {
      title: p.caseNumber,
      dataIndex: 'caseNumber',
      key: 'caseNumber',
      width: 140,
      render: (_, row) => <Typography.Text code>{row.caseNumber}</Typography.Text>,
    },
    {
      title: p.caseTitle,
      key: 'title',
      render: (_, row) => (
        <>
          {row.highlight?.field === 'title' ? (
            <Typography.Text strong>
              <Marked highlight={row.highlight} />
            </Typography.Text>
          ) : (
            <Typography.Text strong>{row.title}</Typography.Text>
          )}{' '}
          <PetitionFlags flags={row.flags} />
          {row.highlight?.field === 'body' && (
            <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
              <Marked highlight={row.highlight} />
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: p.state, key: 'state', width: 110, render: (_, row) => <PetitionStateTag state={row.state} /> },
    { title: t.warnings.level, key: 'risk', width: 90, render: (_, row) => <RiskTag risk={row.risk} /> },
    { title: p.channel, key: 'channel', width: 90, render: (_, row) => p.channels[row.channel] },
    { title: p.type, key: 'type', width: 110, render: (_, row) => p.types[row.type] },
    { title: p.categoryCode, key: 'category', width: 180, render: (_, row) => row.categoryName ?? t.common.none },
    { title: p.handlingUnit, key: 'unit', render: (_, row) => row.handlingUnitName ?? t.common.none },
    { title: p.owner, key: 'owner', width: 100, render: (_, row) => row.ownerName ?? t.common.none },
    { title: p.received, key: 'received', width: 150, render: (_, row) => formatDateTime(row.receivedAt, locale) },
    { title: p.due, key: 'due', width: 120, render: (_, row) => <DueDate dueDate={row.dueDate} /> },
  ];
  return (
    <Table<PetitionSummaryView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={view?.items ?? []}
      loading={loading}
      scroll={{ x: 1000 }}
      onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } })}
      pagination={{
        current: view?.page ?? 1,
        pageSize: view?.pageSize ?? 20,
        total: view?.total ?? 0,
        showSizeChanger: true,
        onChange: onPage,
      }}
      data-testid="petition-table"
    />
  );
}
