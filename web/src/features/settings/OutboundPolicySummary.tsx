import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { OutboundPolicy } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';
import { OUTBOUND_CHANNELS } from './OutboundPolicyFields.tsx';

/** The kinds each channel sends, read-only. */
export function OutboundPolicySummary({ value }: { value: OutboundPolicy }) {
  const t = useT();
  const s = t.settings;
  return (
    <Descriptions
      size="small"
      column={1}
      items={OUTBOUND_CHANNELS.map((channel) => ({
        key: channel,
        label: s.outbound.channels[channel],
        children:
          value[channel].length === 0 ? (
            <Typography.Text type="secondary">{s.outbound.none}</Typography.Text>
          ) : (
            <Flex wrap gap={4}>
              {value[channel].map((kind) => (
                <Tag key={kind} style={{ marginInlineEnd: 0 }}>
                  {s.notificationKindNames[kind]}
                </Tag>
              ))}
            </Flex>
          ),
      }))}
    />
  );
}
