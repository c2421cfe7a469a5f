import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { codeOf } from '../../test/outcome.ts';
import { createOrg, createTestContext, petitionDepsOf, type Org, type TestContext } from '../../test/test-context.ts';
import { ensureDefaultTaxonomy } from '../category/index.ts';
import { registerPetition } from '../intake/index.ts';
import { triagePetition } from '../petition/index.ts';
import { revealPetitioner } from '../petitioner/index.ts';
import { listAudit } from './audit.service.ts';

let ctx: TestContext;
let org: Org;
let first: { id: string; caseNumber: string; petitionerId: string };
let second: { id: string; caseNumber: string };

beforeAll(async () => {
  ctx = await createTestContext();
  org = await createOrg(ctx.deps);
  await ensureDefaultTaxonomy(ctx.deps.db);
  const deps = petitionDepsOf(ctx);
  const officer = org.users['officer@mineA'] as Actor;
  const input = (title: string) =>
    RegisterPetitionInputSchema.parse({
      channel: 'letter',
      type: 'appeal',
      purpose: 'request',
      categoryCode: '0103',
      title,
      body: `${title}，请求处理。`,
      petitioners: [{ name: '王大山', identity: 'employee', idNumber: '110101199003074514' }],
    });
  ctx.clock.set('2026-03-02T02:00:00Z'); // 10:00 on 03-02 in China
  const a = (await registerPetition(deps, officer, input('拖欠加班工资'))).petition;
  ctx.clock.set('2026-03-04T17:00:00Z'); // 01:00 on 03-05 in China
  await triagePetition(deps, officer, a.id, {});
  const b = (await registerPetition(deps, org.users['officer@root'] as Actor, input('宿舍供暖不足'))).petition;
  const petitionerId = a.petitioners?.[0]?.id ?? '';
  await revealPetitioner(deps, officer, a.id, petitionerId);
  first = { id: a.id, caseNumber: a.caseNumber, petitionerId };
  second = { id: b.id, caseNumber: b.caseNumber };
});
afterAll(async () => {
  await ctx.close();
});

describe('listAudit', () => {
  it('pages the trail newest first with its total', async () => {
    const admin = org.admin;
    const all = await listAudit(ctx.deps, admin, { pageSize: 200 });
    expect(all.total).toBe(all.entries.length);
    expect(all.entries.map((e) => e.seq)).toEqual([...all.entries.map((e) => e.seq)].sort((x, y) => y - x));
    const page2 = await listAudit(ctx.deps, admin, { pageSize: 3, page: 2 });
    expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 3 });
    expect(page2.entries.map((e) => e.seq)).toEqual(all.entries.slice(3, 6).map((e) => e.seq));
  });

  it('shows the case number of entries about a petition or its petitioner, resolved for the page', async () => {
    const { entries } = await listAudit(ctx.deps, org.users['auditor@root'] as Actor, { pageSize: 10 });
    const about = (action: string, id: string) => entries.find((e) => e.action === action && e.entityId === id);
    expect(about('petition.register', first.id)).toMatchObject({ caseNumber: first.caseNumber, petitionId: first.id });
    expect(about('petition.triage', first.id)?.caseNumber).toBe(first.caseNumber);
    expect(about('petitioner.reveal_identity', first.petitionerId)).toMatchObject({
      caseNumber: first.caseNumber,
      petitionId: first.id,
    });
    const userEntry = (await listAudit(ctx.deps, org.admin, { action: 'user.create', pageSize: 1 })).entries[0];
    expect(userEntry).toMatchObject({ caseNumber: null, petitionId: null });
  });

  it('filters by person, action, case number and local dates, on the server', async () => {
    const admin = org.admin;
    const officer = org.users['officer@mineA'] as Actor;
    const byOfficer = await listAudit(ctx.deps, admin, { actorId: officer.id });
    expect(byOfficer.entries.map((e) => e.action)).toEqual([
      'petitioner.reveal_identity',
      'petition.triage',
      'petition.register',
    ]);
    const registrations = await listAudit(ctx.deps, admin, { action: 'petition.register' });
    expect(registrations.entries.map((e) => e.caseNumber)).toEqual([second.caseNumber, first.caseNumber]);
    const ofCase = await listAudit(ctx.deps, admin, { caseNumber: first.caseNumber });
    expect(ofCase.total).toBe(3);
    expect(new Set(ofCase.entries.map((e) => e.caseNumber))).toEqual(new Set([first.caseNumber]));
    // 03-05 in China began at 2026-03-04T16:00Z: the triage, the second registration and the reveal.
    const onThe5th = await listAudit(ctx.deps, admin, { from: '2026-03-05', to: '2026-03-05' });
    expect(onThe5th.entries.map((e) => e.action).sort()).toEqual(
      ['petition.register', 'petition.triage', 'petitioner.reveal_identity'].sort(),
    );
    const combined = await listAudit(ctx.deps, admin, {
      actorId: officer.id,
      action: 'petition.register',
      from: '2026-03-02',
      to: '2026-03-02',
    });
    expect(combined.entries.map((e) => e.caseNumber)).toEqual([first.caseNumber]);
    expect((await listAudit(ctx.deps, admin, { caseNumber: 'XF0000-000000' })).total).toBe(0);
  });

  it('refuses an unknown action, reversed dates and anyone but admins and auditors', async () => {
    expect(await codeOf(listAudit(ctx.deps, org.admin, { action: 'petition.nope' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(listAudit(ctx.deps, org.admin, { from: '2026-03-05', to: '2026-03-01' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await codeOf(listAudit(ctx.deps, org.users['officer@root'] as Actor, {}))).toBe('FORBIDDEN');
  });
});
