import { Card, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { DEADLINE_KINDS, type DeadlineKind } from '../../../../common/domain/deadlines.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { DueDate } from './DueDate.tsx';
import { urgencyColor } from './petition-labels.ts';

type Deadline = PetitionDetailView['deadlines'][number];

const STATUS_COLORS: Record<Deadline['status'], string> = {
  open: 'processing',
  met: 'success',
  met_late: 'warning',
  overdue: 'error',
};

function isDeadlineKind(kind: string): kind is DeadlineKind {
  return DEADLINE_KINDS.some((known) => known === kind);
}

/** Every time limit whose clock has started, with its status and days left. */
export function DeadlinesCard({ deadlines }: { deadlines: readonly Deadline[] }) {
  const t = useT();
  const p = t.petitions;
  const columns: TableColumnsType<Deadline> = [
    {
      title: p.deadlineKind,
      key: 'kind',
      render: (_, row) => (
        <>
          {isDeadlineKind(row.kind) ? p.deadlineKinds[row.kind] : row.kind}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.article}
          </Typography.Text>
        </>
      ),
    },
    {
      title: p.dueDate,
      key: 'due',
      render: (_, row) => (
        <DueDate
          dueDate={row.dueDate}
          daysLeft={row.status === 'open' || row.status === 'overdue' ? row.daysLeft : null}
          settled={row.status === 'met' || row.status === 'met_late'}
        />
      ),
    },
    {
      title: t.common.status,
      key: 'status',
      render: (_, row) => <Tag color={STATUS_COLORS[row.status]}>{p.deadlineStatus[row.status]}</Tag>,
    },
    {
      title: p.daysLeft,
      key: 'daysLeft',
      render: (_, row) => {
        if (row.daysLeft === null || row.status === 'met' || row.status === 'met_late') return t.common.none;
        const color = urgencyColor(row.daysLeft);
        const text =
          format(p.daysLeftValue, { days: row.daysLeft }) + (row.dayCount === 'working' ? ` · ${p.workingDays}` : '');
        return <Typography.Text style={color === undefined ? {} : { color }}>{text}</Typography.Text>;
      },
    },
  ];
  return (
    <Card size="small" title={p.deadlines}>
      <DataTable<Deadline>
        rowKey="kind"
        size="small"
        columns={columns}
        dataSource={[...deadlines]}
        pagination={false}
        scroll={{ x: 420 }}
        data-testid="petition-deadlines"
      />
    </Card>
  );
}
