import { Form, Select } from 'antd';
import { NOTIFICATION_KINDS } from '../../../../common/schemas/notification.ts';
import type { OutboundPolicy } from '../../../../common/schemas/setting.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The channels in the order the policy lists them. */
export const OUTBOUND_CHANNELS = ['sms', 'email', 'wecom'] as const satisfies readonly (keyof OutboundPolicy)[];

/** Which notification kinds also leave the system, one multi-select per channel (in-app is always on). */
export function OutboundPolicyFields() {
  const t = useT();
  const s = t.settings;
  const options = NOTIFICATION_KINDS.map((kind) => ({ value: kind, label: s.notificationKindNames[kind] }));
  return (
    <>
      {OUTBOUND_CHANNELS.map((channel) => (
        <Form.Item key={channel} name={['value', channel]} label={s.outbound.channels[channel]}>
          <Select
            mode="multiple"
            allowClear
            options={options}
            placeholder={s.outbound.none}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid={`setting-field-outbound-${channel}`}
          />
        </Form.Item>
      ))}
    </>
  );
}
