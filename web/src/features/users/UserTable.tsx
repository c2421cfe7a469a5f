import { Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { personRecordPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import type { UserListItemView, UserView } from '../../../../common/schemas/user.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { UserRowActions } from './UserRowActions.tsx';
import { UserStatus } from './UserStatus.tsx';

type Props = {
  users: readonly UserListItemView[];
  loading: boolean;
  selfId: string;
  /** Present only for roles that may manage users; adds the actions column. */
  manage?:
    | {
        busyId: string | null;
        onToggleActive: (user: UserView) => void;
        onResetPassword: (user: UserView) => void;
        onContact: (user: UserView) => void;
      }
    | undefined;
};

/** The user list; scrolls sideways on a phone rather than squeezing columns. */
export function UserTable({ users, loading, selfId, manage }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const columns: TableColumnsType<UserListItemView> = [
    {
      title: t.users.displayName,
      key: 'name',
      render: (_, user) => (
        <>
          <Link to={personRecordPath(user.id)} data-testid={`user-record-${user.username}`}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
          </Link>
          <br />
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </>
      ),
    },
    {
      title: t.users.role,
      dataIndex: 'role',
      key: 'role',
      render: (_, user) => <Tag color="blue">{t.roles[user.role]}</Tag>,
    },
    // With the mine or company (东山煤矿 人力资源科): several mines have units of the same name.
    { title: t.users.unit, dataIndex: 'unitPathName', key: 'unit' },
    { title: t.common.status, key: 'status', render: (_, user) => <UserStatus user={user} /> },
    {
      title: t.users.lastLogin,
      dataIndex: 'lastLoginAt',
      key: 'lastLogin',
      render: (_, user) =>
        user.lastLoginAt === null ? (
          <Typography.Text type="secondary">{t.users.neverLoggedIn}</Typography.Text>
        ) : (
          formatDateTime(user.lastLoginAt, locale)
        ),
    },
  ];
  if (manage !== undefined) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      fixed: 'end',
      render: (_, user) => (
        <UserRowActions
          user={user}
          isSelf={user.id === selfId}
          busy={manage.busyId === user.id}
          onToggleActive={manage.onToggleActive}
          onResetPassword={manage.onResetPassword}
          onContact={manage.onContact}
        />
      ),
    });
  }
  return (
    <DataTable<UserListItemView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...users]}
      loading={loading}
      scroll={{ x: 820 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
      rowClassName={(user) => (user.active ? '' : 'xf-row-inactive')}
      data-testid="user-table"
    />
  );
}
