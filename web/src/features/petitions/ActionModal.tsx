import { App, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import type { PetitionVerb } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { act } from '../../api/petition.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { ActionField } from './ActionField.tsx';
import { CategorySuggestion } from '../text/CategorySuggestion.tsx';
import { confirmWithoutCategory } from '../categories/confirm-without-category.ts';
import { VERB_FORMS, type FieldSpec } from './verb-forms.ts';

type Values = Record<string, unknown>;

type Props = {
  petition: PetitionDetailView;
  /** The verb being done, or null when the modal is closed. */
  verb: PetitionVerb | null;
  units: readonly UnitView[];
  onCancel: () => void;
  onDone: (detail: PetitionDetailView) => void;
};

/** The body of a verb: empty fields left out, dates as `YYYY-MM-DD`. */
function toBody(fields: readonly FieldSpec[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const spec of fields) {
    const value = values[spec.name];
    if (value === undefined || value === null || value === '') continue;
    if (spec.kind === 'date' && dayjs.isDayjs(value)) body[spec.name] = value.format('YYYY-MM-DD');
    else if (typeof value === 'string') body[spec.name] = value.trim();
    else body[spec.name] = value;
  }
  return body;
}

function initialValuesOf(fields: readonly FieldSpec[]): Values {
  const values: Values = {};
  for (const spec of fields) if (spec.kind === 'switch') values[spec.name] = spec.initial;
  return values;
}

/** A small form for one verb, posted on the version of the case the viewer sees. */
export function ActionModal({ petition, verb, units, onCancel, onDone }: Props) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const fields = verb === null ? [] : VERB_FORMS[verb].fields;
  return (
    <FormModal<Values>
      open={verb !== null}
      title={verb === null ? '' : t.petitions.verbs[verb]}
      form={form}
      fieldNames={fields.map((spec) => spec.name)}
      initialValues={{
        ...initialValuesOf(fields),
        // 更正越级标记 offers the opposite of the flag the rule set.
        ...(verb === 'correctSkipLevel' ? { skipLevel: !petition.flags.skipLevel } : {}),
      }}
      okText={t.common.confirm}
      okTestId="action-submit"
      onCancel={onCancel}
      onSubmit={async (values) => {
        if (verb === null) return;
        // 研判 that leaves a case without any category asks first; the modal stays open on 返回选择分类.
        const uncategorised = petition.categoryCode === null && (values.categoryCode ?? '') === '';
        if (verb === 'triage' && uncategorised && !(await confirmWithoutCategory(modal, t))) {
          form.focusField('categoryCode');
          return;
        }
        onDone(await act(petition.id, VERB_FORMS[verb].path, toBody(fields, values), petition.version));
      }}
    >
      {verb === 'confirmOwnership' && <Typography.Paragraph>{t.petitions.confirmOwnershipHint}</Typography.Paragraph>}
      {(verb === 'triage' || verb === 'assign' || verb === 'forward') && (
        <CategorySuggestion
          title={petition.title}
          body={petition.body}
          onAccept={verb === 'triage' ? (code) => form.setFieldValue('categoryCode', code) : undefined}
          onAcceptUnit={verb === 'triage' ? undefined : (unitId) => form.setFieldValue('handlingUnitId', unitId)}
        />
      )}
      {fields.map((spec, index) => (
        <ActionField key={spec.name} spec={spec} units={units} autoFocus={index === 0} />
      ))}
    </FormModal>
  );
}
