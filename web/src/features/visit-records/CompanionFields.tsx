import { Checkbox, Input } from 'antd';
import { COMPANIONS_MAX } from '../../../../common/schemas/visit-record.ts';
import { useT } from '../../i18n/locale-context.ts';
import { RowListFields } from './RowListFields.tsx';

/** 随行人员: who came along (name, relation, representative of a group); the list `companions`. */
export function CompanionFields() {
  const t = useT();
  const v = t.intake.visit;
  return (
    <RowListFields
      name="companions"
      title={v.companions}
      max={COMPANIONS_MAX}
      blank={{ isRepresentative: false }}
      addLabel={v.addCompanion}
      removeWidth={{ xs: 4, sm: 3 }}
      testId={{ row: 'visit-companion', add: 'visit-add-companion' }}
      cells={[
        {
          name: 'name',
          label: v.companionName,
          xs: 24,
          sm: 9,
          rules: [{ required: true, whitespace: true, message: t.common.required }, { max: 40 }],
          input: (testId) => <Input data-testid={testId} />,
        },
        {
          name: 'relation',
          label: v.relation,
          xs: 14,
          sm: 8,
          rules: [{ max: 40 }],
          input: () => <Input placeholder={v.relationPlaceholder} />,
        },
        {
          name: 'isRepresentative',
          label: v.representative,
          xs: 6,
          sm: 4,
          valuePropName: 'checked',
          input: () => <Checkbox />,
        },
      ]}
    />
  );
}
