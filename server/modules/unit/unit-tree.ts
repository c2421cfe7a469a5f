/** Pure questions about a materialised unit path (`/root/mine/team/`). */

/** The unit ids of the path, the enterprise first. */
export function ancestorIds(path: string): string[] {
  return path.split('/').filter((id) => id.length > 0);
}

/** The mine-level unit (depth 1 under the enterprise) a path belongs to, or the enterprise itself. */
export function mineIdOf(path: string): string {
  const ids = ancestorIds(path);
  return ids[1] ?? ids[0] ?? '';
}

/** The enterprise's own path: one segment. */
export function isRootPath(path: string): boolean {
  return ancestorIds(path).length === 1;
}
