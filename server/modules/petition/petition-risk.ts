/**
 * Gathers one petition's risk facts (common/domain/risk.ts scores them): its petitioners' earlier
 * petitions, its unanswered messages, the sensitive period of today, the nearest deadline and the
 * enterprise's risk policy (threat words, category weights — an administrator edits them). Runs in
 * the transaction of every event (refreshDueDate) and from the warning scan, since time alone moves
 * a case towards overdue.
 */
import type { Kysely } from 'kysely';
import { daysBetween, localDateOf } from '../../../common/domain/calendar.ts';
import type { Deadline } from '../../../common/domain/deadlines.ts';
import { computeRisk, DEFAULT_RISK_POLICY, type RiskPolicy, type RiskResult } from '../../../common/domain/risk.ts';
import type { DB } from '../../db/schema.ts';
import type { PetitionRow } from './petition.repository.ts';

export const RISK_POLICY_KEY = 'warning.policy';

export async function loadRiskPolicy(db: Kysely<DB>): Promise<RiskPolicy> {
  const row = await db.selectFrom('setting').select('value_json').where('key', '=', RISK_POLICY_KEY).executeTakeFirst();
  if (row === undefined) return DEFAULT_RISK_POLICY;
  const stored = JSON.parse(row.value_json) as Partial<RiskPolicy>;
  return { ...DEFAULT_RISK_POLICY, ...stored };
}

/** The active sensitive period covering `date`, if any (the first by start). */
export async function sensitivePeriodOn(db: Kysely<DB>, date: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('sensitive_period')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .where('start_date', '<=', date)
    .where('end_date', '>=', date)
    .orderBy('start_date')
    .executeTakeFirst();
  return row ?? null;
}

export async function assessRisk(
  db: Kysely<DB>,
  petition: PetitionRow,
  deadlines: readonly Deadline[],
  now: Date,
  policy?: RiskPolicy,
): Promise<RiskResult> {
  const today = localDateOf(now.toISOString());
  const topCategory = petition.category_code === null ? null : petition.category_code.slice(0, 2);
  const [earlier, messages, period, effective, category] = await Promise.all([
    db
      .selectFrom('petition as p')
      .innerJoin('petition_petitioner as pp', 'pp.petition_id', 'p.id')
      .select(['p.id', 'p.received_at'])
      .where('pp.petitioner_id', 'in', (eb) =>
        eb.selectFrom('petition_petitioner').select('petitioner_id').where('petition_id', '=', petition.id),
      )
      .where('p.id', '!=', petition.id)
      .where('p.received_at', '<', petition.received_at)
      .orderBy('p.received_at', 'desc')
      .execute(),
    db
      .selectFrom('petition_message')
      .select(['direction', 'created_at'])
      .where('petition_id', '=', petition.id)
      .orderBy('created_at')
      .execute(),
    sensitivePeriodOn(db, today),
    policy === undefined ? loadRiskPolicy(db) : Promise.resolve(policy),
    topCategory === null
      ? Promise.resolve(undefined)
      : db.selectFrom('category').select('name').where('code', '=', topCategory).executeTakeFirst(),
  ]);
  const earlierIds = new Set(earlier.map((e) => e.id));
  const lastAnswer = messages.filter((m) => m.direction === 'out').at(-1)?.created_at ?? '';
  const unanswered = messages.filter((m) => m.direction === 'in' && m.created_at > lastAnswer);
  const open = deadlines
    .filter((d) => d.status === 'open' || d.status === 'overdue')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  const latestEarlier = earlier[0];
  return computeRisk(
    {
      headcount: petition.headcount,
      representatives: petition.representative_count,
      isGroup: petition.is_group === 1,
      isSkipLevel: petition.is_skip_level === 1,
      repeatCount: earlierIds.size,
      daysSinceLastPetition:
        latestEarlier === undefined
          ? null
          : daysBetween(localDateOf(latestEarlier.received_at), localDateOf(petition.received_at)),
      text: `${petition.title}\n${petition.body}`,
      categoryCode: topCategory,
      categoryName: category?.name ?? null,
      sensitivePeriod: period?.name ?? null,
      daysToDue: open === undefined ? null : daysBetween(today, open.dueDate),
      unansweredMessages: unanswered.length,
      oldestUnansweredDays: unanswered[0] === undefined ? 0 : daysBetween(localDateOf(unanswered[0].created_at), today),
      satisfaction: petition.satisfaction,
    },
    effective,
  );
}
