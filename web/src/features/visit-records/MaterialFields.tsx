import { Checkbox, Input, InputNumber } from 'antd';
import { MATERIALS_MAX } from '../../../../common/schemas/visit-record.ts';
import { useT } from '../../i18n/locale-context.ts';
import { RowListFields } from './RowListFields.tsx';

/** 接收材料: what the visitor handed over (item, copies, original or copy); the list `materials`. */
export function MaterialFields() {
  const t = useT();
  const v = t.intake.visit;
  return (
    <RowListFields
      name="materials"
      title={v.materials}
      max={MATERIALS_MAX}
      blank={{ copies: 1, original: false }}
      addLabel={v.addMaterial}
      removeWidth={{ xs: 6, sm: 3 }}
      testId={{ row: 'visit-material', add: 'visit-add-material' }}
      cells={[
        {
          name: 'name',
          label: v.materialName,
          xs: 24,
          sm: 12,
          rules: [{ required: true, whitespace: true, message: t.common.required }, { max: 100 }],
          input: (testId) => <Input data-testid={testId} />,
        },
        {
          name: 'copies',
          label: v.copies,
          xs: 10,
          sm: 5,
          rules: [{ required: true, message: t.common.required }],
          input: () => <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />,
        },
        { name: 'original', label: v.original, xs: 8, sm: 4, valuePropName: 'checked', input: () => <Checkbox /> },
      ]}
    />
  );
}
