/**
 * One petition's risk (common/domain/risk.ts scores it) from the facts around it: its petitioners'
 * earlier petitions, its unanswered messages, the sensitive period of today, the category, the
 * nearest deadline and the enterprise's risk policy (a setting the administrator edits). The facts
 * come in one statement; the petition engine calls this in the transaction of every event, and the
 * warning scan for cases that time alone moves towards overdue.
 */
import type { Kysely } from 'kysely';
import { daysBetween, localDateOf } from '../../../common/domain/calendar.ts';
import type { Deadline } from '../../../common/domain/deadlines.ts';
import { computeRisk, type RiskPolicy, type RiskResult } from '../../../common/domain/risk.ts';
import type { DB, PetitionTable } from '../../db/schema.ts';
import { riskFactsRow } from './warning.repository.ts';

export type RiskSubject = Pick<
  PetitionTable,
  | 'id'
  | 'received_at'
  | 'category_code'
  | 'headcount'
  | 'representative_count'
  | 'is_group'
  | 'is_skip_level'
  | 'title'
  | 'body'
  | 'satisfaction'
>;

/**
 * @param petitionerIds the case's petitioners when they are not linked yet (registration); else
 *   they are read through the case's links
 */
export async function assessRisk(
  db: Kysely<DB>,
  petition: RiskSubject,
  deadlines: readonly Deadline[],
  now: Date,
  policy: RiskPolicy,
  petitionerIds?: readonly string[],
): Promise<RiskResult> {
  const today = localDateOf(now.toISOString());
  const topCategory = petition.category_code === null ? null : petition.category_code.slice(0, 2);
  const facts = await riskFactsRow(db, { petition, petitionerIds, topCategory, today });
  const open = deadlines
    .filter((d) => d.status === 'open' || d.status === 'overdue')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return computeRisk(
    {
      headcount: petition.headcount,
      representatives: petition.representative_count,
      isGroup: petition.is_group === 1,
      isSkipLevel: petition.is_skip_level === 1,
      repeatCount: Number(facts.earlier_count),
      daysSinceLastPetition:
        facts.earlier_last === null
          ? null
          : daysBetween(localDateOf(facts.earlier_last), localDateOf(petition.received_at)),
      text: `${petition.title}\n${petition.body}`,
      categoryCode: topCategory,
      categoryName: facts.category_name,
      sensitivePeriod: facts.period_name,
      daysToDue: open === undefined ? null : daysBetween(today, open.dueDate),
      unansweredMessages: Number(facts.unanswered),
      oldestUnansweredDays:
        facts.oldest_unanswered === null ? 0 : daysBetween(localDateOf(facts.oldest_unanswered), today),
      satisfaction: petition.satisfaction,
    },
    policy,
  );
}
