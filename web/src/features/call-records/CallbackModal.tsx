import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CallRecordView } from '../../../../common/schemas/call-record.ts';
import { recordCallback } from '../../api/call-record.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Values = { doneAt: Dayjs; note: string };

/** 登记回电: when the caller was rung back (now by default) and what they were told. */
export function CallbackModal({
  call,
  onClose,
  onDone,
}: {
  call: CallRecordView | null;
  onClose: () => void;
  onDone: (call: CallRecordView) => void;
}) {
  const t = useT();
  const c = t.intake.call;
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      open={call !== null}
      title={c.callback}
      form={form}
      fieldNames={['doneAt', 'note']}
      initialValues={{ doneAt: dayjs() }}
      okTestId="callback-save"
      onCancel={onClose}
      onSubmit={async (values) => {
        if (call === null) return;
        onDone(await recordCallback(call.id, { doneAt: values.doneAt.toISOString(), note: values.note.trim() }));
      }}
    >
      <Form.Item name="doneAt" label={c.callbackDoneAt} rules={[{ required: true, message: t.common.required }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="note"
        label={c.callbackNote}
        rules={[{ required: true, whitespace: true, message: t.common.required }, { min: 2 }, { max: 2000 }]}
      >
        <Input.TextArea autoFocus autoSize={{ minRows: 3 }} data-testid="callback-note" />
      </Form.Item>
    </FormModal>
  );
}
