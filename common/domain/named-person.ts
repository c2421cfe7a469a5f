/**
 * 被反映人 (named persons): the pure rules around the person a petition complains about or accuses.
 *
 * - Resolution (回避, 《信访工作条例》第28条第3款; 第30条第3款): a name is `unresolved` until an officer
 *   confirms the account it means (`account`) or that no account is that person (`no_account`).
 *   While unresolved, every account of that name in the unit named (anywhere, when no unit was
 *   named) is treated as named: recused from the case. Only an officer's confirmation narrows it.
 * - Ledger text (台账): `张三（矿长）`, `张三/东山煤矿/矿长`, several separated by 、 or ；.
 * - Routing around (回避, 第28条): a case is not handled by a unit a named person leads, nor by any
 *   unit under it; it goes to the level above (docs/domain.md, "Named persons").
 * - Proposals: accounts whose name matches, ranked by the unit and position the petition gives.
 */
import { isLeader } from './access.ts';
import type { Role } from '../schemas/user.ts';

export const NAMED_PERSON_RESOLUTIONS = ['unresolved', 'account', 'no_account'] as const;
export type NamedPersonResolution = (typeof NAMED_PERSON_RESOLUTIONS)[number];

/** How a name entered with or without a confirmed account starts out. */
export function resolutionOf(input: { userId?: string | undefined; noAccount?: boolean | undefined }) {
  if (input.userId !== undefined) return 'account' as const;
  return input.noAccount === true ? ('no_account' as const) : ('unresolved' as const);
}

// ---------------------------------------------------------------------------------------------
// Ledger text

/** A named person as a ledger cell writes it: the unit as text, not yet matched to a unit. */
export type NamedPersonText = { name: string; unitText: string | null; position: string | null };

/** Between several persons in one cell. */
const PERSON_SEPARATORS = /[、;；\n]+/;
/** Between name, unit and position of one person. */
const PART_SEPARATOR = /\s*[/／]\s*/;
/** `张三（矿长）` or `张三(矿长)`: the position in brackets after the name. */
const BRACKETED = /^(.*?)\s*[（(]\s*(.*?)\s*[）)]$/;

function blankToNull(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The named persons of a ledger cell. One person is `name`, `name（position）`, `name/unit`,
 * `name/unit/position`, or `name（position）/unit`; a unit written as a path keeps its levels
 * (`张三/东山煤矿/综采一队/队长`: the last part is the position when there are three or more).
 */
export function parseNamedPersons(cell: string): NamedPersonText[] {
  return cell
    .split(PERSON_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [first = '', ...rest] = part.split(PART_SEPARATOR);
      const bracket = BRACKETED.exec(first.trim());
      const name = (bracket?.[1] ?? first).trim();
      if (bracket !== null) return { name, unitText: blankToNull(rest.join('/')), position: blankToNull(bracket[2]) };
      if (rest.length <= 1) return { name, unitText: blankToNull(rest[0]), position: null };
      return { name, unitText: blankToNull(rest.slice(0, -1).join('/')), position: blankToNull(rest.at(-1)) };
    });
}

/**
 * One named person as the ledger writes it back, read again by `parseNamedPersons`: the unit's
 * levels joined with `>` (the ledger's unit columns read `>` as `/`), so the slashes stay between
 * name, unit and position.
 */
export function formatNamedPerson(person: { name: string; unitName: string | null; position: string | null }) {
  const unit = person.unitName === null || person.unitName === '' ? null : person.unitName.replace(/\s*\/\s*/g, '>');
  const position = person.position === null || person.position === '' ? null : person.position;
  if (unit !== null && position !== null) return `${person.name}/${unit}/${position}`;
  if (unit !== null) return `${person.name}/${unit}`;
  if (position !== null) return `${person.name}（${position}）`;
  return person.name;
}

// ---------------------------------------------------------------------------------------------
// Routing around a named person

/**
 * The unit a case goes to when it is handed to `handlingPath`, given the units recused people lead
 * (the paths of the units where a named person, a namesake of an unresolved name or someone who
 * declared a conflict is chief or deputy). A unit such a person leads, or any unit under it, does
 * not handle the case: it goes to the unit above the topmost such unit. At the enterprise there
 * is nothing above; the case stays there and the person stays recused.
 * @returns the path of the unit to hand to (`handlingPath` itself when nobody recused leads it)
 */
export function routeAround(handlingPath: string, ledPaths: readonly string[]): string {
  const topmost = ledPaths.filter((path) => handlingPath.startsWith(path)).sort((a, b) => a.length - b.length)[0];
  if (topmost === undefined) return handlingPath;
  const ids = topmost.split('/').filter((id) => id.length > 0);
  if (ids.length <= 1) return topmost;
  return `/${ids.slice(0, -1).join('/')}/`;
}

/** The unit id at the end of a path. */
export function unitIdOfPath(path: string): string {
  return (
    path
      .split('/')
      .filter((id) => id.length > 0)
      .at(-1) ?? ''
  );
}

// ---------------------------------------------------------------------------------------------
// Proposals

export type MatchCandidate = {
  id: string;
  displayName: string;
  role: Role;
  unitPath: string;
  position: string | null;
};

export type MatchQuery = { name: string; unitPath: string | null; position: string | null };

/** Words of a position that name a leader (矿长, 书记, 经理, 主任 …), matched against the leader roles. */
const LEADER_WORDS = /(长|书记|经理|主任|主席|总监|董事)$/;

/**
 * How well an account fits what the petition says: the same name (not only its beginning), in
 * the unit named (exactly there counts more), and the same position — written on the account, or
 * at least a leader's title for a leader.
 */
export function matchScore(candidate: MatchCandidate, query: MatchQuery): number {
  let score = candidate.displayName === query.name ? 8 : 0;
  if (query.unitPath !== null && candidate.unitPath.startsWith(query.unitPath)) {
    score += candidate.unitPath === query.unitPath ? 4 : 3;
  }
  const wanted = query.position?.trim() ?? '';
  if (wanted !== '') {
    const held = candidate.position?.trim() ?? '';
    if (held !== '' && (held === wanted || held.includes(wanted) || wanted.includes(held))) score += 2;
    else if (LEADER_WORDS.test(wanted) && isLeader(candidate.role)) score += 1;
  }
  return score;
}

/** Candidates best first (score, then name and unit for a stable order), at most `limit`. */
export function rankMatches<C extends MatchCandidate>(candidates: readonly C[], query: MatchQuery, limit: number): C[] {
  return candidates
    .map((candidate) => ({ candidate, score: matchScore(candidate, query) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.displayName.localeCompare(b.candidate.displayName) ||
        a.candidate.unitPath.localeCompare(b.candidate.unitPath),
    )
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
