/** The unit module's surface for other modules: the tree and the questions asked of it. */
export {
  allUnits,
  findActiveUnitByCode,
  findRootUnit,
  findUnitById,
  findUnitNames,
  insertUnit,
  officeLevelPathOf,
  portalUnits,
  unitIdsUnder,
  unitsByIds,
  type UnitRow,
} from './unit.repository.ts';
export { ancestorIds, mineIdOf, isRootPath } from './unit-tree.ts';
