import { useMemo } from 'react';
import { Form, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { canContain } from '../../../../common/domain/unit-tree.ts';
import type { MoveUnitInput, UnitView } from '../../../../common/schemas/unit.ts';
import { moveUnit } from '../../api/unit.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { subtreeIds } from '../../components/unit-forest.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';

const FIELDS = ['parentId'] as const;

type Props = {
  open: boolean;
  unit: UnitView;
  units: readonly UnitView[];
  onCancel: () => void;
  onMoved: (unit: UnitView) => void;
};

/** 移动: a new parent for `unit`; only units that may contain it and lie outside its subtree are offered. */
export function MoveUnitModal({ open, unit, units, onCancel, onMoved }: Props) {
  const t = useT();
  const [form] = Form.useForm<MoveUnitInput>();
  // Not the unit's own subtree (a cycle), nor a unit whose kind cannot contain this one.
  const excluded = useMemo(() => {
    const ids = subtreeIds(units, unit.id);
    for (const candidate of units) if (!canContain(candidate.kind, unit.kind)) ids.add(candidate.id);
    return ids;
  }, [units, unit.id, unit.kind]);
  return (
    <FormModal<MoveUnitInput>
      open={open}
      title={format(t.units.moveTitle, { name: unit.name })}
      form={form}
      fieldNames={FIELDS}
      initialValues={unit.parentId === null ? {} : { parentId: unit.parentId }}
      onCancel={onCancel}
      onSubmit={async (values) => onMoved(await moveUnit(unit.id, { parentId: values.parentId }))}
    >
      <Typography.Paragraph type="secondary">{t.units.moveHint}</Typography.Paragraph>
      <Form.Item name="parentId" label={t.units.newParent} rules={[{ required: true, message: t.common.required }]}>
        <UnitTreeSelect units={units} disabledIds={excluded} activeOnly />
      </Form.Item>
    </FormModal>
  );
}
