import { useCallback } from 'react';
import { Alert, Button, Card, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import { listPetitions } from '../../api/petition.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { DueDate } from '../petitions/DueDate.tsx';
import { deadlineKindLabel, urgencyOf, type Urgency } from '../petitions/petition-labels.ts';
import { PetitionTitleCell } from '../petitions/PetitionTitleCell.tsx';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';

const TODO_PAGE_SIZE = 50;
const URGENCY_RANK: Record<Urgency, number> = { overdue: 0, soon: 1, normal: 2 };
const URGENCY_COLORS: Record<Urgency, string> = { overdue: 'error', soon: 'warning', normal: 'default' };

type Row = PetitionSummaryView & { urgency: Urgency };

/** 我的待办: the open cases of my scope, most urgent first, tagged overdue / due soon / normal. */
export function TodoList() {
  const t = useT();
  const w = t.work;
  const p = t.petitions;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const load = useCallback(
    () => listPetitions({ open: 'true', sort: 'due_asc', page: 1, pageSize: TODO_PAGE_SIZE }),
    [],
  );
  const petitions = useLoader(load);

  const rows: Row[] = (petitions.data?.items ?? [])
    .map((item) => ({ ...item, urgency: urgencyOf(item.dueDate) }))
    .sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency]);
  const urgencyText: Record<Urgency, string> = { overdue: w.overdue, soon: w.dueSoon, normal: w.normal };
  const count = (urgency: Urgency) => rows.filter((row) => row.urgency === urgency).length;

  const columns: TableColumnsType<Row> = [
    {
      title: w.urgency,
      key: 'urgency',
      width: 90,
      render: (_, row) => <Tag color={URGENCY_COLORS[row.urgency]}>{urgencyText[row.urgency]}</Tag>,
    },
    {
      title: p.caseNumber,
      key: 'caseNumber',
      width: 118,
      render: (_, row) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
          {row.caseNumber}
        </Typography.Text>
      ),
    },
    // One line per case, the title taking the free width, as in the petition list.
    { title: p.caseTitle, key: 'title', render: (_, row) => <PetitionTitleCell row={row} /> },
    { title: p.state, key: 'state', width: 104, render: (_, row) => <PetitionStateTag state={row.state} /> },
    { title: w.dueKind, key: 'dueKind', width: 96, render: (_, row) => deadlineKindLabel(t, row.dueKind) },
    { title: p.dueDate, key: 'due', width: 100, render: (_, row) => <DueDate dueDate={row.dueDate} /> },
  ];

  return (
    <Card
      size="small"
      title={w.todoTitle}
      extra={
        <Button
          size="small"
          type="text"
          icon={<ReloadOutlined />}
          onClick={petitions.reload}
          loading={petitions.loading}
          aria-label={t.common.refresh}
        />
      }
    >
      {petitions.error !== null && (
        <Alert type="error" showIcon title={errorText(t, petitions.error, locale)} style={{ marginBottom: 12 }} />
      )}
      {petitions.data !== undefined && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {format(w.todoSummary, { total: petitions.data.total, overdue: count('overdue'), soon: count('soon') })}
        </Typography.Paragraph>
      )}
      <DataTable<Row>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        columns={columns}
        cardTitleKey="title"
        dataSource={rows}
        loading={petitions.loading}
        pagination={false}
        locale={{ emptyText: w.todoEmpty }}
        rowClassName={(row) => `todo-${row.urgency}`}
        onRow={(row) => ({ onClick: () => void navigate(petitionPath(row.id)), style: { cursor: 'pointer' } })}
        data-testid="todo-list"
      />
    </Card>
  );
}
