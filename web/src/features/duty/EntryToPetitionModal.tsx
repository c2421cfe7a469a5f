import { Form, Input, Select } from 'antd';
import { PETITION_TYPES, type PetitionType } from '../../../../common/domain/deadlines.ts';
import type { DutyEntryView } from '../../../../common/schemas/duty.ts';
import { entryToPetition } from '../../api/duty.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Values = { title: string; petitionerName?: string; type: PetitionType };

/**
 * 转为信访: one step — the server takes channel (来电/来访), time, unit and the matter from the
 * entry; the officer gives a title and, if the person gave it, a name (otherwise anonymous).
 */
export function EntryToPetitionModal({
  entry,
  onClose,
  onDone,
}: {
  entry: DutyEntryView | null;
  onClose: () => void;
  onDone: (caseNumber: string) => void;
}) {
  const t = useT();
  const d = t.duty.log;
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      open={entry !== null}
      title={d.toPetitionTitle}
      form={form}
      fieldNames={['title', 'petitionerName', 'type']}
      initialValues={{ title: entry?.text.slice(0, 20) ?? '', type: 'other' }}
      okText={d.toPetition}
      okTestId="duty-to-petition-ok"
      onCancel={onClose}
      onSubmit={async (values) => {
        if (entry === null) return;
        const name = values.petitionerName?.trim();
        const result = await entryToPetition(entry.id, {
          title: values.title.trim(),
          type: values.type,
          ...(name === undefined || name === '' ? {} : { petitionerName: name }),
        });
        onDone(result.petition.caseNumber);
      }}
    >
      <Form.Item name="title" label={d.petitionTitle} rules={[{ required: true, min: 2, max: 60 }]}>
        <Input maxLength={60} data-testid="duty-to-petition-title" />
      </Form.Item>
      <Form.Item name="petitionerName" label={d.petitionerName}>
        <Input maxLength={40} data-testid="duty-to-petition-name" />
      </Form.Item>
      <Form.Item name="type" label={d.petitionType}>
        <Select options={PETITION_TYPES.map((type) => ({ value: type, label: t.petitions.types[type] }))} />
      </Form.Item>
    </FormModal>
  );
}
