/**
 * The unit hierarchy built client-side from the flat list the server returns for the caller's
 * scope. A unit whose parent is not in the list is a root of the visible forest (a mine's staff
 * see their mine as a root, never the group above it).
 */
import type { UnitView } from '../../../common/schemas/unit.ts';

export type UnitNode = { unit: UnitView; children: UnitNode[] };

function byOrderThenName(a: UnitNode, b: UnitNode): number {
  return a.unit.sortOrder - b.unit.sortOrder || a.unit.name.localeCompare(b.unit.name, 'zh-CN');
}

export function buildUnitForest(units: readonly UnitView[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  const sortDeep = (list: UnitNode[]): void => {
    list.sort(byOrderThenName);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

/**
 * Keep the nodes that match `matches` and every ancestor of a match (so the path stays visible);
 * the descendants of a match are kept too. Also returns the ids to expand to show every match.
 */
export function filterForest(
  forest: readonly UnitNode[],
  matches: (unit: UnitView) => boolean,
): { nodes: UnitNode[]; expand: string[] } {
  const expand: string[] = [];
  const visit = (node: UnitNode): UnitNode | null => {
    if (matches(node.unit)) return node;
    const children = node.children.map(visit).filter((child): child is UnitNode => child !== null);
    if (children.length === 0) return null;
    expand.push(node.unit.id);
    return { unit: node.unit, children };
  };
  const nodes = forest.map(visit).filter((node): node is UnitNode => node !== null);
  return { nodes, expand };
}

/** The id of `rootId` and of every unit below it in the list. */
export function subtreeIds(units: readonly UnitView[], rootId: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    childrenOf.set(unit.parentId, [...(childrenOf.get(unit.parentId) ?? []), unit.id]);
  }
  const result = new Set<string>();
  const stack = [rootId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return result;
}

/** Ids of the nodes at depth < `levels` within the forest, to expand a tree by default. */
export function topLevelIds(forest: readonly UnitNode[], levels: number): string[] {
  const ids: string[] = [];
  const walk = (list: readonly UnitNode[], level: number): void => {
    if (level >= levels) return;
    for (const node of list) {
      if (node.children.length > 0) ids.push(node.unit.id);
      walk(node.children, level + 1);
    }
  };
  walk(forest, 0);
  return ids;
}

/** Ids of the ancestors of `id` that are in the list, nearest first. */
export function ancestorIds(units: readonly UnitView[], id: string): string[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const result: string[] = [];
  for (
    let parentId = byId.get(id)?.parentId ?? null;
    parentId !== null && !result.includes(parentId);
    parentId = byId.get(parentId)?.parentId ?? null
  ) {
    if (!byId.has(parentId)) break;
    result.push(parentId);
  }
  return result;
}
