import { Form, Input } from 'antd';
import { SETTINGS } from '../../../../common/schemas/setting.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The unit's 企业微信 group robot address; empty = this unit sends to no robot. */
export function WecomRobotFields() {
  const t = useT();
  const w = t.settings.wecomRobot;
  return (
    <Form.Item
      name="value"
      label={w.label}
      extra={w.hint}
      rules={[schemaRule(SETTINGS['notify.wecomRobotUrl'].schema, w.invalid)]}
    >
      <Input
        type="url"
        inputMode="url"
        allowClear
        autoComplete="off"
        placeholder={w.placeholder}
        data-testid="setting-field-notify.wecomRobotUrl"
      />
    </Form.Item>
  );
}
