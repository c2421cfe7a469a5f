/** The unit module's surface for other modules. */
export { findRootUnit, findUnitById, findUnitNames, insertUnit, type UnitRow } from './unit.repository.ts';
