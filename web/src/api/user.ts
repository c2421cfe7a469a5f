/** User-account endpoints. */
import {
  UserListViewSchema,
  UserViewSchema,
  type CreateUserInput,
  type ResetPasswordInput,
  type UserContactInput,
  type Role,
  type UserListItemView,
  type UserView,
} from '../../../common/schemas/user.ts';
import { api } from './client.ts';

export type UserFilter = {
  unitId?: string | undefined;
  role?: Role | undefined;
  q?: string | undefined;
  includeInactive: boolean;
};

/** Users in the viewer's scope, each unit named with its mine or company (`东山煤矿 人力资源科`). */
export async function listUsers(filter: UserFilter): Promise<UserListItemView[]> {
  const view = await api.get('/api/users', UserListViewSchema, {
    unitId: filter.unitId,
    role: filter.role,
    q: filter.q?.trim(),
    includeInactive: filter.includeInactive,
  });
  return view.users;
}

export function createUser(input: CreateUserInput): Promise<UserView> {
  return api.post('/api/users', UserViewSchema, input);
}

export function disableUser(id: string): Promise<UserView> {
  return api.post(`/api/users/${encodeURIComponent(id)}/disable`, UserViewSchema);
}

export function enableUser(id: string): Promise<UserView> {
  return api.post(`/api/users/${encodeURIComponent(id)}/enable`, UserViewSchema);
}

export function resetPassword(id: string, input: ResetPasswordInput): Promise<UserView> {
  return api.post(`/api/users/${encodeURIComponent(id)}/reset-password`, UserViewSchema, input);
}

/** E-mail and mobile for outbound notifications: one's own, or of a user the administrator manages. */
export function setUserContact(id: string, input: UserContactInput): Promise<UserView> {
  return api.post(`/api/users/${encodeURIComponent(id)}/contact`, UserViewSchema, input);
}
