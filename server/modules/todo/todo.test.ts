/**
 * 我的待办 (issue #13 point 3): all of it, paged on the server, most urgent first in a stable order,
 * with totals over the whole list; a person's own work only, never merely what is in their scope.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { RegisterPetitionInputSchema } from '../../../common/schemas/petition.ts';
import { buildTestApp, loginAs } from '../../test/test-app.ts';
import { TEST_PASSWORD, type Org, type TestContext } from '../../test/test-context.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import { createUser } from '../user/user.service.ts';
import { acceptPetition, triagePetition, type PetitionDeps } from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';
import { listTodos } from './index.ts';

let ctx: TestContext;
let org: Org;
let deps: PetitionDeps;
serviceWorld((world) => ({ ctx, org, deps } = world));

const DAY = 86_400_000;
const user = (key: string): Actor => {
  const actor = org.users[key];
  if (actor === undefined) throw new Error(`no user ${key}`);
  return actor;
};

/** A visit received `daysAgo` days before now (TEST_START is 2026-03-02 09:00 in China). */
function visit(title: string, daysAgo: number, extra: Record<string, unknown> = {}) {
  return RegisterPetitionInputSchema.parse({
    channel: 'visit',
    type: 'appeal',
    purpose: 'request',
    title,
    body: `${title}，请求尽快处理并答复，具体情况详见材料。`,
    receivedAt: new Date(ctx.clock.now().getTime() - daysAgo * DAY).toISOString(),
    petitioners: [{ name: '王大山', identity: 'employee' }],
    ...extra,
  });
}

async function register(actor: Actor, title: string, daysAgo: number, extra: Record<string, unknown> = {}) {
  return (await registerPetition(deps, actor, visit(title, daysAgo, extra))).petition;
}

async function allPages(actor: Actor, pageSize: number) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const list = await listTodos(deps, actor, { page, pageSize });
    ids.push(...list.items.map((i) => i.id));
    if (list.items.length < pageSize) return { ids, total: list.total };
  }
}

describe('listTodos', () => {
  it('reaches every to-do over pages, overdue first, then due soonest, the same order every time', async () => {
    const officer = user('officer@root');
    // 受理告知 is due 15 days after receipt (第23条): 20 and 19 days ago are overdue, 13 is due in 2 days.
    const received = [0, 20, 13, 5, 19, 0, 13];
    const created = [];
    for (const [i, daysAgo] of received.entries()) created.push(await register(officer, `事项${i}`, daysAgo));

    const first = await listTodos(deps, officer, { page: 1, pageSize: 3 });
    expect(first).toMatchObject({ total: 7, overdue: 2, dueSoon: 2, page: 1, pageSize: 3 });
    const { ids, total } = await allPages(officer, 3);
    expect(total).toBe(7);
    expect(new Set(ids).size).toBe(7);
    const expected = [...created].sort(
      (a, b) =>
        String(a.dueDate).localeCompare(String(b.dueDate)) ||
        a.receivedAt.localeCompare(b.receivedAt) ||
        a.id.localeCompare(b.id),
    );
    expect(ids).toEqual(expected.map((p) => p.id));
    expect(created.find((p) => p.id === ids[0])?.title).toBe('事项1');
    expect((await allPages(officer, 2)).ids).toEqual(ids);
  });

  it("holds a person's own work, not everything in their scope", async () => {
    const officer = user('officer@root');
    const chief = user('chief@root');
    await register(officer, '集团登记的事项', 0);
    const atMine = await register(user('officer@mineA'), '甲矿登记的事项', 0);
    // The group's office sees both in the list; the mine's 研判 is the mine's work.
    expect((await listPetitions(deps, officer, {})).total).toBe(2);
    expect((await listTodos(deps, officer)).items.map((i) => i.title)).toEqual(['集团登记的事项']);
    expect((await listTodos(deps, user('officer@mineA'))).items.map((i) => i.id)).toEqual([atMine.id]);
    // The chief has an officer beside him: none of it is his until he is named on a case.
    expect((await listTodos(deps, chief)).total).toBe(0);
    await triagePetition(deps, user('officer@mineA'), atMine.id, {});
    await acceptPetition(deps, user('officer@mineA'), atMine.id, { ownerId: user('chief@mineA').id });
    expect((await listTodos(deps, user('chief@mineA'))).items).toMatchObject([
      { id: atMine.id, tasks: ['confirmOwnership', 'own'] },
    ]);
    expect((await listTodos(deps, chief)).total).toBe(0);
  });

  it('never lists a case to a person named in it (回避, 第28条)', async () => {
    const second = await createUser(ctx.deps, org.admin, {
      username: 'officer2.root',
      displayName: '第二信访干部',
      role: 'officer',
      unitId: org.units.root.id,
      password: TEST_PASSWORD,
    });
    const named = await register(user('chief@root'), '反映信访干部作风问题', 0, {
      namedPersons: [{ name: 'officer.root', userId: user('officer@root').id }],
    });
    expect((await listTodos(deps, user('officer@root'))).items.map((i) => i.id)).not.toContain(named.id);
    const colleague: Actor = {
      id: second.id,
      role: 'officer',
      unitId: org.units.root.id,
      unitPath: org.units.root.path,
    };
    expect((await listTodos(deps, colleague)).items).toMatchObject([{ id: named.id, tasks: ['triage'] }]);
  });
});

describe('GET /api/todos', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildTestApp(ctx);
  });
  afterEach(async () => {
    await app.close();
  });

  it('answers my list with its totals; a bad page size names the field; the auditor has none', async () => {
    await register(user('officer@root'), '集团登记的事项', 0);
    const officer = await loginAs(app, 'officer.root');
    const response = await officer.get('/api/todos?page=1&pageSize=10');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1, overdue: 0, dueSoon: 0, items: [{ tasks: ['triage'] }] });
    const bad = await officer.get('/api/todos?pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['pageSize'] }] } },
    });
    expect((await (await loginAs(app, 'auditor.root')).get('/api/todos')).statusCode).toBe(403);
  });
});
