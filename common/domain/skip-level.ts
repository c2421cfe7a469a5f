/**
 * 越级访 (skip-level petition), decided from the channel, the receiving level and the petitioner's
 * unit — not ticked by hand.
 *
 * 《信访工作条例》第20条第1款: "信访人采用走访形式提出信访事项的，应当到有权处理的本级或者上一级机关、
 * 单位设立或者指定的接待场所提出。" So the rule binds a visit (走访) only — a letter, a call or an online
 * filing may be addressed to any level — and a visit is in order at the level with authority over the
 * matter (本级) or the one above it (上一级). Taken two levels or more above, it is 越级.
 *
 * The levels of the enterprise are the units that carry a petition office and decide (the
 * enterprise, its mines and companies); a department, district team (区队) or crew (班组) belongs to
 * the level above it, so a crew member's 本级 is his mine. A matter sent down by a higher body
 * (上级转送/交办) was taken outside the enterprise, one level above its top: when the petitioner went
 * there in person, the distance counts that level too. With no petitioner's unit on record (an
 * anonymous letter, a villager) the level with authority is unknown and nothing is flagged; the
 * officer corrects the flag either way (audited).
 */
import type { Channel } from '../schemas/petition.ts';
import type { UnitKind } from '../schemas/unit.ts';
import type { UnitPath } from './access.ts';

/** The kinds of unit that form a level of the petition work: each has its office and decides. */
export const LEVEL_KINDS: readonly UnitKind[] = ['enterprise', 'mine', 'company'];

/** Levels above the one with authority at which a visit is still in order: the 上一级 (第20条第1款). */
export const LEVELS_ALLOWED_ABOVE = 1;

export type LevelUnit = { id: string; kind: UnitKind; path: UnitPath };

export type SkipLevelFacts = {
  channel: Channel;
  /** For a matter sent down from above: how the petitioner went to that body (null: not recorded). */
  referralChannel?: Channel | null;
  /** The unit that received (registered) the petition. */
  receivingUnitId: string;
  /** The units of the petitioners, where known. */
  petitionerUnitIds: readonly string[];
  /** The units named above and every unit on their paths (their ancestors), by id. */
  units: ReadonlyMap<string, LevelUnit>;
};

/** The level units on the path of `unitId`, top first: `/root/mine/team/` → [root, mine]. */
export function levelsOf(unitId: string, units: ReadonlyMap<string, LevelUnit>): string[] {
  const unit = units.get(unitId);
  if (unit === undefined) return [];
  return unit.path
    .split('/')
    .filter((id) => id.length > 0)
    .filter((id) => {
      const kind = units.get(id)?.kind;
      return kind !== undefined && LEVEL_KINDS.includes(kind);
    });
}

/**
 * How many levels above the level with authority over a petitioner of `petitionerUnitId` the
 * petition was received; 0 at that level, below it or beside it (a wrong place, not a higher one).
 * `fromAbove`: received from a body outside and above the enterprise.
 */
export function levelsAbove(
  petitionerUnitId: string,
  receivingUnitId: string,
  units: ReadonlyMap<string, LevelUnit>,
  fromAbove: boolean,
): number {
  const chain = levelsOf(petitionerUnitId, units);
  if (chain.length === 0) return 0;
  const own = chain.length - 1;
  if (fromAbove) return own + 1;
  const receiving = levelsOf(receivingUnitId, units).at(-1);
  const index = receiving === undefined ? -1 : chain.indexOf(receiving);
  return index < 0 ? 0 : own - index;
}

/**
 * Whether the petition is 越级 (第20条第1款): a visit — in person at the receiving unit, or to the
 * higher body that sent it down — taken more than one level above the level with authority over
 * every petitioner whose unit is known.
 */
export function isSkipLevel(facts: SkipLevelFacts): boolean {
  const fromAbove = facts.channel === 'forwarded';
  const inPerson = fromAbove ? facts.referralChannel === 'visit' : facts.channel === 'visit';
  if (!inPerson) return false;
  const known = facts.petitionerUnitIds.filter((id) => facts.units.has(id));
  if (known.length === 0) return false;
  return known.every((id) => levelsAbove(id, facts.receivingUnitId, facts.units, fromAbove) > LEVELS_ALLOWED_ABOVE);
}

/** Every unit id on the paths of these units (themselves included): what `isSkipLevel` needs loaded. */
export function pathUnitIds(paths: readonly UnitPath[]): string[] {
  return [...new Set(paths.flatMap((path) => path.split('/').filter((id) => id.length > 0)))];
}
