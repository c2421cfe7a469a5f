import { useState } from 'react';
import { Card, Form } from 'antd';
import dayjs from 'dayjs';
import type { NamePath } from 'antd/es/form/interface';
import { isOffice } from '../../../../common/domain/access.ts';
import type { FieldIssue } from '../../../../common/errors.ts';
import {
  VisitRecordInputSchema,
  type RecordedVisitView,
  type VisitRecordInput,
} from '../../../../common/schemas/visit-record.ts';
import { ApiError } from '../../api/client.ts';
import { recordVisit } from '../../api/visit-record.ts';
import { visitRecordPrintPath } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { readRegisterDefaults } from '../petitions/register-defaults.ts';
import { TranscriptReadback } from './TranscriptReadback.tsx';
import { formPathOf, toVisitInput } from './visit-input.ts';
import { VisitReceipt } from './VisitReceipt.tsx';
import { VisitRecordForm, type VisitFormValues } from './VisitRecordForm.tsx';

type Step = 'form' | 'readback' | 'receipt';

function freshValues(): VisitFormValues {
  const defaults = readRegisterDefaults({ channel: 'visit', type: 'appeal', purpose: 'request' });
  return {
    mode: 'new',
    headcount: 1,
    type: defaults.type,
    purpose: defaults.purpose,
    skipLevel: false,
    petitioners: [{ identity: 'employee', isRepresentative: false }],
    companions: [],
    transcript: '',
    materials: [],
    // The visitor arrived as the form opened; the officer corrects it when they waited.
    arrivedAt: dayjs(),
    leftAt: null,
  };
}

/**
 * 来访登记: the form (keyboard-first) → 宣读确认 with the signature pad → the receipt (回执). The form
 * stays mounted behind the read-back, so "back" and the server's field issues land on its fields.
 */
export function VisitRecordPage() {
  const t = useT();
  const v = t.intake.visit;
  const { locale } = useLocale();
  const session = useSession();
  const [form] = Form.useForm<VisitFormValues>();
  const [initialValues, setInitialValues] = useState(freshValues);
  const [step, setStep] = useState<Step>('form');
  const [input, setInput] = useState<VisitRecordInput | null>(null);
  const [recorded, setRecorded] = useState<RecordedVisitView | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const caseNumber = Form.useWatch('caseNumber', form);

  /** Put each issue on its field; a rule about a whole list (第20条) goes above the form. */
  const showIssues = (issues: readonly FieldIssue[]) => {
    let general: string | null = null;
    for (const issue of issues) {
      const path = formPathOf(issue.path);
      if (path === null) general = v.representativesHint;
      else form.setFields([{ name: path as NamePath<VisitFormValues>, errors: [issue.message] }]);
    }
    setFormError(general);
    setStep('form');
  };

  const readBack = (values: VisitFormValues) => {
    setFormError(null);
    const next = toVisitInput(values, {
      arrivedAt: values.arrivedAt.toISOString(),
      ...(values.leftAt === undefined || values.leftAt === null ? {} : { leftAt: values.leftAt.toISOString() }),
    });
    // The rules of the server, checked before the visitor signs (five representatives at most, …).
    const parsed = VisitRecordInputSchema.safeParse(next);
    if (!parsed.success) {
      showIssues(
        parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message })),
      );
      return;
    }
    setInput(next);
    setSubmitError(null);
    setStep('readback');
  };

  const submit = async (signaturePng: string | null) => {
    if (input === null) return;
    setSubmitting(true);
    setSubmitError(null);
    // Opened now, while the click still counts as the user's: a browser blocks it after an await.
    const printWindow = signaturePng === null ? window.open('', '_blank') : null;
    try {
      const done = await recordVisit(signaturePng === null ? input : { ...input, signaturePng });
      setRecorded(done);
      setStep('receipt');
      if (printWindow !== null) printWindow.location.href = visitRecordPrintPath(done.visit.id);
    } catch (caught) {
      printWindow?.close();
      if (caught instanceof ApiError && caught.issues.length > 0) showIssues(caught.issues);
      else setSubmitError(errorText(t, caught, locale));
    } finally {
      setSubmitting(false);
    }
  };

  const another = () => {
    const fresh = freshValues();
    setInitialValues(fresh);
    form.resetFields();
    form.setFieldsValue(fresh);
    setInput(null);
    setRecorded(null);
    setStep('form');
  };

  return (
    <Card title={v.title}>
      <div style={step === 'form' ? undefined : { display: 'none' }}>
        <VisitRecordForm
          form={form}
          initialValues={initialValues}
          error={formError}
          onReadBack={readBack}
          canNameReceiver={isOffice(session.user.role)}
        />
      </div>
      {step === 'readback' && input !== null && (
        <TranscriptReadback
          input={input}
          caseNumber={input.petitionId === undefined ? undefined : caseNumber}
          submitting={submitting}
          error={submitError}
          onSign={(png) => void submit(png)}
          onPrintInstead={() => void submit(null)}
          onBack={() => setStep('form')}
        />
      )}
      {step === 'receipt' && recorded !== null && <VisitReceipt recorded={recorded} onAnother={another} />}
    </Card>
  );
}
