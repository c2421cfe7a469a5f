/**
 * The deadline sweep run by the scheduler: near-due and overdue petitions notify their owner
 * leader, their handler and the office that registered them; an ownership still unconfirmed after
 * its deadline alerts the leaders of the level above the owner. Every notice goes through `notify`
 * (recusal and scope applied there) and is de-duplicated, so each state of each deadline is
 * announced once however often the sweep runs.
 */
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { DUE_SOON_DAYS } from '../../../common/domain/deadlines.ts';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import { notify } from '../notification/index.ts';
import { officeOf } from '../user/index.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { policyOf } from '../petition/index.ts';
import { dueOpenPetitions, unconfirmedOwnerships } from './warning.repository.ts';

export type SweepResult = { petitions: number; notifications: number };

export async function sweepDeadlines(deps: ServiceDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const today = localDateOf(now.toISOString());
  const open = PETITION_STATES.filter((s) => isOpen(s));
  const due = await dueOpenPetitions(deps.db, open, addCalendarDays(today, DUE_SOON_DAYS));
  let notifications = 0;
  for (const p of due) {
    if (p.due_date === null) continue;
    const urgency = p.due_date < today ? 'overdue' : 'due_soon';
    // The owner's days to confirm 包案 are the owner's alone (an unconfirmed ownership alerts the level above, below).
    const office =
      p.due_kind === 'owner_confirmation' ? [] : (await officeOf(deps.db, p.registered_unit_id)).map((u) => u.id);
    const handler = p.due_kind === 'owner_confirmation' ? null : p.handler_id;
    const recipients = [p.owner_id, handler, ...office].filter((u): u is string => u !== null);
    const told = await deps.db.transaction().execute((trx) =>
      notify(trx, deps, {
        kind: `deadline_${urgency}`,
        recipients,
        petitionId: p.id,
        data: { caseNumber: p.case_number, dueKind: p.due_kind, dueDate: p.due_date },
        dedupeKey: `${urgency}:${p.id}:${p.due_kind ?? ''}:${p.due_date}`,
      }),
    );
    notifications += told.length;
  }

  // 包案 not confirmed in time (the case's own confirmation days): alert the leaders one level above the owner's unit.
  const unconfirmed = (await unconfirmedOwnerships(deps.db, open)).filter(
    (p) =>
      p.named_at !== null && Date.parse(p.named_at) < now.getTime() - policyOf(p).ownerConfirmationDays * 86_400_000,
  );
  for (const p of unconfirmed) {
    const office = (await officeOf(deps.db, p.parent_id ?? p.unit_id)).map((u) => u.id);
    const told = await deps.db.transaction().execute((trx) =>
      notify(trx, deps, {
        kind: 'ownership_unconfirmed',
        recipients: office.filter((u) => u !== p.owner_id),
        petitionId: p.id,
        data: { caseNumber: p.case_number },
        dedupeKey: `unconfirmed:${p.id}:${p.owner_id ?? ''}`,
      }),
    );
    notifications += told.length;
  }
  return { petitions: due.length + unconfirmed.length, notifications };
}
