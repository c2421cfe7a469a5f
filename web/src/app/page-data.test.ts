import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listNotifications } from '../api/notification.ts';
import { getCasePage, listPetitions } from '../api/petition.ts';
import { listCategories } from '../api/category.ts';
import { getDashboard, getDashboardHotspots } from '../api/dashboard.ts';
import { listHotspots } from '../api/text.ts';
import { listTodos } from '../api/todo.ts';
import { HOME_TODO_PAGE_SIZE } from '../api/todo-query.ts';
import { listUnits } from '../api/unit.ts';
import { listSensitivePeriods, listWarnings } from '../api/warning.ts';
import { filterFromSearch } from '../features/petitions/list-search.ts';
import { pageDataPaths, TODO_PAGE_SIZE } from './page-data.ts';

/** What each screen really asks first, as its code asks it (the client's own query building). */
let asked: string[] = [];
beforeEach(() => {
  asked = [];
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function paths(...calls: (() => Promise<unknown>)[]): Promise<string[]> {
  // The stub's answers do not parse as the views: only the addresses matter here.
  for (const call of calls) await call().catch(() => undefined);
  return asked;
}

describe('pageDataPaths', () => {
  it.each([
    ['工作台', '/', '', () => paths(() => listTodos(1, HOME_TODO_PAGE_SIZE))],
    ['我的待办', '/todos', '', () => paths(() => listTodos(1, TODO_PAGE_SIZE))],
    [
      '信访事项 as it opens',
      '/petitions',
      '',
      () =>
        paths(
          () => listPetitions(filterFromSearch(new URLSearchParams(''))),
          () => listCategories(),
          () => listUnits(false),
        ),
    ],
    ['the case page', '/petitions/01ABC', '', () => paths(() => getCasePage('01ABC'))],
    [
      '领导驾驶舱 (本月)',
      '/dashboard',
      '',
      () =>
        paths(
          () => getDashboard({ unitId: undefined }),
          () => getDashboardHotspots({ unitId: undefined }),
          () => listUnits(false),
        ),
    ],
    [
      '预警研判',
      '/warnings',
      '',
      () =>
        paths(
          () => listWarnings({ status: 'active' }),
          () => listSensitivePeriods(),
          () => listHotspots({}),
        ),
    ],
  ])('prefetches exactly what %s asks first', async (_screen, pathname, search, screenAsks) => {
    expect(pageDataPaths(pathname, search, 'chief')).toEqual(await screenAsks());
  });

  it('prefetches the notifications the bell asks for', async () => {
    expect(await paths(() => listNotifications())).toEqual(['/api/notifications']);
  });

  it('asks nothing a role may not read, nothing for a filtered list and nothing without a known role', () => {
    expect(pageDataPaths('/dashboard', '', 'handler')).toEqual([]);
    expect(pageDataPaths('/', '', 'auditor')).toEqual([]);
    expect(pageDataPaths('/petitions', 'state=accepted', 'officer')).toEqual([]);
    expect(pageDataPaths('/petitions/new', '', 'officer')).toEqual([]);
    expect(pageDataPaths('/petitions', '', null)).toEqual([]);
  });
});
