/**
 * Ant Design form rules that reuse the shared zod schemas, so the browser checks exactly the
 * limits the server enforces (one source, `common/schemas`) while the text comes from the catalog.
 */
import type { FormRule } from 'antd';
import type { z } from 'zod';

/** Valid when `schema` accepts the value; empty values are left to a `required` rule. */
export function schemaRule(schema: z.ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

/** Valid when the value equals that of field `other` (a password typed twice). */
export function sameAsRule(other: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === '') return;
      if (value !== getFieldValue(other)) throw new Error(message);
    },
  });
}
