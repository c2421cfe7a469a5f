import { z } from 'zod';
import { PhoneSchema } from '../domain/identity.ts';

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

/**
 * 三级网络: who answers for a unit. The 包联领导 (a leader account of the mine or group above), the
 * 信息员 (an account, or a named contact with a phone); the unit's heads (区队长/班组长) are its
 * `unit_head` accounts and are shown, not set here.
 */
export const UnitNetworkInputSchema = z
  .object({
    leaderUserId: IdSchema.nullable(),
    infoOfficerUserId: IdSchema.nullable(),
    infoOfficerName: z.string().trim().min(1).max(40).nullable(),
    infoOfficerPhone: PhoneSchema.nullable(),
  })
  .strict();
export type UnitNetworkInput = z.infer<typeof UnitNetworkInputSchema>;

const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });

export const UnitNetworkViewSchema = z.object({
  unitId: IdSchema,
  heads: z.array(PersonRefSchema),
  leader: PersonRefSchema.nullable(),
  infoOfficer: z.object({ userId: IdSchema.nullable(), name: z.string(), phone: z.string().nullable() }).nullable(),
  /** Leader accounts that may be chosen (chiefs and deputies of the levels above), and accounts at the unit. */
  candidates: z.object({ leaders: z.array(PersonRefSchema), infoOfficers: z.array(PersonRefSchema) }),
  canManage: z.boolean(),
});
export type UnitNetworkView = z.infer<typeof UnitNetworkViewSchema>;
