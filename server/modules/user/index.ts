/** The user module's surface for other modules. */
export {
  countActiveUsersInUnit,
  findUserById,
  findUserByUsername,
  insertUser,
  updateUser,
  type UserRow,
} from './user.repository.ts';
export { assertPasswordAcceptable } from './password-policy.ts';
export { toUserView } from './user.view.ts';
