/**
 * The deadline sweep run by the scheduler: near-due and overdue petitions notify their owner
 * leader, their handler and the office that registered them; an ownership still unconfirmed after
 * its deadline alerts the leaders of the level above the owner. Notifications are de-duplicated,
 * so each state of each deadline is announced once however often the sweep runs.
 */
import { OFFICE_ROLES } from '../../../common/domain/access.ts';
import type { Kysely } from 'kysely';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { DUE_SOON_DAYS } from '../../../common/domain/deadlines.ts';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import type { DB } from '../../db/schema.ts';
import type { ServiceDeps } from '../../platform/deps.ts';

export type SweepResult = { petitions: number; notifications: number };

async function notify(
  db: Kysely<DB>,
  deps: ServiceDeps,
  userId: string,
  kind: string,
  petitionId: string,
  dedupeKey: string,
  data: Record<string, unknown>,
): Promise<number> {
  const result = await db
    .insertInto('notification')
    .values({
      id: deps.ids.next(),
      user_id: userId,
      kind,
      petition_id: petitionId,
      dedupe_key: dedupeKey,
      data_json: JSON.stringify(data),
      created_at: deps.clock.now().toISOString(),
      read_at: null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Office staff (officers, chiefs, deputies) attached exactly to `unitId`. */
async function officeOf(db: Kysely<DB>, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', 1)
    .where('role', 'in', OFFICE_ROLES)
    .execute();
  return rows.map((r) => r.id);
}

export async function sweepDeadlines(deps: ServiceDeps, ownerConfirmationDays: number): Promise<SweepResult> {
  const today = localDateOf(deps.clock.now().toISOString());
  const horizon = addCalendarDays(today, DUE_SOON_DAYS);
  const open = PETITION_STATES.filter((s) => isOpen(s));
  const due = await deps.db
    .selectFrom('petition')
    .select(['id', 'case_number', 'due_date', 'due_kind', 'owner_id', 'handler_id', 'registered_unit_id', 'state'])
    .where('state', 'in', open)
    .where('due_date', 'is not', null)
    .where('due_date', '<=', horizon)
    .execute();
  let notifications = 0;
  for (const p of due) {
    if (p.due_date === null) continue;
    const urgency = p.due_date < today ? 'overdue' : 'due_soon';
    const recipients = new Set<string>([
      ...(p.owner_id === null ? [] : [p.owner_id]),
      ...(p.handler_id === null ? [] : [p.handler_id]),
      ...(await officeOf(deps.db, p.registered_unit_id)),
    ]);
    for (const userId of recipients) {
      notifications += await notify(
        deps.db,
        deps,
        userId,
        `deadline_${urgency}`,
        p.id,
        `${urgency}:${p.id}:${p.due_kind ?? ''}:${p.due_date}`,
        {
          caseNumber: p.case_number,
          dueKind: p.due_kind,
          dueDate: p.due_date,
        },
      );
    }
  }

  // 包案 not confirmed in time: alert the leaders one level above the owner's unit.
  const cutoff = new Date(deps.clock.now().getTime() - ownerConfirmationDays * 86_400_000).toISOString();
  const unconfirmed = await deps.db
    .selectFrom('petition')
    .innerJoin('app_user as owner', 'owner.id', 'petition.owner_id')
    .innerJoin('unit', 'unit.id', 'owner.unit_id')
    .select(['petition.id', 'petition.case_number', 'petition.owner_id', 'unit.parent_id', 'owner.unit_id'])
    .where('petition.owner_confirmed_at', 'is', null)
    .where('petition.state', 'in', open)
    // When the owner was named: the latest accept or setOwner event (only those name an owner).
    .where((eb) =>
      eb(
        eb
          .selectFrom('petition_event as e')
          .select((e) => e.fn.max('e.at').as('at'))
          .whereRef('e.petition_id', '=', 'petition.id')
          .where('e.kind', 'in', ['accept', 'setOwner']),
        '<',
        cutoff,
      ),
    )
    .execute();
  for (const p of unconfirmed) {
    const aboveUnit = p.parent_id ?? p.unit_id;
    for (const userId of await officeOf(deps.db, aboveUnit)) {
      if (userId === p.owner_id) continue;
      notifications += await notify(
        deps.db,
        deps,
        userId,
        'ownership_unconfirmed',
        p.id,
        `unconfirmed:${p.id}:${p.owner_id ?? ''}`,
        { caseNumber: p.case_number, ownerId: p.owner_id },
      );
    }
  }
  return { petitions: due.length + unconfirmed.length, notifications };
}
