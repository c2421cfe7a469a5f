import { Form, Input } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { RenameUnitInput, UnitView } from '../../../../common/schemas/unit.ts';
import { renameUnit } from '../../api/unit.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

const FIELDS = ['name'] as const;

type Props = { open: boolean; unit: UnitView; onCancel: () => void; onRenamed: (unit: UnitView) => void };

/** 重命名: a new name for `unit`. */
export function RenameUnitModal({ open, unit, onCancel, onRenamed }: Props) {
  const t = useT();
  const [form] = Form.useForm<RenameUnitInput>();
  return (
    <FormModal<RenameUnitInput>
      open={open}
      title={t.units.rename}
      form={form}
      fieldNames={FIELDS}
      initialValues={{ name: unit.name }}
      onCancel={onCancel}
      onSubmit={async (values) => onRenamed(await renameUnit(unit.id, { name: values.name.trim() }))}
    >
      <Form.Item
        name="name"
        label={t.units.name}
        rules={[
          { required: true, whitespace: true, message: t.common.required },
          { max: 60, message: format(t.form.maxLength, { max: 60 }) },
        ]}
      >
        <Input autoFocus data-testid="unit-rename-input" />
      </Form.Item>
    </FormModal>
  );
}
