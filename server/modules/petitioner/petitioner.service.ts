/**
 * Petitioners (信访人) as identity records. ID numbers and phones are stored encrypted (AES-256-GCM)
 * and found again through HMAC blind indexes; the clear values never leave this module except to
 * a viewer the petition policy allows (masked, or revealed and audited).
 *
 * A record is never overwritten by a later filing (《信访工作条例》第30条: the petitioner's identity
 * is protected; an unauthenticated portal filing must not rewrite who someone is). A filing that
 * matches a person on file is linked to that record only when it agrees with it — for the office,
 * the same name; for the portal, the same name AND the same phone. Otherwise it is a new record
 * that points at the one it may be (`same_as_id`) until an officer reconciles them.
 */
import type { Kysely } from 'kysely';
import type { PetitionerIdentity } from '../../../common/schemas/petition.ts';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { IdGenerator } from '../../platform/ids.ts';
import { insertPetitioners, petitionersByIndexes, type PetitionerRow } from './petitioner.repository.ts';

export type PersonInput = {
  name: string;
  identity: PetitionerIdentity;
  idNumber?: string | undefined;
  phone?: string | undefined;
  unitId?: string | undefined;
  address?: string | undefined;
};

export type Resolved = {
  /** The record the filing is linked to: one on file, or the new one. */
  petitionerId: string;
  /** The new record written for this filing (absent when an existing record was reused). */
  created: PetitionerRow | null;
  /** The person on file this one shares an ID number or phone with, when they were not reused. */
  sameAsId: string | null;
};

export type PetitionerSource = PetitionerRow['source'];

/** A person's ID-number and phone blind indexes. */
export function indexesOf(cipher: FieldCipher, person: Pick<PersonInput, 'idNumber' | 'phone'>) {
  return {
    idIndex: person.idNumber === undefined ? null : cipher.blindIndex(person.idNumber),
    phoneIndex: person.phone === undefined ? null : cipher.blindIndex(person.phone),
  };
}

function agrees(
  source: PetitionerSource,
  onFile: PetitionerRow,
  person: PersonInput,
  phoneIndex: string | null,
): boolean {
  if (onFile.name !== person.name) return false;
  // An unauthenticated filing proves nothing by naming a person: it must also carry the phone on file.
  if (source === 'portal') return phoneIndex !== null && onFile.phone_index === phoneIndex;
  return true;
}

/**
 * Link each person of a filing (or of many filings: the import) to a record, writing the new ones.
 * Within one call, the same ID number (else phone) is one person. One read and one write at most.
 */
export async function resolvePetitioners(
  trx: Kysely<DB>,
  deps: { cipher: FieldCipher; ids: IdGenerator },
  people: readonly PersonInput[],
  options: { source: PetitionerSource; at: string },
): Promise<Resolved[]> {
  const indexed = people.map((person) => ({ person, ...indexesOf(deps.cipher, person) }));
  const idIndexes = [...new Set(indexed.map((p) => p.idIndex).filter((x): x is string => x !== null))];
  const phoneIndexes = [
    ...new Set(
      indexed
        .filter((p) => p.idIndex === null)
        .map((p) => p.phoneIndex)
        .filter((x): x is string => x !== null),
    ),
  ];
  const onFile = await petitionersByIndexes(trx, idIndexes, phoneIndexes);
  // The oldest record per key: the person as first entered (later versions point at it).
  const byId = new Map<string, PetitionerRow>();
  const byPhone = new Map<string, PetitionerRow>();
  for (const row of onFile) {
    if (row.id_number_index !== null && !byId.has(row.id_number_index)) byId.set(row.id_number_index, row);
    if (row.phone_index !== null && !byPhone.has(row.phone_index)) byPhone.set(row.phone_index, row);
  }
  const created: PetitionerRow[] = [];
  const result: Resolved[] = [];
  for (const { person, idIndex, phoneIndex } of indexed) {
    const match = idIndex !== null ? byId.get(idIndex) : phoneIndex !== null ? byPhone.get(phoneIndex) : undefined;
    // The records on file with this key, newest last: reuse the one that agrees with the filing.
    const candidates =
      match === undefined
        ? []
        : onFile
            .concat(created)
            .filter((r) => (idIndex !== null ? r.id_number_index === idIndex : r.phone_index === phoneIndex));
    const reusable = candidates.find((r) => agrees(options.source, r, person, phoneIndex));
    if (reusable !== undefined) {
      result.push({ petitionerId: reusable.id, created: null, sameAsId: null });
      continue;
    }
    const row: PetitionerRow = {
      id: deps.ids.next(),
      name: person.name,
      identity: person.identity,
      unit_id: person.unitId ?? null,
      address: person.address ?? null,
      id_number_enc: person.idNumber === undefined ? null : deps.cipher.encrypt(person.idNumber),
      id_number_index: idIndex,
      phone_enc: person.phone === undefined ? null : deps.cipher.encrypt(person.phone),
      phone_index: phoneIndex,
      source: options.source,
      same_as_id: match?.id ?? null,
      reconciled_at: null,
      created_at: options.at,
      updated_at: options.at,
    };
    created.push(row);
    onFile.push(row);
    if (idIndex !== null && !byId.has(idIndex)) byId.set(idIndex, row);
    if (phoneIndex !== null && !byPhone.has(phoneIndex)) byPhone.set(phoneIndex, row);
    result.push({ petitionerId: row.id, created: row, sameAsId: match?.id ?? null });
  }
  await insertPetitioners(trx, created);
  return result;
}
