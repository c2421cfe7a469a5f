import { z } from 'zod';
import { PasswordSchema, UserViewSchema } from './user.ts';

export const LoginInputSchema = z.object({
  username: z.string().trim().min(1, { error: 'username is required' }).max(64),
  password: z.string().min(1, { error: 'password is required' }).max(128),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** The signed-in user and the CSRF token the browser must echo in `x-csrf-token` on every state change. */
export const SessionViewSchema = z.object({
  user: UserViewSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, { error: 'currentPassword is required' }).max(128),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

export const OkViewSchema = z.object({ ok: z.literal(true) });
export type OkView = z.infer<typeof OkViewSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'xf_sid';
