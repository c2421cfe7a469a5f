import { Flex, Tag, Typography } from 'antd';
import { ClockCircleOutlined, LockOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import type { SettingLevel, SettingView } from '../../../../common/schemas/setting.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const SOURCE_COLOR = { unit: 'green', inherited: 'blue', default: 'default' } as const satisfies Record<
  SettingView['source'],
  string
>;

/**
 * Where the value in force comes from (本单位设置 / 继承自上级（集团） / 默认值), whether it reaches only new
 * cases, and — when it cannot be changed here — why: the key is set at another level, or the viewer
 * lacks the action.
 */
export function SettingSourceTags({ view, level }: { view: SettingView; level: SettingLevel | null }) {
  const t = useT();
  const s = t.settings;
  const { locale } = useLocale();
  const sourceText =
    view.source === 'inherited'
      ? format(s.sourceFrom, { source: s.source.inherited, unit: view.sourceUnitName ?? '' })
      : s.source[view.source];
  const wrongLevel = level === null || !view.levels.includes(level);
  return (
    <Flex vertical gap={4}>
      <Flex wrap gap={6} align="center">
        <Tag
          color={SOURCE_COLOR[view.source]}
          style={{ marginInlineEnd: 0 }}
          data-testid={`setting-source-${view.key}`}
        >
          {sourceText}
        </Tag>
        {view.appliesToNewCasesOnly && (
          <Tag color="orange" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
            {s.newCasesOnly}
          </Tag>
        )}
        {!view.editable && (
          <Tag icon={<LockOutlined />} style={{ marginInlineEnd: 0 }} data-testid={`setting-readonly-${view.key}`}>
            {s.readOnly}
          </Tag>
        )}
        {view.updatedAt !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {format(s.updatedAt, { time: formatDateTime(view.updatedAt, locale) })}
          </Typography.Text>
        )}
      </Flex>
      {!view.editable && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {wrongLevel
            ? format(s.setAtLevels, { levels: view.levels.map((l) => s.levels[l]).join(s.listSeparator) })
            : s.noPermission}
        </Typography.Text>
      )}
    </Flex>
  );
}
