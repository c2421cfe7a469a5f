import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { applyFieldIssues } from './form-errors.ts';
import { errorText } from './error-text.ts';
import { useLocale, useT } from '../i18n/locale-context.ts';

type Props<Values> = {
  open: boolean;
  title: ReactNode;
  form: FormInstance<Values>;
  /** The Form.Item names, so server validation issues land on the right field. */
  fieldNames: readonly NamePath<Values>[];
  initialValues?: Partial<Values> | undefined;
  okText?: string | undefined;
  /** data-testid of the OK button, for end-to-end tests. */
  okTestId?: string | undefined;
  onCancel: () => void;
  /** Resolve to close the modal; reject with the API error to keep it open and show the error. */
  onSubmit: (values: Values) => Promise<void>;
  children: ReactNode;
};

/**
 * A modal holding one form: submits through `onSubmit`, shows server validation issues on their
 * fields and any other error as the catalog text above the form.
 */
export function FormModal<Values>({
  open,
  title,
  form,
  fieldNames,
  initialValues,
  okText,
  okTestId,
  onCancel,
  onSubmit,
  children,
}: Props<Values>) {
  const t = useT();
  const { locale } = useLocale();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Each opening is a new form, its store cleared when the last one goes. Opened again before its
  // closing animation ended, the dialog kept the old form, whose store still held the last values
  // (a user's e-mail came back empty, not the new `initialValues`).
  const [opening, setOpening] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpening((n) => n + 1);
  }

  const finish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (caught) {
      if (!applyFieldIssues(form, caught, fieldNames)) setError(errorText(t, caught, locale));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={submitting}
      {...(okTestId === undefined ? {} : { okButtonProps: { 'data-testid': okTestId } })}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterOpenChange={(visible) => {
        if (!visible) setError(null);
      }}
      destroyOnHidden
    >
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        key={opening}
        form={form}
        clearOnDestroy
        layout="vertical"
        {...(initialValues === undefined ? {} : { initialValues })}
        onFinish={(values) => void finish(values)}
        preserve={false}
        disabled={submitting}
      >
        {children}
      </Form>
    </Modal>
  );
}
