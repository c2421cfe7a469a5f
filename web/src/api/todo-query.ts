/**
 * The address of a page of my to-do list, and the 工作台's page size: boot.ts prefetches exactly this
 * request, so the module imports nothing (it is part of the small entry chunk).
 */
export const HOME_TODO_PAGE_SIZE = 10;

export function todosPath(page: number, pageSize: number): string {
  return `/api/todos?page=${page}&pageSize=${pageSize}`;
}
