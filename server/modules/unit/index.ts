/** The unit module's surface for other modules: the tree and the questions asked of it. */
export {
  activeUnitCodes,
  activeUnitsUnder,
  allUnits,
  childUnitIds,
  findActiveUnitByCode,
  findRootUnit,
  findUnitById,
  findUnitNames,
  insertUnit,
  officeLevelPathOf,
  officeLevelPathSubquery,
  portalUnits,
  unitFilterPath,
  unitIdsUnder,
  unitsUnder,
  unitsByIds,
  type UnitRow,
} from './unit.repository.ts';
export { ancestorIds, mineIdOf, isRootPath } from './unit-tree.ts';
