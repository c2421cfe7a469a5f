/**
 * The data requests each screen makes first, by its address: boot.ts starts them before the app's
 * code is parsed, and the screen's own first requests (the very same paths) take the answers
 * (api/prefetch.ts). A screen asks only for what its role may read (the role the last session in
 * this browser had), so a prefetch never ends in a refusal. Imports only the paths and the role
 * table: it is part of the small entry chunk. The paths are checked against the screens' own
 * requests in page-data.test.ts.
 */
import { reachOf, type Action } from '../../../common/domain/access.ts';
import type { Role } from '../../../common/schemas/user.ts';
import { HOME_TODO_PAGE_SIZE, todosPath } from '../api/todo-query.ts';
import {
  DASHBOARD_PATH,
  HOME_PATH,
  PETITION_NEW_PATH,
  PETITION_SUPERVISION_PATH,
  PETITIONS_PATH,
  TODOS_PATH,
  WARNINGS_PATH,
} from './paths.ts';

/** The page size of 我的待办 in full (TodosPage), as it opens. */
export const TODO_PAGE_SIZE = 20;

/** Remembered once a session is known (SessionProvider), read by boot.ts on the next start. */
export const ROLE_HINT_KEY = 'xinfang.role';

/** The unit tree without deactivated units, as the filters, pickers and dashboard ask for it. */
export const ACTIVE_UNITS_PATH = '/api/units?includeInactive=false';
/** The petition list as it opens with nothing in the address (list-search.ts DEFAULT_PAGE). */
export const DEFAULT_LIST_PATH = '/api/petitions?page=1&pageSize=20&sort=received_desc';

export function casePagePath(id: string): string {
  return `/api/petitions/${encodeURIComponent(id)}/page`;
}

type ScreenData = { action: Action; paths: string[] };

function screenData(pathname: string, search: string): ScreenData | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === HOME_PATH) return { action: 'todo.read', paths: [todosPath(1, HOME_TODO_PAGE_SIZE)] };
  if (path === TODOS_PATH && search === '') return { action: 'todo.read', paths: [todosPath(1, TODO_PAGE_SIZE)] };
  // Only the list as it opens: a filtered address is read by the page itself.
  if (path === PETITIONS_PATH)
    return search === ''
      ? { action: 'petition.read', paths: [DEFAULT_LIST_PATH, '/api/categories', ACTIVE_UNITS_PATH] }
      : null;
  if (path.startsWith(`${PETITIONS_PATH}/`) && path !== PETITION_NEW_PATH && path !== PETITION_SUPERVISION_PATH) {
    const id = decodeURIComponent(path.slice(PETITIONS_PATH.length + 1));
    return id.includes('/') ? null : { action: 'petition.read', paths: [casePagePath(id)] };
  }
  if (path === DASHBOARD_PATH && search === '')
    return { action: 'dashboard.read', paths: ['/api/dashboard', '/api/dashboard/hotspots', ACTIVE_UNITS_PATH] };
  if (path === WARNINGS_PATH)
    return {
      action: 'warning.read',
      paths: ['/api/warnings?status=active', '/api/sensitive-periods', '/api/hotspots'],
    };
  return null;
}

/** The first data requests of the screen at this address for this role (none when it may not read them). */
export function pageDataPaths(pathname: string, search: string, role: string | null): string[] {
  const data = screenData(pathname, search);
  if (data === null || role === null) return [];
  return reachOf(role as Role, data.action) === 'none' ? [] : data.paths;
}
