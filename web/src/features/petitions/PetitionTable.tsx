import { Alert, Flex, Tooltip, Typography, type TableColumnsType } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import {
  PETITION_SEARCH_HIT_CAP,
  type PetitionListView,
  type PetitionSummaryView,
} from '../../../../common/schemas/petition.ts';
import { CellText } from '../../components/CellText.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { formatDate, formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RiskTag } from '../warnings/RiskTag.tsx';
import { DueDate } from './DueDate.tsx';
import { PAGE_SIZES } from './list-search.ts';
import { listTotalText } from './list-total.ts';
import { PetitionTitleCell } from './PetitionTitleCell.tsx';
import { PetitionStateTag } from './PetitionStateTag.tsx';

type Props = {
  view: PetitionListView | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (petition: PetitionSummaryView) => void;
};

/**
 * One page of petitions from the server, one line per case, for officers who scan them all day:
 * the title takes the free width; the columns of less use in a scan (信访形式, 类别) show only on
 * very wide screens, and on a phone every row is a card. A click on a row opens the case.
 */
export function PetitionTable({ view, loading, onPage, onOpen }: Props) {
  const t = useT();
  const p = t.petitions;
  const { locale } = useLocale();
  const none = t.common.none;
  const columns: TableColumnsType<PetitionSummaryView> = [
    {
      title: p.caseNumber,
      key: 'caseNumber',
      width: 112,
      render: (_, row) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
          {row.caseNumber}
        </Typography.Text>
      ),
    },
    { title: p.caseTitle, key: 'title', render: (_, row) => <PetitionTitleCell row={row} /> },
    { title: p.state, key: 'state', width: 104, render: (_, row) => <PetitionStateTag state={row.state} /> },
    {
      title: t.warnings.level,
      key: 'risk',
      width: 80,
      render: (_, row) => (row.risk.level === 'none' ? null : <RiskTag risk={row.risk} />),
    },
    { title: p.channel, key: 'channel', width: 84, responsive: ['xxl'], render: (_, row) => p.channels[row.channel] },
    { title: p.type, key: 'type', width: 100, responsive: ['xxl'], render: (_, row) => p.types[row.type] },
    {
      title: p.categoryCode,
      key: 'category',
      width: 140,
      responsive: ['lg'],
      render: (_, row) => <CellText text={row.categoryName ?? none} />,
    },
    {
      title: p.handlingUnit,
      key: 'unit',
      width: 128,
      render: (_, row) => <CellText text={row.handlingUnitName ?? none} />,
    },
    { title: p.owner, key: 'owner', width: 72, render: (_, row) => <CellText text={row.ownerName ?? none} /> },
    {
      title: p.received,
      key: 'received',
      width: 96,
      render: (_, row) => (
        <Tooltip title={formatDateTime(row.receivedAt, locale)}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.receivedAt)}</span>
        </Tooltip>
      ),
    },
    { title: p.due, key: 'due', width: 96, render: (_, row) => <DueDate dueDate={row.dueDate} /> },
  ];
  // Past the count's cap the server stops counting: the pager reaches the pages counted, and the
  // total says "more than" (超过 10,000 件) instead of a number it does not know.
  const number = (n: number) => n.toLocaleString(locale);
  const table = (
    <DataTable<PetitionSummaryView>
      rowKey="id"
      size="small"
      tableLayout="fixed"
      columns={columns}
      cardTitleKey="title"
      dataSource={view?.items ?? []}
      loading={loading}
      onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } })}
      pagination={{
        current: view?.page ?? 1,
        pageSize: view?.pageSize ?? 20,
        total: view?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [...PAGE_SIZES],
        showTotal: (total) => listTotalText(t, locale, view ?? { totalCapped: false, searchLimited: false }, total),
        onChange: onPage,
      }}
      data-testid="petition-table"
    />
  );
  if (view?.searchLimited !== true) return table;
  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        data-testid="search-limited"
        title={format(p.searchLimited, { hits: number(PETITION_SEARCH_HIT_CAP), total: number(view.total) })}
      />
      {table}
    </Flex>
  );
}
