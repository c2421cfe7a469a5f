/**
 * Kysely queries of 我的待办: the rules of common/domain/todo.ts as one WHERE clause (each rule is its
 * states, its holder and its condition), counted and paged in a stable order — the nearest deadline
 * first (so overdue before due soon), then the oldest received, then the id.
 */
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { TodoCondition, TodoHolder, TodoPerson } from '../../../common/domain/todo.ts';
import { TODO_RULES } from '../../../common/domain/todo.ts';
import type { DB } from '../../db/schema.ts';
import { childUnitIds } from '../unit/index.ts';

/** The person whose list it is, with what their predicates need beyond the pure rules. */
export type TodoViewer = TodoPerson & {
  leader: boolean;
  office: boolean;
  /** Attached to the enterprise itself: the top of the tree reviews its own cases (common/domain/todo.ts). */
  atRoot: boolean;
  /** The cases the viewer is recused from (never listed). */
  recused: readonly string[];
};

type Eb = ExpressionBuilder<DB, 'petition'>;

const HANDLING_UNIT = sql<string>`coalesce(petition.handling_unit_id, petition.registered_unit_id)`;
const FALSE = sql<SqlBool>`1 = 0`;

function holderSql(db: Kysely<DB>, eb: Eb, holder: TodoHolder, v: TodoViewer): Expression<SqlBool> {
  const coHandled = eb(
    'petition.id',
    'in',
    eb.selectFrom('petition_co_handler').select('petition_co_handler.petition_id').where('user_id', '=', v.id),
  );
  switch (holder) {
    case 'owner':
      return eb('petition.owner_id', '=', v.id);
    case 'handler':
      return eb.or([eb('petition.handler_id', '=', v.id), coHandled]);
    case 'caseWorker':
      return eb.or([
        eb('petition.owner_id', '=', v.id),
        eb('petition.handler_id', '=', v.id),
        coHandled,
        eb.and([eb('petition.registered_by', '=', v.id), eb('petition.registered_unit_id', '=', v.unitId)]),
      ]);
    case 'registeringOffice':
      return v.officeWorker ? eb('petition.registered_unit_id', '=', v.unitId) : FALSE;
    case 'handlingOffice':
      return v.officeWorker ? eb(HANDLING_UNIT, '=', v.unitId) : FALSE;
    case 'handlingLeaders':
      return v.leader ? eb(HANDLING_UNIT, '=', v.unitId) : FALSE;
    case 'reviewingOffice': {
      if (!v.office) return FALSE;
      const below = eb(HANDLING_UNIT, 'in', childUnitIds(db, v.unitId));
      return v.atRoot ? eb.or([below, eb(HANDLING_UNIT, '=', v.unitId)]) : below;
    }
  }
}

/** A message from the petitioner newer than the office's last answer (as the risk score counts it). */
function messageWaitingSql(eb: ExpressionBuilder<DB, 'petition'>): Expression<SqlBool> {
  const lastAnswer = eb
    .selectFrom('petition_message as o')
    .select(sql<string>`coalesce(max(o.created_at), '')`.as('at'))
    .whereRef('o.petition_id', '=', 'petition.id')
    .where('o.direction', '=', 'out');
  return eb.exists(
    eb
      .selectFrom('petition_message as m')
      .select('m.id')
      .whereRef('m.petition_id', '=', 'petition.id')
      .where('m.direction', '=', 'in')
      .where('m.created_at', '>', lastAnswer),
  );
}

function conditionSql(eb: Eb, condition: TodoCondition | undefined): Expression<SqlBool> | null {
  switch (condition) {
    case undefined:
      return null;
    case 'ownerUnconfirmed':
      return eb('petition.owner_confirmed_at', 'is', null);
    case 'noOwner':
      return eb('petition.owner_id', 'is', null);
    case 'noHandler':
      return eb('petition.handler_id', 'is', null);
    case 'messageWaiting':
      return messageWaitingSql(eb);
  }
}

/** The petitions on `v`'s to-do list: any rule whose states, holder and condition hold. */
function todoQuery(db: Kysely<DB>, v: TodoViewer) {
  let query = db.selectFrom('petition').where((eb) =>
    eb.or(
      TODO_RULES.map((rule) => {
        const parts = [eb('petition.state', 'in', [...rule.states]), holderSql(db, eb, rule.holder, v)];
        const condition = conditionSql(eb, rule.when);
        return eb.and(condition === null ? parts : [...parts, condition]);
      }),
    ),
  );
  if (v.recused.length > 0) query = query.where('petition.id', 'not in', [...v.recused]);
  return query;
}

/**
 * One page of `v`'s to-do list (ids in order) with the total and how many are overdue or due by
 * `soonUntil` — over the whole list, not the page.
 */
export async function todoPage(
  db: Kysely<DB>,
  v: TodoViewer,
  page: { today: string; soonUntil: string; limit: number; offset: number },
): Promise<{ ids: string[]; total: number; overdue: number; dueSoon: number }> {
  const base = todoQuery(db, v);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      sql<number | string | null>`sum(case when petition.due_date < ${page.today} then 1 else 0 end)`.as('overdue'),
      sql<
        number | string | null
      >`sum(case when petition.due_date >= ${page.today} and petition.due_date <= ${page.soonUntil} then 1 else 0 end)`.as(
        'due_soon',
      ),
    ])
    .executeTakeFirstOrThrow();
  const rows = await base
    .select('petition.id')
    .orderBy(sql`coalesce(petition.due_date, '9999-12-31')`)
    .orderBy('petition.received_at')
    .orderBy('petition.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    ids: rows.map((r) => r.id),
    total: Number(counts.total),
    overdue: Number(counts.overdue ?? 0),
    dueSoon: Number(counts.due_soon ?? 0),
  };
}

/** What the rules read of these cases besides their row: the reviewing unit and a waiting message. */
export async function todoFacts(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('petition')
    .innerJoin('unit as hu', (join) => join.on(sql`hu.id`, '=', HANDLING_UNIT))
    .select((eb) => [
      'petition.id',
      sql<string>`coalesce(hu.parent_id, hu.id)`.as('reviewing_unit_id'),
      eb.case().when(messageWaitingSql(eb)).then(1).else(0).end().as('message_waiting'),
    ])
    .where('petition.id', 'in', [...ids])
    .execute();
}
