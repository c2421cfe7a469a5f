import { Form, Input, Select } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { CreateUnitInput, UnitView } from '../../../../common/schemas/unit.ts';
import { createUnit } from '../../api/unit.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { childKindsOf } from './unit-kinds.ts';

type Values = Omit<CreateUnitInput, 'parentId'>;
const FIELDS = ['kind', 'name', 'code'] as const;

type Props = { open: boolean; parent: UnitView; onCancel: () => void; onCreated: (unit: UnitView) => void };

/** 新增下级: a new unit under `parent`. */
export function CreateUnitModal({ open, parent, onCancel, onCreated }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const kinds = childKindsOf(parent.kind);
  const firstKind = kinds[0];
  const submit = async (values: Values) => {
    const code = values.code?.trim();
    onCreated(
      await createUnit({
        parentId: parent.id,
        kind: values.kind,
        name: values.name.trim(),
        ...(code === undefined || code === '' ? {} : { code }),
      }),
    );
  };
  return (
    <FormModal<Values>
      open={open}
      title={format(t.units.addChildTitle, { parent: parent.name })}
      form={form}
      fieldNames={FIELDS}
      initialValues={firstKind === undefined ? {} : { kind: firstKind }}
      okText={t.common.create}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item name="kind" label={t.units.kind} rules={[{ required: true, message: t.common.required }]}>
        <Select options={kinds.map((kind) => ({ value: kind, label: t.unitKinds[kind] }))} data-testid="unit-kind" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t.units.name}
        rules={[
          { required: true, whitespace: true, message: t.common.required },
          { max: 60, message: format(t.form.maxLength, { max: 60 }) },
        ]}
      >
        <Input autoFocus data-testid="unit-name" />
      </Form.Item>
      <Form.Item
        name="code"
        label={t.units.code}
        extra={t.units.codeHint}
        rules={[{ max: 30, message: format(t.form.maxLength, { max: 30 }) }]}
      >
        <Input data-testid="unit-code" />
      </Form.Item>
    </FormModal>
  );
}
