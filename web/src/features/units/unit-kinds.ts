/** Presentation helpers for unit kinds: tag colours and the kinds a new child may have. */
import { allowedChildKinds } from '../../../../common/domain/unit-tree.ts';
import type { CreateUnitInput, UnitKind } from '../../../../common/schemas/unit.ts';

export type ChildKind = CreateUnitInput['kind'];

export const KIND_COLORS: Record<UnitKind, string> = {
  enterprise: 'geekblue',
  mine: 'volcano',
  company: 'purple',
  department: 'cyan',
  district_team: 'gold',
  crew: 'green',
};

function isChildKind(kind: UnitKind): kind is ChildKind {
  return kind !== 'enterprise';
}

/** The kinds a unit of `parentKind` may contain (三级工作体系, common/domain/unit-tree.ts), most usual first. */
export function childKindsOf(parentKind: UnitKind): ChildKind[] {
  return allowedChildKinds(parentKind).filter(isChildKind);
}
