/** The settings module's surface: every module reads its knobs here (never the table). */
export { levelOf, readSetting, readSettings, updateSetting } from './setting.service.ts';
