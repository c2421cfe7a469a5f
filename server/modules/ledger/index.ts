/** The ledger module's surface for other modules: the enterprise's statistics month setting. */
export { readSetting, STATISTICS_START_DAY_KEY } from './ledger.repository.ts';
