import { maskPhone } from '../../../common/domain/identity.ts';
import type { UserListItemView, UserView } from '../../../common/schemas/user.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { UserRow } from './user.repository.ts';

/** The one mapping from a user row to what leaves the server: never the password hash; the mobile masked. */
export function toUserView(row: UserRow, cipher: FieldCipher): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    active: row.active === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    email: row.email,
    mobile: row.mobile_enc === null ? null : maskPhone(cipher.decrypt(row.mobile_enc)),
    position: row.position,
  };
}

/** A user in a list: the view plus the unit named with its mine or company (`东山煤矿 人力资源科`). */
export function toUserListItemView(row: UserRow, unitPathName: string, cipher: FieldCipher): UserListItemView {
  return { ...toUserView(row, cipher), unitPathName };
}

/** The audit snapshot of a user: ids and settings, no secrets. */
export function userAuditSnapshot(
  row: Pick<UserRow, 'username' | 'display_name' | 'role' | 'unit_id' | 'active' | 'position'>,
) {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    active: row.active === 1,
    ...(row.position === null ? {} : { position: row.position }),
  };
}
