import { z } from 'zod';
import { PhoneSchema } from '../domain/identity.ts';
import { IdSchema } from './unit.ts';

/** Roles from the glossary; each user has exactly one and is attached to one unit. */
export const ROLES = ['admin', 'chief', 'deputy', 'officer', 'handler', 'unit_head', 'partner', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** One source for password limits, read by the server and the browser. */
export const PASSWORD_MIN_LENGTH = 10;
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(128, { error: 'password must be at most 128 characters' });

export const UsernameSchema = z
  .string()
  .trim()
  .min(3, { error: 'username must be at least 3 characters' })
  .max(32, { error: 'username must be at most 32 characters' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'username may use lower-case letters, digits, ".", "_" and "-"' });

export const UserViewSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  unitId: IdSchema,
  unitName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** Where outbound notifications go: the e-mail address and the mobile number, masked. */
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  /** 职务, when the administrator recorded one. */
  position: z.string().nullable(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const UserListQuerySchema = z.object({
  unitId: IdSchema.optional(),
  role: RoleSchema.optional(),
  q: z.string().trim().max(50).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

/** A user in a list, with the unit named along the tree below the enterprise (`东山煤矿 人力资源科`). */
export const UserListItemViewSchema = UserViewSchema.extend({ unitPathName: z.string() });
export type UserListItemView = z.infer<typeof UserListItemViewSchema>;

export const UserListViewSchema = z.object({ users: z.array(UserListItemViewSchema) });
export type UserListView = z.infer<typeof UserListViewSchema>;

export const CreateUserInputSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, { error: 'displayName must not be empty' }).max(40),
  role: RoleSchema,
  unitId: IdSchema,
  password: PasswordSchema,
  /** 职务 (矿长, 综采一队队长): tells namesakes apart when a petition names a person. */
  position: z.string().trim().max(60).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const UserIdParamsSchema = z.object({ id: IdSchema });

export const ResetPasswordInputSchema = z.object({ newPassword: PasswordSchema });

/**
 * A person's contact for outbound notifications; null clears it. The mobile number is only ever
 * shown masked, so a form cannot send it back: leaving `mobile` out keeps the number on file.
 */
export const UserContactInputSchema = z
  .object({
    email: z.email({ error: 'not an e-mail address' }).max(200).nullable(),
    mobile: PhoneSchema.nullable().optional(),
  })
  .strict();
export type UserContactInput = z.infer<typeof UserContactInputSchema>;
export type ResetPasswordInput = z.infer<typeof ResetPasswordInputSchema>;
