import { Checkbox, Form, Input } from 'antd';
import { PhoneSchema } from '../../../../common/domain/identity.ts';
import { format } from '../../../../common/i18n/index.ts';
import { UserContactInputSchema } from '../../../../common/schemas/user.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The form's field names, for the server's issues (`email`, `mobile`). */
export const CONTACT_FIELDS = ['email', 'mobile'] as const;

/**
 * E-mail and mobile, shared by 用户管理's 联系方式 and 我的账户. The mobile on file is shown masked
 * beside an empty box: typing replaces it, 清除现有号码 removes it, leaving both alone keeps it.
 */
export function ContactFields({ mobileOnFile }: { mobileOnFile: string | null }) {
  const t = useT();
  const c = t.contact;
  return (
    <>
      <Form.Item name="email" label={c.email} rules={[schemaRule(UserContactInputSchema.shape.email, c.emailInvalid)]}>
        <Input
          type="email"
          inputMode="email"
          autoComplete="email"
          placeholder={c.emailPlaceholder}
          data-testid="contact-email"
        />
      </Form.Item>
      <Form.Item
        name="mobile"
        label={c.mobile}
        extra={
          <span data-testid="contact-mobile-on-file">
            {mobileOnFile === null ? c.mobileNone : format(c.mobileOnFile, { mobile: mobileOnFile })}
          </span>
        }
        rules={[schemaRule(PhoneSchema, c.mobileInvalid)]}
      >
        <Input
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder={mobileOnFile === null ? c.mobileNew : c.mobileKeep}
          data-testid="contact-mobile"
        />
      </Form.Item>
      {mobileOnFile !== null && (
        <Form.Item name="clearMobile" valuePropName="checked">
          <Checkbox data-testid="contact-clear-mobile">{c.clearMobile}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}
