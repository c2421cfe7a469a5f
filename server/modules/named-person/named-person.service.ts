/**
 * 被反映人 proposals: while an officer types the name of the person a petition is about, the
 * accounts that may be that person — same name (or a name beginning with it), in the office's own
 * subtree, ranked by the unit and position the petition gives (common/domain/named-person.ts). The
 * officer confirms one or leaves the name unresolved; nothing is set without them.
 *
 * Protected like the account list it draws on: only the office (`namedPerson.match`), only its own
 * subtree, and only what is needed to choose — the name, the unit along the tree and the position.
 * The public portal never asks it: a petitioner is never shown accounts (no oracle of who works where).
 */
import { can, hasAction, scopeOf, type Actor } from '../../../common/domain/access.ts';
import { rankMatches } from '../../../common/domain/named-person.ts';
import { unitPathName } from '../../../common/domain/unit-tree.ts';
import { DomainError, fieldError } from '../../../common/errors.ts';
import {
  NAMED_PERSON_MATCH_LIMIT,
  NamedPersonMatchQuerySchema,
  type NamedPersonMatchQuery,
  type NamedPersonMatchView,
} from '../../../common/schemas/named-person.ts';
import type { NamedPersonView } from '../../../common/schemas/petition.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { ancestorIds, findUnitById, findUnitNames } from '../unit/index.ts';
import { activeAccountsNamed, usersByIds } from '../user/index.ts';
import { namedPersonRows } from './named-person.repository.ts';

/** Accounts read before ranking: a name shared by more people than this is rare in one subtree. */
const CANDIDATES = 50;

/**
 * The accounts that may be the person named `query.name`, best first.
 * @throws FORBIDDEN (not an office), VALIDATION_FAILED (an unknown unit)
 */
export async function proposeNamedPersons(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  rawQuery: NamedPersonMatchQuery,
): Promise<NamedPersonMatchView> {
  if (!hasAction(actor.role, 'namedPerson.match'))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices are proposed accounts' });
  const query = NamedPersonMatchQuerySchema.parse(rawQuery);
  const scope = scopeOf(actor, 'namedPerson.match');
  if (scope.kind !== 'subtree') return { items: [] };
  let unitPath: string | null = null;
  if (query.unitId !== undefined) {
    const unit = await findUnitById(deps.db, query.unitId);
    if (unit === undefined) {
      throw new DomainError('VALIDATION_FAILED', {
        message: 'unknown unit',
        details: { in: 'querystring', issues: [{ path: ['unitId'], message: 'unknown unit' }] },
      });
    }
    unitPath = unit.path;
  }
  const rows = await activeAccountsNamed(deps.db, query.name, scope.path, CANDIDATES);
  const ranked = rankMatches(
    rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      role: row.role,
      unitPath: row.unit_path,
      position: row.position,
    })),
    { name: query.name, unitPath, position: query.position ?? null },
    NAMED_PERSON_MATCH_LIMIT,
  );
  const names = await findUnitNames(
    deps.db,
    ranked.flatMap((c) => ancestorIds(c.unitPath)),
  );
  return {
    items: ranked.map((c) => ({
      userId: c.id,
      displayName: c.displayName,
      unitPathName: unitPathName(c.unitPath, (id) => names.get(id)),
      position: c.position,
    })),
  };
}

/** The named persons of a case as the office's page shows them, their units named along the tree. */
export async function namedPersonsOfCase(db: Kysely<DB>, petitionId: string): Promise<NamedPersonView[]> {
  const rows = await namedPersonRows(db, petitionId);
  if (rows.length === 0) return [];
  const names = await findUnitNames(
    db,
    rows.flatMap((row) => [...ancestorIds(row.unit_path ?? ''), ...ancestorIds(row.account_unit_path ?? '')]),
  );
  const nameOf = (id: string) => names.get(id);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    position: row.position,
    unitId: row.unit_id,
    unitName: row.unit_path === null ? row.unit_text : unitPathName(row.unit_path, nameOf),
    resolution: row.resolution,
    account:
      row.user_id === null || row.account_name === null
        ? null
        : {
            id: row.user_id,
            displayName: row.account_name,
            unitPathName: unitPathName(row.account_unit_path ?? '', nameOf),
            position: row.account_position,
          },
  }));
}

/**
 * The unit and the account a named person refers to: a unit that exists, an account in the
 * officer's own subtree (the accounts the office may be proposed; another is "unknown", so the
 * answer tells nothing about accounts elsewhere). @throws VALIDATION_FAILED naming the field
 */
export async function checkNamedReferences(
  trx: Kysely<DB>,
  actor: Actor,
  input: { unitId?: string | undefined; userId?: string | undefined },
): Promise<void> {
  if (input.unitId !== undefined && (await findUnitById(trx, input.unitId)) === undefined)
    throw fieldError('unitId', 'unknown unit');
  if (input.userId !== undefined) {
    const user = (await usersByIds(trx, [input.userId]))[0];
    if (user === undefined || !can(actor, 'namedPerson.match', { id: user.unit_id, path: user.unit_path }))
      throw fieldError('userId', 'unknown account');
  }
}
