import { useState } from 'react';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { PhoneSchema } from '../../../../common/domain/identity.ts';
import { SUMMARY_MAX, type CallRecordView } from '../../../../common/schemas/call-record.ts';
import { ApiError } from '../../api/client.ts';
import { recordCall } from '../../api/call-record.ts';
import { enterMovesOn } from '../../components/enter-moves-on.ts';
import { errorText } from '../../components/error-text.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { durationSeconds } from './call-format.ts';

type Values = {
  callerName?: string;
  callerNumber?: string;
  summary: string;
  durationMinutes?: number | null;
  calledAt: Dayjs;
  promised: boolean;
  callbackDueAt?: Dayjs | null;
};

const FIELDS = new Set(['callerName', 'callerNumber', 'summary', 'calledAt', 'callbackDueAt', 'durationSeconds']);

function blank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Tomorrow at 17:00: the promise an office usually makes. */
function tomorrowEvening(): Dayjs {
  return dayjs().add(1, 'day').hour(17).minute(0).second(0).millisecond(0);
}

/**
 * 登记来电, opened as the phone rings: the call's time is when the form opened and, unless typed, its
 * duration runs until it is saved. Keyboard-first: the caller's name has the focus, Enter moves on,
 * Ctrl+Enter saves.
 */
export function CallRecordModal({
  open,
  onClose,
  onRecorded,
}: {
  open: boolean;
  onClose: () => void;
  onRecorded: (call: CallRecordView) => void;
}) {
  const t = useT();
  const c = t.intake.call;
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [openedAt, setOpenedAt] = useState(() => Date.now());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const promised = Form.useWatch<boolean | undefined>('promised', form) === true;

  const finish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const callerName = blank(values.callerName);
      const callerNumber = blank(values.callerNumber);
      const call = await recordCall({
        calledAt: values.calledAt.toISOString(),
        durationSeconds: durationSeconds(values.durationMinutes, openedAt, Date.now()),
        summary: values.summary.trim(),
        ...(callerName === undefined ? {} : { callerName }),
        ...(callerNumber === undefined ? {} : { callerNumber }),
        ...(values.promised && values.callbackDueAt !== undefined && values.callbackDueAt !== null
          ? { callbackDueAt: values.callbackDueAt.toISOString() }
          : {}),
      });
      onRecorded(call);
    } catch (caught) {
      const issues = caught instanceof ApiError ? caught.issues.filter((i) => FIELDS.has(String(i.path[0]))) : [];
      if (issues.length > 0)
        form.setFields(
          issues.map((issue) => ({
            name: (issue.path[0] === 'durationSeconds' ? 'durationMinutes' : issue.path[0]) as NamePath<Values>,
            errors: [issue.message],
          })),
        );
      else setError(errorText(t, caught, locale));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={c.record}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'call-save' }}
      afterOpenChange={(visible) => {
        if (visible) {
          setOpenedAt(Date.now());
          form.setFieldsValue({ calledAt: dayjs(), callbackDueAt: tomorrowEvening() });
        }
      }}
      destroyOnHidden
      width={640}
      // Ant Design's focus trap registers as the opening animation ends and then pulls the focus back
      // from a field just tabbed to: an officer typing as the phone rings lost keystrokes (seen in the
      // journey, 1 in 6). Escape and the buttons still close it.
      focusable={{ trap: false }}
    >
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ calledAt: dayjs(), promised: false, callbackDueAt: tomorrowEvening() }}
        onFinish={(values) => void finish(values)}
        preserve={false}
        disabled={submitting}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            form.submit();
          } else enterMovesOn(event);
        }}
        data-testid="call-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="callerName" label={c.callerName} rules={[{ max: 40 }]}>
              <Input autoFocus data-testid="call-caller-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="callerNumber"
              label={c.callerNumber}
              rules={[
                schemaRule(PhoneSchema, t.petitions.phoneInvalid),
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: unknown) => {
                    if (getFieldValue('promised') === true && (value === undefined || value === ''))
                      throw new Error(c.callbackNeedsNumber);
                  },
                }),
              ]}
            >
              <Input autoComplete="off" data-testid="call-caller-number" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label={c.summary}
          rules={[{ required: true, whitespace: true, message: t.common.required }, { min: 2 }, { max: SUMMARY_MAX }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="call-summary" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="durationMinutes" label={c.durationMinutes} tooltip={c.durationHint}>
              <InputNumber min={0} max={240} step={1} style={{ width: '100%' }} data-testid="call-duration" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={16}>
            <Form.Item name="calledAt" label={c.calledAt} rules={[{ required: true, message: t.common.required }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12} align="middle">
          <Col xs={24} sm={8}>
            <Form.Item name="promised" valuePropName="checked">
              <Checkbox data-testid="call-promised">{c.promiseCallback}</Checkbox>
            </Form.Item>
          </Col>
          {promised && (
            <Col xs={24} sm={16}>
              <Form.Item
                name="callbackDueAt"
                label={c.callbackDueAt}
                rules={[{ required: true, message: t.common.required }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
