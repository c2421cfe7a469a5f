/** Settings (设置) through the settings module's API: read the values in force at a unit, set or clear one. */
import { SettingListViewSchema, SettingViewSchema, type SettingKey } from '../../../common/schemas/setting.ts';
import type { SettingListView, SettingView } from '../../../common/schemas/setting.ts';
import { api } from './client.ts';

export function listSettings(unitId: string): Promise<SettingListView> {
  return api.get('/api/settings', SettingListViewSchema, { unitId });
}

export function putSetting(key: SettingKey, unitId: string, value: unknown): Promise<SettingView> {
  return api.put(`/api/settings/${encodeURIComponent(key)}`, SettingViewSchema, { unitId, value });
}

export function clearSetting(key: SettingKey, unitId: string): Promise<SettingView> {
  return api.delete(`/api/settings/${encodeURIComponent(key)}?unitId=${encodeURIComponent(unitId)}`, SettingViewSchema);
}
