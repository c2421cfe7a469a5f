/**
 * The list's pages, read however the list reads them — the scope's terms paged apart and merged, a
 * dense scope walked in the list's order, nearest deadline first as the cases with a due date and
 * then the rest — put end to end are exactly the petitions the viewer may see (the export's and the
 * dashboard's predicate), each once, in the order the list promises: newest first with the id
 * breaking ties, or nearest deadline first, none last, oldest first (issue #20). The cases share
 * instants of receipt and due dates on purpose, and a page of 97 falls across every boundary. Run on
 * PostgreSQL too (TEST_DATABASE_URL).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../common/domain/access.ts';
import { localDateOf } from '../../../common/domain/calendar.ts';
import { RegisterPetitionInputSchema, type PetitionListQuery } from '../../../common/schemas/petition.ts';
import { serviceWorld } from '../../test/factories.ts';
import { registerPetition } from '../intake/index.ts';
import { listPetitions, scopedPetitions } from './ledger-list.service.ts';

const world = serviceWorld({ once: true });
const COPIES = 2_000;
const PAGE = 97;
const NO_DUE = '9999-12-31';

type Row = { id: string; received_at: string; due_date: string | null };

/** 2,000 copies of one registered case: three to an instant, two in five without a due date, past and future due dates, five units. */
async function fill(): Promise<void> {
  const { db } = world.deps;
  const { org } = world;
  const { petition } = await registerPetition(
    world.deps,
    world.user('officer@mineA'),
    RegisterPetitionInputSchema.parse({
      channel: 'visit',
      type: 'appeal',
      purpose: 'request',
      title: '综采一队加班工资未发放',
      body: '本人加班工资三个月未发放，请求核实补发。',
      petitioners: [{ name: '王大山', identity: 'employee' }],
    }),
  );
  const original = await db.selectFrom('petition').selectAll().where('id', '=', petition.id).executeTakeFirstOrThrow();
  const start = Date.parse(original.received_at);
  const today = localDateOf(world.deps.clock.now().toISOString());
  const handling = [org.units.teamA1.id, org.units.crewA1.id, org.units.mineA.id, org.units.teamB1.id, null];
  const registered = [org.units.mineA.id, org.units.mineB.id, org.units.root.id];
  const handler = world.user('handler@teamA1').id;
  const rows = [];
  for (let i = 0; i < COPIES; i++) {
    const receivedAt = new Date(start - Math.floor(i / 3) * 60_000).toISOString();
    const open = i % 4 !== 0;
    rows.push({
      ...original,
      id: `ORD${String((i * 7919) % COPIES).padStart(6, '0')}`,
      case_number: `XF-ORD-${i}`,
      received_at: receivedAt,
      created_at: receivedAt,
      state: open ? ('in_progress' as const) : ('concluded' as const),
      due_date: i % 5 < 2 ? null : dueDateOf(i, today),
      handling_unit_id: handling[i % handling.length] ?? null,
      registered_unit_id: registered[i % registered.length] ?? org.units.root.id,
      handler_id: i % 11 === 0 ? handler : null,
    });
  }
  for (let at = 0; at < rows.length; at += 250)
    await db
      .insertInto('petition')
      .values(rows.slice(at, at + 250))
      .execute();
}

/** Due dates a few days either side of today, several cases to each (ties broken by receipt, then id). */
function dueDateOf(i: number, today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((i * 13) % 21) - 10);
  return day.toISOString().slice(0, 10);
}

/** Every page of the list, end to end. */
async function allPages(actor: Actor, query: PetitionListQuery): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const view = await listPetitions(world.deps, actor, { ...query, page, pageSize: PAGE });
    ids.push(...view.items.map((i) => i.id));
    if (view.items.length < PAGE) return { ids, total: view.total };
  }
}

/** The rows the viewer may see under the filters, by the export's predicate, sorted here as the list promises. */
async function expected(actor: Actor, query: PetitionListQuery): Promise<string[]> {
  const rows: Row[] = await (
    await scopedPetitions(world.deps, actor, query)
  )
    .select(['petition.id', 'petition.received_at', 'petition.due_date'])
    .execute();
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .sort(
      query.sort === 'due_asc'
        ? (a, b) =>
            text(a.due_date ?? NO_DUE, b.due_date ?? NO_DUE) || text(a.received_at, b.received_at) || text(a.id, b.id)
        : (a, b) => text(b.received_at, a.received_at) || text(b.id, a.id),
    )
    .map((r) => r.id);
}

describe('the petition list in its order, page after page', () => {
  beforeAll(fill);
  const viewers = ['officer@root', 'officer@mineA', 'handler@teamA1', 'unit_head@teamA1'] as const;
  const queries: PetitionListQuery[] = [{}, { open: 'true' }, { overdue: 'true' }];
  const cases = viewers.flatMap((viewer) =>
    queries.flatMap((query) =>
      (['received_desc', 'due_asc'] as const).map((sort) => [viewer, { ...query, sort }] as const),
    ),
  );

  it.each(cases)('%s %o: every page end to end is the visible set in order, each case once', async (viewer, query) => {
    const actor = world.user(viewer);
    const want = await expected(actor, query);
    const got = await allPages(actor, query);
    expect(got.ids).toEqual(want);
    expect(got.total).toBe(want.length);
  });

  it('reads a mine office as a dense scope and a handler term by term (the two ways the list pages)', async () => {
    // Handled in mine A's subtree: more than the list sorts whole, so the office's list walks its order.
    const handledInMine = await world.deps.db
      .selectFrom('petition')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('handling_unit_id', 'in', [world.org.units.mineA.id, world.org.units.teamA1.id, world.org.units.crewA1.id])
      .executeTakeFirstOrThrow();
    expect(Number(handledInMine.n)).toBeGreaterThan(1_000);
    // The handler's team: few enough to be sorted whole, beside the cases he handles himself.
    const handledInTeam = await world.deps.db
      .selectFrom('petition')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('handling_unit_id', 'in', [world.org.units.teamA1.id, world.org.units.crewA1.id])
      .executeTakeFirstOrThrow();
    expect(Number(handledInTeam.n)).toBeLessThanOrEqual(1_000);
  });
});
