import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../common/errors.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { Org, TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { codeOf } from '../../test/outcome.ts';
import { DEFAULT_TAXONOMY } from './default-taxonomy.ts';
import {
  activateCategory,
  assertSelectableCategory,
  createCategory,
  deactivateCategory,
  listCategories,
  renameCategory,
  reorderCategory,
} from './category.service.ts';

let ctx: TestContext;
let org: Org;
serviceWorld({ taxonomy: true }, (world) => ({ ctx, org } = world));

/** The field a refusal names, or the outcome code when it is not a field error. */
async function fieldOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) return error === null ? 'OK' : 'unexpected';
  if (error.code !== 'VALIDATION_FAILED') return error.code;
  const issues = (error.details as { issues?: { path: (string | number)[] }[] } | undefined)?.issues ?? [];
  return issues.map((issue) => issue.path.join('.')).join(',');
}

const codes = async (key: string, includeInactive = false) =>
  (await listCategories(ctx.deps, org.users[key]!, { includeInactive })).categories.map((c) => c.code);

const auditActions = async (code: string) =>
  (
    await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'category')
      .where('entity_id', '=', code)
      .orderBy('seq')
      .execute()
  ).map((a) => a.action);

describe('listCategories', () => {
  it('gives everyone signed in the taxonomy in picker order: each top level followed by its children', async () => {
    for (const key of ['officer@mineA', 'handler@teamA1', 'partner@deptHr', 'auditor@root', 'admin@root']) {
      const list = await codes(key);
      expect(list.slice(0, 3)).toEqual(['01', '0101', '0102']);
      expect(list.at(-1)).toBe('99');
      expect(list).toHaveLength(DEFAULT_TAXONOMY.length + DEFAULT_TAXONOMY.flatMap((top) => top.children).length);
    }
  });

  it('tells only the enterprise administrator that they may edit', async () => {
    expect((await listCategories(ctx.deps, org.admin, { includeInactive: true })).canManage).toBe(true);
    expect((await listCategories(ctx.deps, org.users['admin@mineA']!, { includeInactive: true })).canManage).toBe(
      false,
    );
    expect((await listCategories(ctx.deps, org.users['officer@root']!, { includeInactive: false })).canManage).toBe(
      false,
    );
  });

  it('lists inactive entries only for an administrator who asks', async () => {
    await deactivateCategory(ctx.deps, org.admin, '0102');
    expect(await codes('officer@root')).not.toContain('0102');
    expect(await codes('admin@root', true)).toContain('0102');
    expect(await codeOf(listCategories(ctx.deps, org.users['officer@root']!, { includeInactive: true }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('createCategory', () => {
  it('creates a second level last among its siblings, with an audit row', async () => {
    const created = await createCategory(ctx.deps, org.admin, { code: '0107', parentCode: '01', name: '夜班津贴' });
    expect(created).toMatchObject({
      code: '0107',
      parentCode: '01',
      name: '夜班津贴',
      active: true,
      selectable: true,
      sortOrder: 6,
    });
    const list = await codes('officer@mineA');
    expect(list.indexOf('0107')).toBe(list.indexOf('0106') + 1);
    expect(await auditActions('0107')).toEqual(['category.create']);
  });

  it('creates a top level with its national category', async () => {
    const created = await createCategory(ctx.deps, org.admin, {
      code: '14',
      name: '疫情防控',
      nationalCategory: '卫生计生',
    });
    expect(created).toMatchObject({ code: '14', parentCode: null, nationalCategory: '卫生计生', sortOrder: 14 });
    expect(
      (await createCategory(ctx.deps, org.admin, { code: '1401', parentCode: '14', name: '隔离补助' })).selectable,
    ).toBe(true);
  });

  it.each([
    ['a top-level code of 4 digits', { code: '1401', name: '甲' }, 'code'],
    ['a second-level code outside its parent', { code: '0201', parentCode: '01', name: '甲' }, 'code'],
    ['an unknown parent', { code: '7701', parentCode: '77', name: '甲' }, 'parentCode'],
    ['a third level', { code: '0101', parentCode: '0101', name: '甲' }, 'parentCode'],
    ['a duplicate code', { code: '0103', parentCode: '01', name: '甲' }, 'code'],
    ['a duplicate top level', { code: '99', name: '甲' }, 'code'],
    [
      'a national category on a second level',
      { code: '0107', parentCode: '01', name: '甲', nationalCategory: '劳动社保' },
      'nationalCategory',
    ],
  ])('refuses %s, naming the field and writing nothing', async (_, input, field) => {
    expect(await fieldOf(createCategory(ctx.deps, org.admin, input))).toBe(field);
    expect(
      await ctx.deps.db.selectFrom('audit_log').select('seq').where('entity_type', '=', 'category').execute(),
    ).toHaveLength(0);
  });

  it('refuses a child under an inactive top level', async () => {
    await deactivateCategory(ctx.deps, org.admin, '12');
    expect(await fieldOf(createCategory(ctx.deps, org.admin, { code: '1204', parentCode: '12', name: '甲' }))).toBe(
      'parentCode',
    );
  });

  it.each([
    ['admin@mineA', 'FORBIDDEN'],
    ['officer@root', 'FORBIDDEN'],
    ['chief@root', 'FORBIDDEN'],
    ['auditor@root', 'FORBIDDEN'],
    ['admin@root', 'OK'],
  ])('%s → %s', async (key, outcome) => {
    expect(
      await codeOf(createCategory(ctx.deps, org.users[key]!, { code: '0107', parentCode: '01', name: '夜班津贴' })),
    ).toBe(outcome);
  });
});

describe('renameCategory and reorderCategory', () => {
  it('renames with before and after in the audit row', async () => {
    await renameCategory(ctx.deps, org.admin, '0103', { name: '拖欠工资/奖金' });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'category.rename')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json ?? 'null')).toEqual({ name: '拖欠工资' });
    expect(JSON.parse(audit.after_json ?? 'null')).toEqual({ name: '拖欠工资/奖金' });
    expect(await codeOf(renameCategory(ctx.deps, org.admin, '7777', { name: '甲' }))).toBe('NOT_FOUND');
    expect(await codeOf(renameCategory(ctx.deps, org.users['officer@root']!, '0103', { name: '甲' }))).toBe(
      'FORBIDDEN',
    );
  });

  it('moves an entry among its siblings and renumbers them without ties', async () => {
    await reorderCategory(ctx.deps, org.admin, '0103', { position: 0 });
    const list = await codes('officer@root');
    expect(list.slice(0, 4)).toEqual(['01', '0103', '0101', '0102']);
    const orders = await ctx.deps.db
      .selectFrom('category')
      .select('sort_order')
      .where('parent_code', '=', '01')
      .orderBy('sort_order')
      .execute();
    expect(orders.map((o) => o.sort_order)).toEqual([0, 1, 2, 3, 4, 5]);
    await reorderCategory(ctx.deps, org.admin, '99', { position: 0 });
    expect((await codes('officer@root'))[0]).toBe('99');
    expect(await auditActions('0103')).toEqual(['category.reorder']);
    expect(await codeOf(reorderCategory(ctx.deps, org.users['admin@mineA']!, '0103', { position: 2 }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('deactivateCategory and activateCategory', () => {
  it('never deletes; a deactivated top level hides its children until it is active again', async () => {
    await deactivateCategory(ctx.deps, org.admin, '01');
    const visible = await codes('officer@root');
    expect(visible.filter((c) => c.startsWith('01'))).toEqual([]);
    const all = (await listCategories(ctx.deps, org.admin, { includeInactive: true })).categories;
    expect(all.find((c) => c.code === '0103')).toMatchObject({ active: true, selectable: false });
    expect(all.find((c) => c.code === '01')).toMatchObject({ active: false, selectable: false });
    expect(await fieldOf(assertSelectableCategory(ctx.deps.db, '0103'))).toBe('categoryCode');

    await activateCategory(ctx.deps, org.admin, '01');
    expect((await codes('officer@root')).filter((c) => c.startsWith('01'))).toHaveLength(7);
    expect(await auditActions('01')).toEqual(['category.deactivate', 'category.activate']);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
  });

  it('keeps a second level deactivated on its own while its parent is active', async () => {
    await deactivateCategory(ctx.deps, org.admin, '0102');
    expect(await codes('officer@root')).toContain('0101');
    expect(await codes('officer@root')).not.toContain('0102');
    expect(await fieldOf(assertSelectableCategory(ctx.deps.db, '0102'))).toBe('categoryCode');
    expect(await fieldOf(assertSelectableCategory(ctx.deps.db, '0101'))).toBe('OK');
    expect(await fieldOf(assertSelectableCategory(ctx.deps.db, '7777'))).toBe('categoryCode');
  });

  it('lets only the enterprise administrator switch entries', async () => {
    expect(await codeOf(deactivateCategory(ctx.deps, org.users['admin@mineA']!, '01'))).toBe('FORBIDDEN');
    expect(await codeOf(activateCategory(ctx.deps, org.users['officer@root']!, '01'))).toBe('FORBIDDEN');
    expect(await codeOf(deactivateCategory(ctx.deps, org.admin, '7777'))).toBe('NOT_FOUND');
  });
});
