import { useCallback } from 'react';
import { Alert, Button, Card, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { TodoItemView } from '../../../../common/schemas/todo.ts';
import { listTodos } from '../../api/todo.ts';
import { HOME_TODO_PAGE_SIZE } from '../../api/todo-query.ts';
import { petitionPath, TODOS_PATH } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { DueDate } from '../petitions/DueDate.tsx';
import { deadlineKindLabel, urgencyOf, type Urgency } from '../petitions/petition-labels.ts';
import { PetitionTitleCell } from '../petitions/PetitionTitleCell.tsx';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';

const URGENCY_COLORS: Record<Urgency, string> = { overdue: 'error', soon: 'warning', normal: 'default' };
const PAGE_SIZES = [20, 50, 100] as const;

type Props =
  /** The 工作台: the most urgent, with 查看全部 when there are more. */
  | { mode: 'home' }
  /** The full list, one page at a time (the page lives in the address). */
  | { mode: 'page'; page: number; pageSize: number; onPage: (page: number, pageSize: number) => void };

/**
 * 我的待办: the cases on which I must take the next step (docs/domain.md, "Who must act next"), most
 * urgent first as the server orders them, each with what I must do on it and how pressing it is.
 */
export function TodoList(props: Props) {
  const t = useT();
  const w = t.work;
  const p = t.petitions;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const page = props.mode === 'page' ? props.page : 1;
  const pageSize = props.mode === 'page' ? props.pageSize : HOME_TODO_PAGE_SIZE;
  const load = useCallback(() => listTodos(page, pageSize), [page, pageSize]);
  const todos = useLoader(load);
  const view = todos.data;
  const urgencyText: Record<Urgency, string> = { overdue: w.overdue, soon: w.dueSoon, normal: w.normal };

  const columns: TableColumnsType<TodoItemView> = [
    {
      title: w.urgency,
      key: 'urgency',
      width: 84,
      render: (_, row) => {
        const urgency = urgencyOf(row.dueDate);
        return <Tag color={URGENCY_COLORS[urgency]}>{urgencyText[urgency]}</Tag>;
      },
    },
    {
      title: w.todoTask,
      key: 'tasks',
      width: 150,
      render: (_, row) => (
        <Flex wrap gap={4} data-testid="todo-tasks">
          {/* 包案跟踪 says only that the case is mine; it is named when nothing more specific is. */}
          {(row.tasks.length > 1 ? row.tasks.filter((task) => task !== 'own') : row.tasks).map((task) => (
            <Tag key={task} color={task === 'own' ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {w.todoTasks[task]}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: p.caseNumber,
      key: 'caseNumber',
      width: 118,
      responsive: ['lg'],
      render: (_, row) => (
        <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
          {row.caseNumber}
        </Typography.Text>
      ),
    },
    // One line per case, the title taking the free width, as in the petition list.
    { title: p.caseTitle, key: 'title', render: (_, row) => <PetitionTitleCell row={row} /> },
    { title: p.state, key: 'state', width: 104, render: (_, row) => <PetitionStateTag state={row.state} /> },
    {
      title: w.dueKind,
      key: 'dueKind',
      width: 96,
      responsive: ['xl'],
      render: (_, row) => deadlineKindLabel(t, row.dueKind),
    },
    { title: p.dueDate, key: 'due', width: 100, render: (_, row) => <DueDate dueDate={row.dueDate} /> },
  ];

  const more = props.mode === 'home' && view !== undefined && view.total > view.items.length;
  return (
    <Card
      size="small"
      title={w.todoTitle}
      extra={
        <Flex gap={4} align="center">
          {more && (
            <Link to={TODOS_PATH} data-testid="todo-view-all">
              {format(w.viewAllTodos, { total: view.total })}
            </Link>
          )}
          <Button
            size="small"
            type="text"
            icon={<ReloadOutlined />}
            onClick={todos.reload}
            loading={todos.loading}
            aria-label={t.common.refresh}
          />
        </Flex>
      }
    >
      {todos.error !== null && (
        <Alert type="error" showIcon title={errorText(t, todos.error, locale)} style={{ marginBottom: 12 }} />
      )}
      {view !== undefined && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="todo-summary">
          {format(w.todoSummary, { total: view.total, overdue: view.overdue, soon: view.dueSoon })}
        </Typography.Paragraph>
      )}
      <DataTable<TodoItemView>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        columns={columns}
        cardTitleKey="title"
        dataSource={view?.items ?? []}
        loading={todos.loading}
        pagination={
          props.mode === 'page'
            ? {
                current: page,
                pageSize,
                total: view?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [...PAGE_SIZES],
                showTotal: (total) => format(p.total, { total }),
                onChange: props.onPage,
              }
            : false
        }
        locale={{ emptyText: w.todoEmpty }}
        rowClassName={(row) => `todo-${urgencyOf(row.dueDate)}`}
        onRow={(row) => ({ onClick: () => void navigate(petitionPath(row.id)), style: { cursor: 'pointer' } })}
        data-testid="todo-list"
      />
    </Card>
  );
}
