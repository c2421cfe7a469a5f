/** The demo's people and units, found through the user and unit modules (the demo owns no queries). */
import type { Kysely } from 'kysely';
import type { Actor } from '../../common/domain/access.ts';
import type { DB } from '../db/schema.ts';
import { findRootUnit, unitsUnder } from '../modules/unit/index.ts';
import { findUserByUsername } from '../modules/user/index.ts';

/** The demo account `username` acting. @throws when the demo enterprise lacks it. */
export async function demoActor(db: Kysely<DB>, username: string): Promise<Actor> {
  const user = await findUserByUsername(db, username);
  if (user === undefined) throw new Error(`The demo account ${username} does not exist`);
  return { id: user.id, role: user.role, unitId: user.unit_id, unitPath: user.unit_path };
}

/** Every unit of the demo enterprise. */
export async function demoUnits(db: Kysely<DB>) {
  const root = await findRootUnit(db);
  return root === undefined ? [] : unitsUnder(db, root.path);
}
