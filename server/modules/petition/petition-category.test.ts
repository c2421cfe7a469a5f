import { describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import { DomainError } from '../../../common/errors.ts';
import { RegisterPetitionInputSchema, type RegisterPetitionInput } from '../../../common/schemas/petition.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { createCategory, deactivateCategory } from '../category/category.service.ts';
import { getPetition, triagePetition, type PetitionDeps } from './index.ts';
import { listPetitions } from '../ledger/index.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld({ taxonomy: true }, (world) => ({ ctx, org, deps } = world));

function letter(overrides: Partial<RegisterPetitionInput> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'letter',
    type: 'appeal',
    purpose: 'request',
    title: '反映工资问题',
    body: '反映工资发放问题，请求处理。',
    petitioners: [{ name: '甲', identity: 'employee' }],
    ...overrides,
  });
}

async function fieldOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) return error === null ? 'OK' : 'unexpected';
  const issues = (error.details as { issues?: { path: (string | number)[] }[] } | undefined)?.issues ?? [];
  return `${error.code}:${issues.map((issue) => issue.path.join('.')).join(',')}`;
}

describe('petitions and the taxonomy', () => {
  it('refuses to register with an inactive category or one under an inactive top level, naming the field', async () => {
    const officer = org.users['officer@root']!;
    await deactivateCategory(ctx.deps, org.admin, '0102');
    await deactivateCategory(ctx.deps, org.admin, '08');
    expect(await fieldOf(registerPetition(deps, officer, letter({ categoryCode: '0102' })))).toBe(
      'VALIDATION_FAILED:categoryCode',
    );
    expect(await fieldOf(registerPetition(deps, officer, letter({ categoryCode: '0801' })))).toBe(
      'VALIDATION_FAILED:categoryCode',
    );
    expect(await fieldOf(registerPetition(deps, officer, letter({ categoryCode: '08' })))).toBe(
      'VALIDATION_FAILED:categoryCode',
    );
    expect(await fieldOf(registerPetition(deps, officer, letter({ categoryCode: '0101' })))).toBe('OK');
    expect(await ctx.deps.db.selectFrom('petition').select('id').execute()).toHaveLength(1);
  });

  it('refuses triage to an unknown or inactive category and leaves the petition as it was', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, letter({ categoryCode: '0101' }));
    await deactivateCategory(ctx.deps, org.admin, '0102');
    expect(await fieldOf(triagePetition(deps, officer, petition.id, { categoryCode: '0102' }))).toBe(
      'VALIDATION_FAILED:categoryCode',
    );
    expect(await fieldOf(triagePetition(deps, officer, petition.id, { categoryCode: '7777' }))).toBe(
      'VALIDATION_FAILED:categoryCode',
    );
    expect(await getPetition(deps, officer, petition.id)).toMatchObject({ state: 'registered', categoryCode: '0101' });
    const triaged = await triagePetition(deps, officer, petition.id, { categoryCode: '0103' });
    expect(triaged).toMatchObject({ state: 'triaged', categoryCode: '0103', categoryName: '工资薪酬 / 拖欠工资' });
  });

  it('keeps the category of an existing petition when the category is deactivated later', async () => {
    const officer = org.users['officer@root']!;
    const { petition } = await registerPetition(deps, officer, letter({ categoryCode: '0103' }));
    await deactivateCategory(ctx.deps, org.admin, '01');
    expect(await getPetition(deps, officer, petition.id)).toMatchObject({
      categoryCode: '0103',
      categoryName: '工资薪酬 / 拖欠工资',
    });
  });

  it('shows names in the list, and a filter by a top level covers its children', async () => {
    const officer = org.users['officer@root']!;
    await createCategory(ctx.deps, org.admin, { code: '0107', parentCode: '01', name: '夜班津贴' });
    await registerPetition(deps, officer, letter({ title: '顶层工资', categoryCode: '01' }));
    await registerPetition(deps, officer, letter({ title: '夜班津贴未发', categoryCode: '0107' }));
    await registerPetition(deps, officer, letter({ title: '拖欠工资', categoryCode: '0103' }));
    await registerPetition(deps, officer, letter({ title: '养老保险', categoryCode: '0201' }));
    await registerPetition(deps, officer, letter({ title: '未分类' }));
    const titles = async (categoryCode?: string) =>
      (await listPetitions(deps, officer, categoryCode === undefined ? {} : { categoryCode })).items
        .map((i) => i.title)
        .sort();
    expect(await titles('01')).toEqual(['夜班津贴未发', '拖欠工资', '顶层工资'].sort());
    expect(await titles('0107')).toEqual(['夜班津贴未发']);
    expect(await titles('02')).toEqual(['养老保险']);
    // A code is matched exactly, never as a pattern.
    expect(await titles('0%')).toEqual([]);
    const names = (await listPetitions(deps, officer, {})).items.map((i) => [i.title, i.categoryName]);
    expect(names).toContainEqual(['夜班津贴未发', '工资薪酬 / 夜班津贴']);
    expect(names).toContainEqual(['顶层工资', '工资薪酬']);
    expect(names).toContainEqual(['未分类', null]);
  });
});
