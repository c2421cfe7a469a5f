/**
 * The list's count stops at PETITION_LIST_TOTAL_CAP (issue #20): at the cap the total is exact, one
 * past it the list says "more than 10,000" and still pages; the scope's branches (registered in the
 * subtree, handled there, the viewer's own) are counted once each petition, never twice. A search
 * whose words match more than PETITION_SEARCH_HIT_CAP petitions says it was cut. Run on PostgreSQL
 * too (TEST_DATABASE_URL). The petitions beyond the first are copies of a registered one, inserted
 * in batches: ten thousand registrations would take minutes and count the same.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import {
  PETITION_LIST_TOTAL_CAP,
  PETITION_SEARCH_HIT_CAP,
  PetitionListViewSchema,
  RegisterPetitionInputSchema,
} from '../../../common/schemas/petition.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';
import { registerPetition } from '../intake/index.ts';
import { insertSearchTexts } from '../text/search-index.ts';
import { listPetitions } from './ledger-list.service.ts';

const world = appWorld({ once: true, people: [['officer', 'mineB']] });

/**
 * `count` copies of petition `id`, numbered from `from`, received a minute apart before it (or after it,
 * `later`), each with its search row, indexed in the order of their numbers.
 */
async function copies(id: string, from: number, count: number, text: string, later = false): Promise<void> {
  const { db } = world.deps;
  const original = await db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const start = Date.parse(original.received_at);
  for (let offset = 0; offset < count; offset += 500) {
    const rows = [];
    for (let i = from + offset; i < from + Math.min(count, offset + 500); i++) {
      const receivedAt = new Date(start + (later ? 1 : -1) * (i + 1) * 60_000).toISOString();
      const name = later ? 'LATER' : 'COPY';
      rows.push({
        ...original,
        id: `${name}${String(i).padStart(8, '0')}`,
        case_number: `XF-${name}-${i}`,
        received_at: receivedAt,
        created_at: receivedAt,
      });
    }
    await db.insertInto('petition').values(rows).execute();
    await insertSearchTexts(
      db,
      world.deps.dialect,
      rows.map((r) => ({ petitionId: r.id, text, receivedAt: r.received_at })),
    );
  }
}

async function listed(actor: Actor, query: Parameters<typeof listPetitions>[2] = {}) {
  return listPetitions(world.deps, actor, query);
}

describe('the petition list at the cap of its count', () => {
  it('counts exactly to the cap, says "more than" past it, pages on, and counts each petition once', async () => {
    const office = world.user('officer@mineA');
    // Registered at mine A and handled by its team: in two branches of the office's scope.
    const { petition } = await registerPetition(
      world.deps,
      office,
      RegisterPetitionInputSchema.parse({
        channel: 'visit',
        type: 'appeal',
        purpose: 'request',
        title: '综采一队加班工资未发放',
        body: '本人加班工资三个月未发放，请求核实补发。',
        petitioners: [{ name: '王大山', identity: 'employee' }],
        involvedUnitIds: [world.org.units.teamA1.id],
      }),
    );
    const id = petition.id;
    await world.deps.db
      .updateTable('petition')
      .set({ handling_unit_id: world.org.units.teamA1.id })
      .where('id', '=', id)
      .execute();
    await copies(id, 0, PETITION_LIST_TOTAL_CAP - 1, '综采一队加班工资未发放');

    const atCap = await listed(office);
    expect([atCap.total, atCap.totalCapped]).toEqual([PETITION_LIST_TOTAL_CAP, false]);
    expect(atCap.items[0]?.id).toBe(id);

    await copies(id, PETITION_LIST_TOTAL_CAP - 1, 1, '综采一队加班工资未发放');
    const past = await listed(office);
    expect([past.total, past.totalCapped]).toEqual([PETITION_LIST_TOTAL_CAP, true]);
    expect(past.items.map((i) => i.id)).toEqual(atCap.items.map((i) => i.id));
    // The last page the pager offers (500 of 20) is still there.
    const last = await listed(office, { page: PETITION_LIST_TOTAL_CAP / 20 });
    expect(last.items).toHaveLength(20);
    expect(last.items[19]?.id).toBe(`COPY${String(PETITION_LIST_TOTAL_CAP - 2).padStart(8, '0')}`);

    // Under the cap, a narrower filter is exact; another mine's office sees none of them.
    const month = await listed(office, { receivedFrom: '2026-02-25' });
    expect(month.totalCapped).toBe(false);
    expect(month.total).toBeGreaterThan(0);
    expect(month.total).toBeLessThan(PETITION_LIST_TOTAL_CAP);
    const other = await listed(world.user('officer@mineB'));
    expect([other.total, other.totalCapped]).toEqual([0, false]);
  });

  it('says a search was cut when its words match more than the hits it reads, and is exact below', async () => {
    const group = world.user('officer@root');
    const wide = await listed(group, { q: '工资' });
    expect(wide.searchLimited).toBe(true);
    expect(wide.total).toBe(PETITION_SEARCH_HIT_CAP);
    expect(wide.totalCapped).toBe(false);
    const narrow = await listed(group, { q: '补发' });
    // Only the registered petition's body holds 补发 (its copies' search rows are its title).
    expect([narrow.total, narrow.totalCapped, narrow.searchLimited]).toEqual([1, false, false]);
  });

  it('answers GET /api/petitions with the capped total and the flags', async () => {
    const client = await loginAs(world.app, 'officer.minea');
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/petitions?pageSize=5',
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie}`, [CSRF_HEADER]: client.csrfToken },
    });
    expect(response.statusCode).toBe(200);
    const view = PetitionListViewSchema.parse(response.json());
    expect([view.total, view.totalCapped, view.searchLimited, view.items.length]).toEqual([
      PETITION_LIST_TOTAL_CAP,
      true,
      false,
      5,
    ]);
  });

  it('keeps the newest received of a search cut at its hits, as the list orders them', async () => {
    const group = world.user('officer@root');
    const first = await world.deps.db
      .selectFrom('petition')
      .select('id')
      .where('id', 'not like', 'COPY%')
      .executeTakeFirstOrThrow();
    // Filed after everything above, indexed oldest first (a ledger of history is imported in its order).
    await copies(first.id, 0, PETITION_SEARCH_HIT_CAP + 500, '掘进二队工资', true);
    const cut = await listed(group, { q: '工资' });
    expect([cut.total, cut.searchLimited]).toEqual([PETITION_SEARCH_HIT_CAP, true]);
    const newest = PETITION_SEARCH_HIT_CAP + 499;
    expect(cut.items.map((i) => i.id)).toEqual(
      Array.from({ length: 20 }, (_, k) => `LATER${String(newest - k).padStart(8, '0')}`),
    );
    const last = await listed(group, { q: '工资', page: PETITION_SEARCH_HIT_CAP / 20 });
    expect(last.items.at(-1)?.id).toBe(`LATER${String(500).padStart(8, '0')}`);
  });
});
