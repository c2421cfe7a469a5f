import { z } from 'zod';

/** 单位类型: enterprise (集团) → mine/company (矿/二级单位) and department (职能部门) → district_team (区队) → crew (班组). */
export const UNIT_KINDS = ['enterprise', 'mine', 'company', 'department', 'district_team', 'crew'] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKindSchema>;

export const IdSchema = z.string().min(1).max(40);

const UnitNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(60, { error: 'name must be at most 60 characters' });

export const UnitViewSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  kind: UnitKindSchema,
  name: z.string(),
  code: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  userCount: z.number().int(),
});
export type UnitView = z.infer<typeof UnitViewSchema>;

export const UnitListViewSchema = z.object({ units: z.array(UnitViewSchema) });
export type UnitListView = z.infer<typeof UnitListViewSchema>;

export const CreateUnitInputSchema = z.object({
  parentId: IdSchema,
  kind: UnitKindSchema.exclude(['enterprise']),
  name: UnitNameSchema,
  code: z.string().trim().max(30).optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInputSchema>;

export const RenameUnitInputSchema = z.object({ name: UnitNameSchema });
export type RenameUnitInput = z.infer<typeof RenameUnitInputSchema>;

export const MoveUnitInputSchema = z.object({ parentId: IdSchema });
export type MoveUnitInput = z.infer<typeof MoveUnitInputSchema>;

export const UnitIdParamsSchema = z.object({ id: IdSchema });
