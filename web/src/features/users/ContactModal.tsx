import { Form, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { UserView } from '../../../../common/schemas/user.ts';
import { setUserContact } from '../../api/user.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { CONTACT_FIELDS, ContactFields } from './ContactFields.tsx';
import { contactFormOf, contactInputOf, type ContactValues } from './contact-input.ts';

type Props = { user: UserView | null; onCancel: () => void; onSaved: (user: UserView) => void };

/** 联系方式 of a user the administrator manages; open while `user` is set. */
export function ContactModal({ user, onCancel, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<ContactValues>();
  return (
    <FormModal<ContactValues>
      open={user !== null}
      title={user === null ? t.contact.title : format(t.contact.modalTitle, { name: user.displayName })}
      form={form}
      fieldNames={CONTACT_FIELDS}
      initialValues={user === null ? undefined : contactFormOf(user)}
      okTestId="contact-submit"
      onCancel={onCancel}
      onSubmit={async (values) => {
        if (user !== null) onSaved(await setUserContact(user.id, contactInputOf(values)));
      }}
    >
      <Typography.Paragraph type="secondary">{t.contact.hint}</Typography.Paragraph>
      <ContactFields mobileOnFile={user?.mobile ?? null} />
    </FormModal>
  );
}
