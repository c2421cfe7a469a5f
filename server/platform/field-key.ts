/**
 * Is the configured field-encryption key the one the identity data was written with? Checked at
 * start-up and after a restore, so a wrong or missing key stops the server with one clear line
 * instead of a server that answers 500 on every petitioner it shows.
 *
 * The database keeps a check value of the key (`field_key_check`, see `fieldKeyCheckValue`): one
 * indexed row read on every start. When no value is recorded yet (a database from before the
 * check), one stored ciphertext is decrypted instead and the value recorded.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import type { FieldCipher } from './crypto.ts';

/** The configured key cannot decrypt the stored identity data, or is missing; the message is one line for an operator. */
export class FieldKeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldKeyMismatchError';
  }
}

export type FieldKey = {
  cipher: FieldCipher;
  /** `fieldKeyCheckValue` of the secret. */
  checkValue: string;
  /** Where the key came from, for messages: `XINFANG_SECRET` or the key file's path. Never the key. */
  source: string;
};

/** The check value recorded in the database, if any. */
export async function readFieldKeyCheck(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('field_key_check').select('check_value').where('id', '=', 1).executeTakeFirst();
  return row?.check_value ?? null;
}

/**
 * Make sure `key` is the key of the identity data in `db`, and record its check value.
 *
 * - recorded value equal → `matches` (the usual start: one row read);
 * - recorded value different → refused when any identity ciphertext is stored; with none stored
 *   the database holds nothing the key protects yet, and the new key is recorded (`rebound`);
 * - nothing recorded → one stored ciphertext (`sample`) must decrypt; then the value is recorded.
 *
 * @param sample one stored identity ciphertext, or null when there is none
 * @throws FieldKeyMismatchError naming `key.source` when the key cannot decrypt the stored data
 */
export async function checkFieldKey(
  deps: { db: Kysely<DB>; clock: Clock },
  key: FieldKey,
  sample: () => Promise<string | null>,
): Promise<'matches' | 'recorded' | 'rebound'> {
  const recorded = await readFieldKeyCheck(deps.db);
  if (recorded === key.checkValue) return 'matches';
  const ciphertext = await sample();
  if (ciphertext !== null) {
    if (recorded !== null) throw mismatch(key.source);
    try {
      key.cipher.decrypt(ciphertext);
    } catch {
      throw mismatch(key.source);
    }
  }
  const at = deps.clock.now().toISOString();
  await deps.db
    .insertInto('field_key_check')
    .values({ id: 1, check_value: key.checkValue, recorded_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ check_value: key.checkValue, recorded_at: at }))
    .execute();
  return recorded === null ? 'recorded' : 'rebound';
}

function mismatch(source: string): FieldKeyMismatchError {
  return new FieldKeyMismatchError(
    `${source} is not the key the ID numbers and phones in this database were encrypted with; start with that key (XINFANG_SECRET, or the secret.key of the backup) — a new key cannot decrypt them`,
  );
}
