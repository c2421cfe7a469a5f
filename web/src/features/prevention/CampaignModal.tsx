import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { COVERABLE_UNIT_KINDS, type CampaignView } from '../../../../common/schemas/prevention.ts';
import { createCampaign } from '../../api/prevention.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Values = {
  topic: string;
  description?: string;
  period: [Dayjs, Dayjs];
  dueDate: Dayjs;
  unitKinds?: (typeof COVERABLE_UNIT_KINDS)[number][];
};

const DAY = 'YYYY-MM-DD';

/** 发起排查: topic, period, the answers' due date and, optionally, the kinds of unit it covers. */
export function CampaignModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: CampaignView) => void;
}) {
  const t = useT();
  const p = t.prevention;
  const [form] = Form.useForm<Values>();
  const required = { required: true, message: t.common.required };
  return (
    <FormModal<Values>
      open={open}
      title={p.newCampaign}
      form={form}
      fieldNames={['topic', 'description', 'period', 'dueDate', 'unitKinds']}
      initialValues={{ period: [dayjs(), dayjs().add(14, 'day')], dueDate: dayjs().add(3, 'day') }}
      okTestId="campaign-save"
      onCancel={onClose}
      onSubmit={async (values) => {
        onCreated(
          await createCampaign({
            topic: values.topic.trim(),
            description: values.description?.trim() ?? '',
            periodFrom: values.period[0].format(DAY),
            periodTo: values.period[1].format(DAY),
            dueDate: values.dueDate.format(DAY),
            ...(values.unitKinds !== undefined && values.unitKinds.length > 0 ? { unitKinds: values.unitKinds } : {}),
          }),
        );
      }}
    >
      <Form.Item name="topic" label={p.topic} rules={[required, { max: 200 }]}>
        <Input autoFocus data-testid="campaign-topic" />
      </Form.Item>
      <Form.Item name="description" label={p.description} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} data-testid="campaign-description" />
      </Form.Item>
      <Form.Item name="period" label={p.period} rules={[required]}>
        <DatePicker.RangePicker style={{ width: '100%' }} data-testid="campaign-period" />
      </Form.Item>
      <Form.Item name="dueDate" label={p.dueDate} extra={p.dueHint} rules={[required]}>
        <DatePicker style={{ width: '100%' }} data-testid="campaign-due" />
      </Form.Item>
      <Form.Item name="unitKinds" label={p.unitKinds} extra={p.unitKindsHint}>
        <Select
          mode="multiple"
          allowClear
          options={COVERABLE_UNIT_KINDS.map((kind) => ({ value: kind, label: t.unitKinds[kind] }))}
          data-testid="campaign-kinds"
        />
      </Form.Item>
    </FormModal>
  );
}
