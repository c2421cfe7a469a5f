import { App, Checkbox, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import { stepDocumentOf } from '../../../../common/domain/documents.ts';
import { replyDraftOf } from '../../../../common/domain/reply.ts';
import { format, type PetitionVerb } from '../../../../common/i18n/index.ts';
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

/** Opinions always make their 意见书 in the step; the other steps that require a document offer it. */
const ALWAYS_MADE: readonly PetitionVerb[] = ['issueReviewOpinion', 'issueReconsiderationOpinion'];

function initialValuesOf(verb: PetitionVerb | null, petition: PetitionDetailView): Values {
  if (verb === null) return {};
  const values: Values = {};
  for (const spec of VERB_FORMS[verb].fields) if (spec.kind === 'switch') values[spec.name] = spec.initial;
  // The reply starts from the petition: the petitioner's request and the facts and reasons they gave (第32条).
  if (verb === 'draftReply') Object.assign(values, replyDraftOf(petition));
  if (ALWAYS_MADE.includes(verb)) values.deliveryMethod = 'in_person';
  if (stepDocumentOf(verb) !== null && !ALWAYS_MADE.includes(verb)) values.withDocument = true;
  return values;
}

/** A small form for one verb, posted on the version of the case the viewer sees. */
export function ActionModal({ petition, verb, units, onCancel, onDone }: Props) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const fields = verb === null ? [] : VERB_FORMS[verb].fields;
  const document = verb === null ? null : stepDocumentOf(verb);
  const offered = document !== null && verb !== null && !ALWAYS_MADE.includes(verb);
  return (
    <FormModal<Values>
      open={verb !== null}
      title={verb === null ? '' : t.petitions.verbs[verb]}
      form={form}
      fieldNames={[...fields.map((spec) => spec.name), 'withDocument']}
      initialValues={{
        ...initialValuesOf(verb, petition),
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
        const body = toBody(fields, values);
        if (offered && values.withDocument === true) body.withDocument = true;
        onDone(await act(petition.id, VERB_FORMS[verb].path, body, petition.version));
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
      {verb === 'draftReply' && (
        <Typography.Paragraph type="secondary">{t.petitions.draftFromPetition}</Typography.Paragraph>
      )}
      {fields.map((spec, index) => (
        <ActionField key={spec.name} spec={spec} units={units} autoFocus={index === 0} petitionId={petition.id} />
      ))}
      {document !== null && !offered && (
        <Typography.Paragraph type="secondary" data-testid="action-document-in-step">
          {format(t.petitions.documentInStep, { document: t.documents.kinds[document] })}
        </Typography.Paragraph>
      )}
      {offered && (
        <Form.Item name="withDocument" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="action-with-document">
            {format(t.petitions.withDocument, { document: t.documents.kinds[document] })}
          </Checkbox>
        </Form.Item>
      )}
    </FormModal>
  );
}
