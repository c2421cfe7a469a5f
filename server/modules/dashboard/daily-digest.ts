/**
 * The daily digest (每日简报) for each leader (chief, deputy), run by the scheduler: once per local
 * day from 08:00 (UTC+8), one `daily_digest` notification per leader with, in the leader's scope,
 * the petitions received since yesterday, those due within 3 days, the overdue open ones and the
 * red and orange open warnings. De-duplicated per user and date, so any number of runs (and of
 * instances) writes one per day.
 */
import { LEADER_ROLES, type Actor } from '../../../common/domain/access.ts';
import { addCalendarDays, localDateOf } from '../../../common/domain/calendar.ts';
import { DUE_SOON_DAYS } from '../../../common/domain/deadlines.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { notify } from '../notification/index.ts';
import { scopedPetitions } from '../ledger/index.ts';
import { activePeopleWithRoles } from '../user/index.ts';
import * as repo from './dashboard.repository.ts';

/** Local hour (UTC+8) from which the day's digest goes out. */
export const DIGEST_HOUR = 8;

export type DigestResult = { date: string; written: number };

export async function sendDailyDigests(deps: ServiceDeps): Promise<DigestResult> {
  const now = deps.clock.now();
  const today = localDateOf(now.toISOString());
  const localHour = new Date(now.getTime() + 8 * 3_600_000).getUTCHours();
  if (localHour < DIGEST_HOUR) return { date: today, written: 0 };
  const yesterday = addCalendarDays(today, -1);
  let written = 0;
  for (const leader of await activePeopleWithRoles(deps.db, LEADER_ROLES)) {
    const actor: Actor = { id: leader.id, role: leader.role, unitId: leader.unit_id, unitPath: leader.unit_path };
    const data = {
      date: today,
      newCount: await repo.countScope(await scopedPetitions(deps, actor, { receivedFrom: yesterday })),
      dueSoon: await repo.countDueBetween(
        await scopedPetitions(deps, actor, { open: 'true' }),
        today,
        addCalendarDays(today, DUE_SOON_DAYS),
      ),
      overdue: await repo.countScope(await scopedPetitions(deps, actor, { open: 'true', overdue: 'true' })),
      red: 0,
      orange: 0,
    };
    for (const row of await repo.openWarningsByLevel(deps.db, leader.unit_path, leader.id)) {
      if (row.level === 'red') data.red = row.n;
      if (row.level === 'orange') data.orange = row.n;
    }
    const told = await deps.db
      .transaction()
      .execute((trx) =>
        notify(trx, deps, { kind: 'daily_digest', recipients: [leader.id], data, dedupeKey: `daily_digest:${today}` }),
      );
    written += told.length;
  }
  return { date: today, written };
}
