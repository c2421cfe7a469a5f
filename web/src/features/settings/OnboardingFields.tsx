import { Button, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { OnboardingSettingSchema } from '../../../../common/schemas/training.ts';
import { useT } from '../../i18n/locale-context.ts';
import { IntegerField } from './IntegerField.tsx';

/** 新到岗清单: the weeks an account counts as new, and the setup steps beside the required courses. */
export function OnboardingFields() {
  const t = useT();
  const s = t.training.settings;
  return (
    <>
      <IntegerField
        name={['value', 'weeks']}
        label={s.weeks}
        schema={OnboardingSettingSchema.shape.weeks}
        suffix={s.weeksSuffix}
        testId="setting-field-training.onboarding.weeks"
      />
      <Form.Item label={s.steps}>
        <Form.List name={['value', 'steps']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={[field.name, 'id']}
                    rules={[{ required: true, pattern: /^[a-z0-9-]{1,40}$/, message: t.common.required }]}
                    style={{ width: 140, margin: 0 }}
                  >
                    <Input placeholder={s.stepId} maxLength={40} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'title']}
                    rules={[{ required: true, whitespace: true, message: t.common.required }]}
                    style={{ flex: 1, margin: 0 }}
                  >
                    <Input placeholder={s.stepTitle} maxLength={200} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={s.removeStep} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ id: '', title: '' })} style={{ alignSelf: 'start' }}>
                {s.addStep}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}
