/** Kysely queries for petitions, their people, events and deadlines. */
import { sql, type RawBuilder, type Kysely } from 'kysely';
import type { DB, PetitionEventTable, PetitionTable } from '../../db/schema.ts';
import { categoryCodesUnder } from '../category/index.ts';

export type PetitionRow = PetitionTable;

export async function findPetition(db: Kysely<DB>, id: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPetition(db: Kysely<DB>, row: PetitionRow): Promise<void> {
  await db.insertInto('petition').values(row).execute();
}

/**
 * Update with optimistic concurrency: only when the row still has `version`.
 * @returns false when somebody else changed the petition meanwhile
 */
export async function updatePetition(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<PetitionRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('petition')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next case number of a year, gap-free: the counter row is bumped with UPDATE … RETURNING (row lock on PostgreSQL). */
export async function nextCaseNumber(db: Kysely<DB>, year: number): Promise<number> {
  const bumped = await db
    .updateTable('case_counter')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirst();
  if (bumped !== undefined) return bumped.last_number;
  await db.insertInto('case_counter').values({ year, last_number: 1 }).execute();
  return 1;
}

export async function insertEvent(db: Kysely<DB>, row: Omit<PetitionEventTable, 'seq'>): Promise<number> {
  const last = await db
    .selectFrom('petition_event')
    .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
    .where('petition_id', '=', row.petition_id)
    .executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  await db
    .insertInto('petition_event')
    .values({ ...row, seq })
    .execute();
  return seq;
}

export async function listEvents(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_event')
    .leftJoin('app_user', 'app_user.id', 'petition_event.actor_id')
    .selectAll('petition_event')
    .select('app_user.display_name as actor_name')
    .where('petition_event.petition_id', '=', petitionId)
    .orderBy('petition_event.seq')
    .execute();
}

/** Everything the access policy needs about one petition. */
export async function loadAccessRows(db: Kysely<DB>, petition: PetitionRow) {
  const [registered, handling, coHandlers, named, conflicts] = await Promise.all([
    db
      .selectFrom('unit')
      .select(['path', 'name'])
      .where('id', '=', petition.registered_unit_id)
      .executeTakeFirstOrThrow(),
    petition.handling_unit_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('unit').select(['path', 'name']).where('id', '=', petition.handling_unit_id).executeTakeFirst(),
    db.selectFrom('petition_co_handler').select('user_id').where('petition_id', '=', petition.id).execute(),
    db
      .selectFrom('petition_named_person')
      .select(['user_id', 'name', 'position'])
      .where('petition_id', '=', petition.id)
      .execute(),
    db.selectFrom('conflict_declaration').select('user_id').where('petition_id', '=', petition.id).execute(),
  ]);
  return { registered, handling, coHandlers, named, conflicts };
}

export async function listPetitioners(db: Kysely<DB>, petitionId: string) {
  return db
    .selectFrom('petition_petitioner')
    .innerJoin('petitioner', 'petitioner.id', 'petition_petitioner.petitioner_id')
    .selectAll('petitioner')
    .select('petition_petitioner.is_representative')
    .where('petition_petitioner.petition_id', '=', petitionId)
    .orderBy('petition_petitioner.sort_order')
    .execute();
}

export async function findPetitionerByIndex(db: Kysely<DB>, column: 'id_number_index' | 'phone_index', index: string) {
  return db
    .selectFrom('petitioner')
    .selectAll()
    .where(column, '=', index)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function loadCalendarEntries(db: Kysely<DB>) {
  return db.selectFrom('calendar_day').selectAll().execute();
}

export type PetitionListFilter = {
  /** Subtree path the viewer covers; null = everything (auditor). */
  scopePath: string | null;
  /** Cases the viewer is on personally (owner, handler, co-handler). */
  personalUserId: string | null;
  /** Only personal cases + cases handled in scope (handlers, frontline heads, partners). */
  handlingOnly: boolean;
  noScope: boolean;
  viewerId: string;
  states?: readonly string[] | undefined;
  unitPath?: string | undefined;
  categoryCode?: string | undefined;
  channel?: string | undefined;
  type?: string | undefined;
  flag?: 'group' | 'skip_level' | 'repeat' | 'supervised' | 'anonymous' | undefined;
  ownerId?: string | undefined;
  overdueBefore?: string | undefined;
  /** Deadline status filters, evaluated as of `today` (see `deadlineStatusSql`). */
  acceptanceStatus?: DeadlineStatus | undefined;
  conclusionStatus?: DeadlineStatus | undefined;
  today?: string | undefined;
  /** Due-date ranges of the 受理告知 / 办结 deadlines (local dates, inclusive). */
  acceptanceDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  conclusionDue?: { from?: string | undefined; to?: string | undefined } | undefined;
  receivedFrom?: string | undefined;
  receivedToExclusive?: string | undefined;
  /** Full-text search: `petition.id IN (matching ids)`, built for the dialect (petition-search.ts). */
  search?: RawBuilder<boolean> | undefined;
  sort: 'received_desc' | 'due_asc';
  limit: number;
  offset: number;
};

export type DeadlineStatus = 'open' | 'met' | 'met_late' | 'overdue';

/**
 * A deadline's status as of `today` from the kept columns: a stored `open` whose due date has passed
 * is `overdue` (time alone moves it), so the figure needs no sweep and no per-row computation.
 */
export function deadlineStatusSql(kind: 'acceptance' | 'conclusion', today: string) {
  const status = sql.ref(`petition.${kind}_status`);
  const due = sql.ref(`petition.${kind}_due`);
  return sql<string | null>`(case when ${status} = 'open' and ${due} < ${today} then 'overdue' else ${status} end)`;
}

/** The petitions `userId` is recused from: named in them (被反映人) or a declared conflict. Usually none. */
export async function recusedPetitionIds(db: Kysely<DB>, userId: string): Promise<Set<string>> {
  const [named, conflicts] = await Promise.all([
    db.selectFrom('petition_named_person').select('petition_id').where('user_id', '=', userId).execute(),
    db.selectFrom('conflict_declaration').select('petition_id').where('user_id', '=', userId).execute(),
  ]);
  return new Set([...named, ...conflicts].map((r) => r.petition_id));
}

/** The filters of the petition list without its order and page. */
export type PetitionFilter = Omit<PetitionListFilter, 'sort' | 'limit' | 'offset'>;

/**
 * The petitions the viewer may see, filtered: scope applied in SQL so paging stays correct — the
 * unit subtree as `unit_id IN (units under the path)` (a small set, resolved once, so the petition
 * indexes stay usable), recusal as `id NOT IN (the viewer's recused petitions)`, a list read first.
 * Shared by the list page and the ledger export, so both show exactly the same petitions.
 */
export async function filteredPetitions(db: Kysely<DB>, f: PetitionFilter) {
  const unitsUnder = (path: string) => db.selectFrom('unit').select('unit.id').where('unit.path', 'like', `${path}%`);
  let base = db.selectFrom('petition').where((eb) => {
    const personal =
      f.personalUserId === null
        ? sql<boolean>`1 = 0`
        : eb.or([
            eb('petition.owner_id', '=', f.personalUserId),
            eb('petition.handler_id', '=', f.personalUserId),
            eb(
              'petition.id',
              'in',
              db
                .selectFrom('petition_co_handler')
                .select('petition_co_handler.petition_id')
                .where('petition_co_handler.user_id', '=', f.personalUserId),
            ),
          ]);
    if (f.noScope) return personal;
    if (f.scopePath === null) return sql<boolean>`1 = 1`;
    const handled = eb('petition.handling_unit_id', 'in', unitsUnder(f.scopePath));
    if (f.handlingOnly) return eb.or([handled, personal]);
    return eb.or([eb('petition.registered_unit_id', 'in', unitsUnder(f.scopePath)), handled, personal]);
  });
  // Recusal: never list a petition naming the viewer or on which the viewer declared a conflict.
  // The viewer's recused petitions are few (usually none): fetched once, so the common case adds
  // no per-row predicate and the count stays on the indexes.
  const recused = [...(await recusedPetitionIds(db, f.viewerId))];
  if (recused.length > 0) base = base.where('petition.id', 'not in', recused);
  if (f.states !== undefined && f.states.length > 0)
    base = base.where('petition.state', 'in', f.states as PetitionRow['state'][]);
  if (f.unitPath !== undefined) {
    const path = f.unitPath;
    base = base.where((eb) =>
      eb.or([
        eb('petition.handling_unit_id', 'in', unitsUnder(path)),
        eb.and([
          eb('petition.handling_unit_id', 'is', null),
          eb('petition.registered_unit_id', 'in', unitsUnder(path)),
        ]),
      ]),
    );
  }
  // A top level covers its children: the code itself or any code whose parent it is (a few codes, resolved
  // by the category primary key), never a LIKE on user input.
  if (f.categoryCode !== undefined)
    base = base.where('petition.category_code', 'in', categoryCodesUnder(db, f.categoryCode));
  if (f.channel !== undefined) base = base.where('petition.channel', '=', f.channel as PetitionRow['channel']);
  if (f.type !== undefined) base = base.where('petition.type', '=', f.type as PetitionRow['type']);
  if (f.ownerId !== undefined) base = base.where('petition.owner_id', '=', f.ownerId);
  if (f.overdueBefore !== undefined) base = base.where('petition.due_date', '<', f.overdueBefore);
  if (f.acceptanceStatus !== undefined) {
    base = base.where(
      sql<boolean>`${deadlineStatusSql('acceptance', f.today ?? '9999-12-31')} = ${f.acceptanceStatus}`,
    );
  }
  if (f.conclusionStatus !== undefined) {
    base = base.where(
      sql<boolean>`${deadlineStatusSql('conclusion', f.today ?? '9999-12-31')} = ${f.conclusionStatus}`,
    );
  }
  for (const kind of ['acceptance', 'conclusion'] as const) {
    const range = kind === 'acceptance' ? f.acceptanceDue : f.conclusionDue;
    const due = kind === 'acceptance' ? 'petition.acceptance_due' : 'petition.conclusion_due';
    if (range?.from !== undefined) base = base.where(due, '>=', range.from);
    if (range?.to !== undefined) base = base.where(due, '<=', range.to);
  }
  if (f.receivedFrom !== undefined) base = base.where('petition.received_at', '>=', f.receivedFrom);
  if (f.receivedToExclusive !== undefined) base = base.where('petition.received_at', '<', f.receivedToExclusive);
  if (f.search !== undefined) base = base.where(f.search);
  switch (f.flag) {
    case 'group':
      base = base.where('petition.is_group', '=', 1);
      break;
    case 'skip_level':
      base = base.where('petition.is_skip_level', '=', 1);
      break;
    case 'repeat':
      base = base.where('petition.is_repeat', '=', 1);
      break;
    case 'supervised':
      base = base.where('petition.supervision_level', 'is not', null);
      break;
    case 'anonymous':
      base = base.where('petition.is_anonymous', '=', 1);
      break;
    case undefined:
      break;
  }
  return base;
}

/** One page of petitions the viewer may see (see `filteredPetitions`), and the total; display joins only for the page. */
export async function listPetitions(db: Kysely<DB>, f: PetitionListFilter) {
  const base = await filteredPetitions(db, f);
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // Deferred join: order and cut the page on ids alone (small sort records), then load those rows.
  const ordered =
    f.sort === 'due_asc'
      ? // Nearest deadline first, none last; the columns come from petition_state_due_received_idx.
        base
          .select('petition.id')
          .orderBy(sql`coalesce(petition.due_date, '9999-12-31')`)
          .orderBy('petition.received_at')
      : base.select('petition.id').orderBy('petition.received_at', 'desc').orderBy('petition.id', 'desc');
  const ids = (await ordered.limit(f.limit).offset(f.offset).execute()).map((r) => r.id);
  const found =
    ids.length === 0
      ? []
      : await db
          .selectFrom('petition')
          .leftJoin('unit as hu', 'hu.id', 'petition.handling_unit_id')
          .leftJoin('app_user as owner', 'owner.id', 'petition.owner_id')
          .leftJoin('category as cat', 'cat.code', 'petition.category_code')
          .leftJoin('category as cat_parent', 'cat_parent.code', 'cat.parent_code')
          .selectAll('petition')
          .select([
            'hu.name as handling_unit_name',
            'owner.display_name as owner_name',
            'cat.name as category_name',
            'cat_parent.name as category_parent_name',
          ])
          .where('petition.id', 'in', ids)
          .execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.map((id) => byId.get(id)).filter((row) => row !== undefined);
  return { rows, total: countRow.n };
}
