import { z } from 'zod';
import { CATEGORY_CODE_PATTERN } from '../domain/category.ts';

/** The content taxonomy (内容分类): two levels, codes `01` and `0103`; never deleted, only deactivated. */
export const CategoryCodeSchema = z
  .string()
  .trim()
  .regex(CATEGORY_CODE_PATTERN, { error: 'code must be 2 digits (top level) or 4 digits (second level)' });

const CategoryNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(60, { error: 'name must be at most 60 characters' });

export const CategoryViewSchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  /** The national 内容分类 a top level maps to (DOMAIN.md §6.1). */
  nationalCategory: z.string().nullable(),
  active: z.boolean(),
  /** Active, and under an active top level: offered in pickers, accepted on a petition. */
  selectable: z.boolean(),
  sortOrder: z.number().int(),
});
export type CategoryView = z.infer<typeof CategoryViewSchema>;

export const CategoryListViewSchema = z.object({
  categories: z.array(CategoryViewSchema),
  /** Whether the caller may edit the taxonomy (an enterprise administrator). */
  canManage: z.boolean(),
});
export type CategoryListView = z.infer<typeof CategoryListViewSchema>;

export const CategoryListQuerySchema = z.object({ includeInactive: z.enum(['true', 'false']).optional() });

export const CreateCategoryInputSchema = z
  .object({
    code: CategoryCodeSchema,
    /** Absent for a top level. */
    parentCode: CategoryCodeSchema.optional(),
    name: CategoryNameSchema,
    nationalCategory: z.string().trim().max(40).optional(),
  })
  .strict();
export type CreateCategoryInput = z.infer<typeof CreateCategoryInputSchema>;

export const RenameCategoryInputSchema = z.object({ name: CategoryNameSchema }).strict();
export type RenameCategoryInput = z.infer<typeof RenameCategoryInputSchema>;

/** Put a category at `position` (0 = first) among its siblings; the siblings are renumbered. */
export const ReorderCategoryInputSchema = z.object({ position: z.number().int().min(0).max(999) }).strict();
export type ReorderCategoryInput = z.infer<typeof ReorderCategoryInputSchema>;

export const CategoryCodeParamsSchema = z.object({ code: z.string().trim().min(1).max(10) });
