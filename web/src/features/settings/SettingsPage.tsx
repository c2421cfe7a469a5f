import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Flex, Form, Tag, Typography } from 'antd';
import type { SettingListView, SettingView } from '../../../../common/schemas/setting.ts';
import { listSettings } from '../../api/setting.ts';
import { listUnits } from '../../api/unit.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { LoadingRows } from '../../components/LoadingRows.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { SettingCard } from './SettingCard.tsx';

/**
 * 系统设置: the settings in force at a unit (the viewer's own by default — the enterprise for its
 * administrator), one card per key, editable where the server says so (the key's levels and the
 * viewer's `setting.manage` reach at that unit; common/schemas/setting.ts, access.ts).
 */
export function SettingsPage() {
  const t = useT();
  const s = t.settings;
  const { locale } = useLocale();
  const { user } = useSession();
  const [unitId, setUnitId] = useState(user.unitId);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  const loadSettings = useCallback(() => listSettings(unitId), [unitId]);
  const loaded = useLoader(loadSettings);
  const [list, setList] = useState<SettingListView | null>(null);

  useEffect(() => {
    if (loaded.data !== undefined) setList(loaded.data);
  }, [loaded.data]);

  const replace = (view: SettingView) =>
    setList((current) =>
      current === null ? current : { ...current, items: current.items.map((i) => (i.key === view.key ? view : i)) },
    );
  const shown = list !== null && list.unitId === unitId ? list : null;
  const error = loaded.error ?? units.error;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {s.title}
      </Typography.Title>
      <Card size="small">
        <Form layout="vertical" style={{ maxWidth: 420 }}>
          <Form.Item label={s.unit} style={{ marginBottom: 8 }}>
            <UnitTreeSelect
              id="settings-unit"
              units={units.data ?? []}
              value={unitId}
              onChange={(next) => {
                if (next !== undefined) setUnitId(next);
              }}
            />
          </Form.Item>
        </Form>
        {shown !== null &&
          (shown.level === null ? (
            <Alert type="info" showIcon title={s.noLevel} data-testid="settings-no-level" />
          ) : (
            <Tag color="blue" data-testid="settings-level">
              {s.levels[shown.level]}
            </Tag>
          ))}
      </Card>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
      {shown === null
        ? loaded.loading && <LoadingRows />
        : shown.items.map((view) => (
            <SettingCard
              key={`${shown.unitId}:${view.key}:${view.source}:${view.updatedAt ?? ''}`}
              view={view}
              unitId={shown.unitId}
              level={shown.level}
              onChanged={replace}
            />
          ))}
    </Flex>
  );
}
