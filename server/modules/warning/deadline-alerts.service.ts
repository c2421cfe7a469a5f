/**
 * The deadline sweep run by the scheduler: near-due and overdue petitions notify their owner
 * leader, their handler and the office that registered them; an ownership still unconfirmed after
 * its deadline alerts the leaders of the level above the owner. Every notice goes through `notify`
 * (recusal and scope applied there) and is de-duplicated, so each state of each deadline is
 * announced once however often the sweep runs.
 *
 * A person one sweep would tell of more than DEADLINE_DIGEST_ABOVE deadlines (the first sweep after
 * a ledger import, or after the server was down) gets one `deadline_digest` with the counts instead:
 * the per-case rows are still written, read and sent nowhere, so each case can be opened from the
 * list and is never announced again — the bell and the phone are not flooded with fifty messages.
 */
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import {
  DEADLINE_DIGEST_ABOVE,
  DUE_SOON_DAYS,
  type Urgency as DeadlineUrgency,
} from '../../../common/domain/deadlines.ts';
import { isOpen, PETITION_STATES } from '../../../common/domain/petition-state.ts';
import { notify, notYetTold, type Notice } from '../notification/index.ts';
import { officeOf } from '../user/index.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { policyOf } from '../../../common/domain/case-deadlines.ts';
import { chunks, inSlices, yieldToLoop } from '../../platform/slices.ts';
import { dueOpenPetitions, readInIdWindows, unconfirmedOwnerships } from './warning.repository.ts';

export type SweepResult = { petitions: number; notifications: number };

type Urgency = Exclude<DeadlineUrgency, 'normal'>;

export async function sweepDeadlines(deps: ServiceDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const today = localDateOf(now.toISOString());
  const open = PETITION_STATES.filter((s) => isOpen(s));
  const horizon = addCalendarDays(today, DUE_SOON_DAYS);
  const due = await readInIdWindows(deps.db, (w) => dueOpenPetitions(deps.db, open, horizon, w));
  const planned: { urgency: Urgency; notice: Notice }[] = [];
  // One look-up per unit, not per case: tens of thousands of open cases share a few dozen offices.
  const offices = new Map<string, Promise<string[]>>();
  const officeIds = (unitId: string) => {
    let ids = offices.get(unitId);
    if (ids === undefined) {
      ids = officeOf(deps.db, unitId).then((users) => users.map((u) => u.id));
      offices.set(unitId, ids);
    }
    return ids;
  };
  // In slices (platform/slices.ts): on SQLite a sweep over every open case would otherwise hold each request.
  await inSlices(due, async (p) => {
    if (p.due_date === null) return;
    const urgency: Urgency = p.due_date < today ? 'overdue' : 'due_soon';
    // The owner's days to confirm 包案 are the owner's alone (an unconfirmed ownership alerts the level above, below).
    const office = p.due_kind === 'owner_confirmation' ? [] : await officeIds(p.registered_unit_id);
    const handler = p.due_kind === 'owner_confirmation' ? null : p.handler_id;
    planned.push({
      urgency,
      notice: {
        kind: `deadline_${urgency}`,
        recipients: [p.owner_id, handler, ...office].filter((u): u is string => u !== null),
        petitionId: p.id,
        data: { caseNumber: p.case_number, dueKind: p.due_kind, dueDate: p.due_date },
        dedupeKey: `${urgency}:${p.id}:${p.due_kind ?? ''}:${p.due_date}`,
      },
    });
  });
  // Who would be told of more than the limit in this sweep (before recusal and de-duplication: a
  // person near the limit may get a digest of fewer, never a flood of more).
  const planCount = new Map<string, number>();
  for (const { notice } of planned)
    for (const id of new Set(notice.recipients)) planCount.set(id, (planCount.get(id) ?? 0) + 1);
  const digested = new Set([...planCount].filter(([, n]) => n > DEADLINE_DIGEST_ABOVE).map(([id]) => id));

  let notifications = 0;
  const summed = new Map<string, { overdue: number; dueSoon: number }>();
  // Each state of each deadline is announced once: a case told already costs a share of one look-up per
  // 200, not a transaction, so the sweep stays short when nothing changed (issue #20).
  for (const group of chunks(planned, 200)) {
    await yieldToLoop();
    const fresh = new Set(
      (
        await notYetTold(
          deps.db,
          group.map((g) => g.notice),
        )
      ).map((n) => n.dedupeKey),
    );
    await inSlices(
      group.filter((g) => fresh.has(g.notice.dedupeKey)),
      async ({ urgency, notice }) => {
        const loud = notice.recipients.filter((id) => !digested.has(id));
        const quiet = notice.recipients.filter((id) => digested.has(id));
        const [toldLoud, toldQuiet] = await deps.db
          .transaction()
          .execute(async (trx) => [
            await notify(trx, deps, { ...notice, recipients: loud }),
            await notify(trx, deps, { ...notice, recipients: quiet, quiet: true }),
          ]);
        notifications += toldLoud.length;
        for (const id of toldQuiet) {
          const sum = summed.get(id) ?? { overdue: 0, dueSoon: 0 };
          if (urgency === 'overdue') sum.overdue += 1;
          else sum.dueSoon += 1;
          summed.set(id, sum);
        }
      },
    );
  }
  for (const [id, sum] of summed) {
    const told = await deps.db.transaction().execute((trx) =>
      notify(trx, deps, {
        kind: 'deadline_digest',
        recipients: [id],
        data: sum,
        dedupeKey: `digest:${now.toISOString()}`,
      }),
    );
    notifications += told.length;
  }

  // 包案 not confirmed in time (the case's own confirmation days): alert the leaders one level above the owner's unit.
  const unconfirmed = (await readInIdWindows(deps.db, (w) => unconfirmedOwnerships(deps.db, open, w))).filter(
    (p) =>
      p.named_at !== null && Date.parse(p.named_at) < now.getTime() - policyOf(p).ownerConfirmationDays * 86_400_000,
  );
  await inSlices(unconfirmed, async (p) => {
    const office = await officeIds(p.parent_id ?? p.unit_id);
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
  });
  return { petitions: due.length + unconfirmed.length, notifications };
}
