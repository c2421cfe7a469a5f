import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role, type UserView } from '../../../../common/schemas/user.ts';
import { listUnits } from '../../api/unit.ts';
import { disableUser, enableUser, listUsers, type UserFilter } from '../../api/user.ts';
import { useReach, useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ContactModal } from './ContactModal.tsx';
import { CreateUserModal } from './CreateUserModal.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFilters } from './UserFilters.tsx';
import { UserTable } from './UserTable.tsx';

/**
 * 用户管理: everyone with user.read sees the list of their scope; admins create and maintain accounts.
 * An admin's user.read and user.manage both reach his subtree, so every row he lists is one the
 * server lets him change (user.service loadManageable) — 联系方式 included. Everyone sets their own
 * contact details in 我的账户.
 */
export function UserAdminPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { user: self } = useSession();
  const canManage = useReach('user.manage') !== 'none';
  const [filter, setFilter] = useState<UserFilter>({ includeInactive: false });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [contactOf, setContactOf] = useState<UserView | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const loadUsers = useCallback(() => listUsers(filter), [filter]);
  const users = useLoader(loadUsers);
  const loadUnits = useCallback(() => listUnits(true), []);
  const units = useLoader(loadUnits);

  // Only an admin attached to the root may create an auditor (canGrantRole in common/domain/access.ts).
  const grantableRoles = useMemo<Role[]>(() => {
    const ownUnit = units.data?.find((unit) => unit.id === self.unitId);
    const atRoot = ownUnit?.parentId === null;
    return ROLES.filter((role) => role !== 'auditor' || atRoot);
  }, [units.data, self.unitId]);

  const toggleActive = async (user: UserView) => {
    setBusyId(user.id);
    try {
      await (user.active ? disableUser(user.id) : enableUser(user.id));
      void message.success(t.common.saved);
      users.reload();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusyId(null);
    }
  };

  const loadError = users.error ?? units.error;
  return (
    <Card
      title={t.users.title}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t.users.create}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <UserFilters units={units.data ?? []} filter={filter} onChange={setFilter} />
        {loadError !== null && <Alert type="error" showIcon title={errorText(t, loadError, locale)} />}
        <UserTable
          users={users.data ?? []}
          loading={users.loading}
          selfId={self.id}
          manage={
            canManage
              ? {
                  busyId,
                  onToggleActive: (user) => void toggleActive(user),
                  onResetPassword: setResetting,
                  onContact: setContactOf,
                }
              : undefined
          }
        />
      </Flex>
      {canManage && (
        <>
          <CreateUserModal
            open={creating}
            units={units.data ?? []}
            grantableRoles={grantableRoles}
            defaultUnitId={filter.unitId}
            onCancel={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              void message.success(t.common.saved);
              users.reload();
            }}
          />
          <ResetPasswordModal
            user={resetting}
            onCancel={() => setResetting(null)}
            onReset={() => {
              setResetting(null);
              void message.success(t.users.passwordReset);
            }}
          />
          <ContactModal
            user={contactOf}
            onCancel={() => setContactOf(null)}
            onSaved={() => {
              setContactOf(null);
              void message.success(t.contact.saved);
              users.reload();
            }}
          />
        </>
      )}
    </Card>
  );
}
