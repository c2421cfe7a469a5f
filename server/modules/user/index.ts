/** The user module's surface for other modules. */
export {
  countActiveUsersInUnit,
  findUserById,
  findUserByUsername,
  insertUser,
  updateUser,
  usersByIds,
  ensureSystemUser,
  activePeopleAt,
  activePeopleUnder,
  activePeopleWithRoles,
  activeAccountsNamed,
  activeCountsByUnitPath,
  type UserRow,
} from './user.repository.ts';
export { officeOf, officeWorkersOf, leadersOf, watchersOf } from './user-people.ts';
export { assertPasswordAcceptable } from './password-policy.ts';
export { toUserView } from './user.view.ts';
