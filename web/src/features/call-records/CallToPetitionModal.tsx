import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Modal, Result, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { CallRecordView, CallToPetitionView } from '../../../../common/schemas/call-record.ts';
import type { PetitionType, Purpose } from '../../../../common/schemas/petition.ts';
import { ApiError } from '../../api/client.ts';
import { callToPetition } from '../../api/call-record.ts';
import { petitionPath } from '../../app/paths.ts';
import { enterMovesOn } from '../../components/enter-moves-on.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { MatterFields } from '../intake/MatterFields.tsx';
import { PetitionerFields } from '../petitions/PetitionerFields.tsx';
import { listUnits } from '../../api/unit.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { readRegisterDefaults } from '../petitions/register-defaults.ts';
import { formPathOf, toNewPetition, type PetitionerValues } from '../visit-records/visit-input.ts';

type Values = {
  type: PetitionType;
  purpose: Purpose;
  categoryCode?: string;
  skipLevel: boolean;
  title?: string;
  body?: string;
  petitioners?: PetitionerValues[];
  useCallerNumber: boolean;
};

/**
 * 来电转为信访事项: the matter and the petitioners (the caller first; the call-back number becomes
 * their phone on the server, so it never comes to the browser in full). The case is registered as
 * 来电 at the call's time and linked both ways; the receipt's number and tracking code are told to
 * the caller.
 */
/** The unit tree, for the petitioners' unit (越级 is decided from it). */
const loadUnits = () => listUnits(false);

export function CallToPetitionModal({
  call,
  onClose,
  onDone,
}: {
  call: CallRecordView | null;
  onClose: () => void;
  onDone: (call: CallRecordView) => void;
}) {
  const t = useT();
  const units = useLoader(loadUnits);
  const c = t.intake.call;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CallToPetitionView | null>(null);
  const defaults = readRegisterDefaults({ channel: 'phone', type: 'appeal', purpose: 'request' });

  const finish = async (values: Values) => {
    if (call === null) return;
    setSubmitting(true);
    setError(null);
    try {
      const result = await callToPetition(call.id, {
        petition: toNewPetition(values, 'phone', 1),
        useCallerNumber: values.useCallerNumber,
      });
      setDone(result);
      onDone(result.call);
    } catch (caught) {
      const issues = caught instanceof ApiError ? caught.issues : [];
      const placed = issues.map((issue) => ({ issue, path: formPathOf(issue.path) }));
      if (issues.length > 0 && placed.every((p) => p.path !== null))
        form.setFields(placed.map((p) => ({ name: p.path as NamePath<Values>, errors: [p.issue.message] })));
      else setError(errorText(t, caught, locale));
    } finally {
      setSubmitting(false);
    }
  };

  const close = () => {
    setDone(null);
    setError(null);
    onClose();
  };

  return (
    <Modal
      open={call !== null}
      title={c.toPetitionTitle}
      onCancel={close}
      width={880}
      destroyOnHidden
      footer={
        done === null
          ? [
              <Button key="cancel" onClick={close}>
                {t.common.cancel}
              </Button>,
              <Button
                key="ok"
                type="primary"
                loading={submitting}
                onClick={() => form.submit()}
                data-testid="call-petition-save"
              >
                {t.petitions.submit}
              </Button>,
            ]
          : [
              <Button key="close" onClick={close}>
                {t.common.confirm}
              </Button>,
            ]
      }
    >
      {done !== null ? (
        <Result
          status="success"
          title={format(c.converted, { caseNumber: done.receipt.caseNumber })}
          subTitle={
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                {t.petitions.trackingCode}
              </Typography.Paragraph>
              <Typography.Text
                strong
                copyable
                style={{ fontSize: 26, letterSpacing: 2, fontFamily: 'monospace' }}
                data-testid="call-petition-code"
              >
                {done.receipt.trackingCode}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {c.convertedHint}
              </Typography.Paragraph>
            </>
          }
          extra={
            done.receipt.readable && (
              <Button
                type="primary"
                onClick={() => void navigate(petitionPath(done.receipt.petitionId))}
                data-testid="call-petition-open"
              >
                {t.petitions.openCase}
              </Button>
            )
          }
        />
      ) : (
        call !== null && (
          <Form<Values>
            form={form}
            layout="vertical"
            disabled={submitting}
            initialValues={{
              type: defaults.type,
              purpose: defaults.purpose,
              skipLevel: false,
              body: call.summary,
              petitioners: [{ name: call.callerName ?? '', identity: 'employee', isRepresentative: false }],
              useCallerNumber: call.callerNumber !== null,
            }}
            onFinish={(values) => void finish(values)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.submit();
              } else enterMovesOn(event);
            }}
            data-testid="call-petition-form"
          >
            {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <PetitionerFields units={units.data ?? []} />
            {call.callerNumber !== null && (
              <Form.Item name="useCallerNumber" valuePropName="checked">
                <Checkbox>{c.useCallerNumber}</Checkbox>
              </Form.Item>
            )}
            <MatterFields testIdPrefix="call-petition" />
          </Form>
        )
      )}
    </Modal>
  );
}
