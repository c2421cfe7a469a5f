/**
 * Shape rules of the organisation tree (三级工作体系): enterprise → mines/companies and functional
 * departments → district teams (区队) → crews (班组). Companies and departments may nest to any
 * depth (a subsidiary's own subsidiaries, a department's offices); a crew is always a leaf.
 */
import type { UnitKind } from '../schemas/unit.ts';

const CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  enterprise: ['mine', 'company', 'department'],
  mine: ['department', 'district_team'],
  company: ['company', 'mine', 'department', 'district_team'],
  department: ['department', 'district_team', 'crew'],
  district_team: ['crew'],
  crew: [],
};

/** The kinds a unit of `parentKind` may have as direct children. */
export function allowedChildKinds(parentKind: UnitKind): readonly UnitKind[] {
  return CHILD_KINDS[parentKind];
}

export function canContain(parentKind: UnitKind, childKind: UnitKind): boolean {
  return CHILD_KINDS[parentKind].includes(childKind);
}

/** Path of a child unit under `parentPath` (`/a/b/` + `c` → `/a/b/c/`). */
export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

/**
 * How a unit is named where its own name is ambiguous (three mines each have a 人力资源科): the names
 * along its path below the enterprise, joined by spaces — `东山煤矿 人力资源科`, `东山煤矿 综采一队 甲班`.
 * A unit directly under the enterprise is its own name; the enterprise keeps its name. A missing
 * name (a unit outside the reader's knowledge) is left out.
 */
export function unitPathName(path: string, nameOf: (unitId: string) => string | undefined): string {
  const ids = path.split('/').filter((id) => id.length > 0);
  const shown = ids.length > 1 ? ids.slice(1) : ids;
  return shown
    .map(nameOf)
    .filter((name): name is string => name !== undefined)
    .join(' ');
}

/**
 * The levels that carry a petition office (信访工作机构, 《信访工作条例》第14条): the group, its mines
 * and companies. A department, district team or crew works under the nearest one above it, which
 * is the body that accepts (第23条), answers (第32条) and is reviewed (第35条) for what it handles.
 * The unit above a mine or company is always one of these (`CHILD_KINDS`), so "the level above" a
 * body is its parent.
 */
export const OFFICE_LEVEL_KINDS = ['enterprise', 'mine', 'company'] as const satisfies readonly UnitKind[];

export function isOfficeLevel(kind: UnitKind): boolean {
  return (OFFICE_LEVEL_KINDS as readonly UnitKind[]).includes(kind);
}

/**
 * The path of the level above (`/a/b/` → `/a/`, 上一级, 第35–36条); the enterprise, at the top of the
 * tree, is its own level above (docs/domain.md: "at the top of the tree the unit itself").
 */
/**
 * The path of the nearest 集团/矿/公司 at or above the unit at `path`, among `units` (which must hold
 * its ancestors); null when none of them is one.
 */
export function officeLevelPathAmong(units: readonly { path: string; kind: UnitKind }[], path: string): string | null {
  const levels = units.filter((u) => isOfficeLevel(u.kind) && path.startsWith(u.path));
  return levels.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? null;
}

export function levelAbovePath(path: string): string {
  const ids = path.split('/').filter((id) => id.length > 0);
  return ids.length <= 1 ? path : `/${ids.slice(0, -1).join('/')}/`;
}
