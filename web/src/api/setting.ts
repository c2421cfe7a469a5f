/**
 * 系统设置: the settings in force at a unit, and setting or clearing one there. Values travel as
 * `unknown` (the view's schema cannot know the key); the page parses each with its key's schema
 * from common/schemas/setting.ts, and the server validates what is sent, naming `value.<field>`.
 */
import {
  SettingListViewSchema,
  SettingViewSchema,
  type SettingKey,
  type SettingListView,
  type SettingView,
} from '../../../common/schemas/setting.ts';
import { api } from './client.ts';

export function listSettings(unitId: string): Promise<SettingListView> {
  return api.get('/api/settings', SettingListViewSchema, { unitId });
}

export function updateSetting(key: SettingKey, unitId: string, value: unknown): Promise<SettingView> {
  return api.put(`/api/settings/${encodeURIComponent(key)}`, SettingViewSchema, { unitId, value });
}

/** Remove the unit's own value: the one above (or the default) holds again. */
export function clearSetting(key: SettingKey, unitId: string): Promise<SettingView> {
  return api.delete(
    `/api/settings/${encodeURIComponent(key)}?${new URLSearchParams({ unitId }).toString()}`,
    SettingViewSchema,
  );
}
