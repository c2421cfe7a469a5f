/** The unit module's surface for other modules. */
export { findRootUnit, findUnitById, insertUnit, type UnitRow } from './unit.repository.ts';
