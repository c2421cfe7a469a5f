import { Button, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { HAZARD_RISK_LEVELS } from '../../../../common/domain/screening.ts';
import type { HazardInput } from '../../../../common/schemas/prevention.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Values = {
  title: string;
  location: string;
  workersInvolved: number;
  riskLevel: HazardInput['riskLevel'];
  responsibleDepartment?: string;
  measures?: { text: string; dueDate: Dayjs }[];
};

/**
 * A hazard as the one who finds it reports it — what, where, how many workers, the risk — with its
 * measures if already known (each needs a deadline). Sized for a phone: one column, large inputs.
 */
export function HazardModal({
  open,
  title,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  onSubmit: (hazard: HazardInput) => Promise<void>;
}) {
  const t = useT();
  const h = t.prevention.hazard;
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: t.common.required };
  return (
    <FormModal<Values>
      open={open}
      title={title}
      form={form}
      fieldNames={['title', 'location', 'workersInvolved', 'riskLevel', 'responsibleDepartment', 'measures']}
      initialValues={{ workersInvolved: 1, riskLevel: 'medium' }}
      okTestId="hazard-save"
      onCancel={onClose}
      onSubmit={async (values) => {
        await onSubmit({
          title: values.title.trim(),
          location: values.location.trim(),
          workersInvolved: values.workersInvolved,
          riskLevel: values.riskLevel,
          ...(values.responsibleDepartment?.trim()
            ? { responsibleDepartment: values.responsibleDepartment.trim() }
            : {}),
          measures: (values.measures ?? []).map((m) => ({
            text: m.text.trim(),
            dueDate: m.dueDate.format('YYYY-MM-DD'),
          })),
        });
      }}
    >
      <Form.Item name="title" label={h.title} rules={[required, { max: 200 }]}>
        <Input.TextArea autoFocus autoSize={{ minRows: 2 }} size="large" data-testid="hazard-title" />
      </Form.Item>
      <Form.Item name="location" label={h.location} rules={[required, { max: 200 }]}>
        <Input size="large" data-testid="hazard-location" />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="workersInvolved" label={h.workersInvolved} rules={[required]} style={{ flex: 1 }}>
          <InputNumber min={0} max={100000} size="large" style={{ width: '100%' }} data-testid="hazard-workers" />
        </Form.Item>
        <Form.Item name="riskLevel" label={h.riskLevel} rules={[required]} style={{ flex: 1 }}>
          <Select
            size="large"
            options={HAZARD_RISK_LEVELS.map((level) => ({ value: level, label: t.prevention.riskLevels[level] }))}
            data-testid="hazard-risk"
          />
        </Form.Item>
      </Flex>
      <Form.Item name="responsibleDepartment" label={h.responsibleDepartment} rules={[{ max: 100 }]}>
        <Input data-testid="hazard-department" />
      </Form.Item>
      <Form.List name="measures">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item name={[field.name, 'text']} rules={[required]} style={{ flex: 2, marginBottom: 8 }}>
                  <Input placeholder={h.measureText} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueDate']} rules={[required]} style={{ flex: 1, marginBottom: 8 }}>
                  <DatePicker placeholder={h.measureDue} style={{ width: '100%' }} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
              {h.addMeasure}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}
