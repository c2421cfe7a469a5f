/**
 * The contact form's values as the request POST /api/users/:id/contact takes them. The mobile on
 * file is only ever shown masked, so it cannot be sent back: a typed number replaces it, 清除现有号码
 * removes it (null), and otherwise `mobile` is left out, which keeps it (user.service setUserContact).
 */
import type { UserContactInput } from '../../../../common/schemas/user.ts';

export type ContactValues = {
  email?: string | null | undefined;
  mobile?: string | null | undefined;
  clearMobile?: boolean | undefined;
};

export function contactInputOf(values: ContactValues): UserContactInput {
  const email = values.email?.trim() ?? '';
  const mobile = values.mobile?.trim() ?? '';
  const mobilePart = mobile !== '' ? { mobile } : values.clearMobile === true ? { mobile: null } : {};
  return { email: email === '' ? null : email, ...mobilePart };
}

/** What the form starts from: the e-mail on file, an empty mobile box (the masked number shown beside it). */
export function contactFormOf(user: { email: string | null }): ContactValues {
  return { email: user.email ?? '', mobile: '', clearMobile: false };
}
