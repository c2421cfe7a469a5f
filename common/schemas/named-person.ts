/**
 * Contracts of 被反映人 (named persons) beyond registration: the proposals while an officer types a
 * name, and the verbs that add, correct and resolve a named person on a case later.
 */
import { z } from 'zod';
import { NamedPersonFieldsSchema } from './petition.ts';
import { IdSchema } from './unit.ts';

/** At most this many proposals: enough to choose, too few to list an organisation. */
export const NAMED_PERSON_MATCH_LIMIT = 8;

export const NamedPersonMatchQuerySchema = z.object({
  name: z.string().trim().min(1, { error: 'name is required' }).max(40),
  unitId: IdSchema.optional(),
  position: z.string().trim().max(60).optional(),
});
export type NamedPersonMatchQuery = z.input<typeof NamedPersonMatchQuerySchema>;

/** Only what is needed to choose: the name, the unit along the tree, the position. */
export const NamedPersonMatchViewSchema = z.object({
  items: z.array(
    z
      .object({
        userId: IdSchema,
        displayName: z.string(),
        unitPathName: z.string(),
        position: z.string().nullable(),
      })
      .strict(),
  ),
});
export type NamedPersonMatchView = z.infer<typeof NamedPersonMatchViewSchema>;

/** Add a named person to a case, or correct one (`namedPersonId`): a corrected name is unresolved again unless confirmed. */
export const NameAccusedInputSchema = NamedPersonFieldsSchema.extend({ namedPersonId: IdSchema.optional() })
  .strict()
  .superRefine((input, ctx) => {
    if (input.userId !== undefined && input.noAccount === true)
      ctx.addIssue({ code: 'custom', path: ['noAccount'], message: 'an account was confirmed for this name' });
  });
export type NameAccusedInput = z.input<typeof NameAccusedInputSchema>;

/** The officer's confirmation: this account is the person, or no account is. */
export const ResolveNamedPersonInputSchema = z
  .object({ namedPersonId: IdSchema, userId: IdSchema.optional(), noAccount: z.literal(true).optional() })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.userId === undefined) === (input.noAccount === undefined))
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'either the account or "no account"' });
  });
export type ResolveNamedPersonInput = z.input<typeof ResolveNamedPersonInputSchema>;
