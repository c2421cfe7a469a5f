/**
 * 我的待办: the cases on which this person must take the next step, all of them, paged on the
 * server, most urgent first (the nearest deadline, so overdue before due soon; then the oldest).
 * What puts a case on whose list is common/domain/todo.ts (docs/domain.md, "To-do"); the repository
 * applies the same rules in SQL, and each listed case names its tasks from the pure rules.
 */
import { hasAction, isLeader, isOffice, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { DUE_SOON_DAYS } from '../../../common/domain/deadlines.ts';
import { todoTasksOf, type TodoPerson } from '../../../common/domain/todo.ts';
import { DomainError } from '../../../common/errors.ts';
import { TodoListQuerySchema, type TodoListQuery, type TodoListView } from '../../../common/schemas/todo.ts';
import { isRootPath } from '../unit/index.ts';
import { officeWorkersOf } from '../user/index.ts';
import { casePeople, recusedPetitionIds, summaryOf, summaryRows, type PetitionDeps } from '../petition/index.ts';
import { todoFacts, todoPage, type TodoViewer } from './todo.repository.ts';

/**
 * One page of `actor`'s to-do list with the totals over all of it.
 * @throws FORBIDDEN for a role that carries no cases (administrator, auditor, partner)
 */
export async function listTodos(deps: PetitionDeps, actor: Actor, rawQuery: TodoListQuery = {}): Promise<TodoListView> {
  if (!hasAction(actor.role, 'todo.read')) {
    throw new DomainError('FORBIDDEN', { message: 'This role has no to-do list' });
  }
  const query = TodoListQuerySchema.parse(rawQuery);
  const today = localDateOf(deps.clock.now().toISOString());
  const [workers, recused] = await Promise.all([
    officeWorkersOf(deps.db, actor.unitId),
    recusedPetitionIds(deps.db, actor.id),
  ]);
  const person: TodoPerson = {
    id: actor.id,
    role: actor.role,
    unitId: actor.unitId,
    officeWorker: workers.some((u) => u.id === actor.id),
  };
  const viewer: TodoViewer = {
    ...person,
    leader: isLeader(actor.role),
    office: isOffice(actor.role),
    atRoot: isRootPath(actor.unitPath),
    recused: [...recused],
  };
  const page = await todoPage(deps.db, viewer, {
    today,
    soonUntil: addCalendarDays(today, DUE_SOON_DAYS),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const [rows, facts, people] = await Promise.all([
    summaryRows(deps.db, page.ids),
    todoFacts(deps.db, page.ids),
    casePeople(deps.db, page.ids),
  ]);
  const factsById = new Map(facts.map((f) => [f.id, f]));
  return {
    items: rows.map((row) => {
      const fact = factsById.get(row.id);
      const tasks = todoTasksOf(person, {
        state: row.state,
        ownerId: row.owner_id,
        ownerConfirmed: row.owner_confirmed_at !== null,
        handlerId: row.handler_id,
        coHandlerIds: people.filter((p) => p.petition_id === row.id && p.kind === 'co').map((p) => p.user_id ?? ''),
        registeredBy: row.registered_by,
        registeredUnitId: row.registered_unit_id,
        handlingUnitId: row.handling_unit_id,
        reviewingUnitId: fact?.reviewing_unit_id ?? row.registered_unit_id,
        messageWaiting: fact?.message_waiting === 1,
      });
      return { ...summaryOf({ ...row, handling_name: row.handling_unit_name }), tasks };
    }),
    total: page.total,
    overdue: page.overdue,
    dueSoon: page.dueSoon,
    page: query.page,
    pageSize: query.pageSize,
  };
}
