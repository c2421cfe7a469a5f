/**
 * 越级 at registration: the pure rule (common/domain/skip-level.ts, 第20条第1款) over the units it
 * needs — the receiving unit, the petitioners' units and every unit above them — read in one statement.
 */
import type { Kysely } from 'kysely';
import { isSkipLevel, pathUnitIds, type LevelUnit } from '../../../common/domain/skip-level.ts';
import type { RegisterPetitionData } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import { unitsByIds } from '../unit/index.ts';

/**
 * Whether the intake is a 越级访, as the rule decides it: the petitioners' units, then every unit on
 * their paths and the receiving unit's (two statements; none without a petitioner's unit).
 * @param receiving the registering unit
 */
export async function skipLevelOf(
  trx: Kysely<DB>,
  input: Pick<RegisterPetitionData, 'channel' | 'referral' | 'petitioners'>,
  receiving: { id: string; path: string },
): Promise<boolean> {
  const petitionerUnitIds = input.petitioners.map((p) => p.unitId).filter((id): id is string => id !== undefined);
  if (petitionerUnitIds.length === 0) return false;
  const petitionerUnits = await unitsByIds(trx, [...new Set(petitionerUnitIds)]);
  const rows = await unitsByIds(trx, pathUnitIds([receiving.path, ...petitionerUnits.map((u) => u.path)]));
  const units = new Map<string, LevelUnit>(rows.map((u) => [u.id, { id: u.id, kind: u.kind, path: u.path }]));
  return isSkipLevel({
    channel: input.channel,
    referralChannel: input.referral?.petitionerChannel ?? null,
    receivingUnitId: receiving.id,
    petitionerUnitIds,
    units,
  });
}
