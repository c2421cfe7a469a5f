/**
 * The office's look-ups of a petitioner: by ID number or phone through the blind indexes (only a
 * person with a petition in the officer's sight is shown, and the look-up is audited), and the
 * audited reveal of a petitioner's full ID number and phone to an officer who must contact them.
 */
import { can, type Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PetitionerLookupView } from '../../../common/schemas/petition.ts';
import { appendAudit } from '../../platform/audit.ts';
import {
  canRead,
  canRevealIdentity,
  listPetitioners,
  loadCase,
  loadReadable,
  type PetitionDeps,
} from '../petition/index.ts';
import { petitionersByIndexes, petitionsOfPetitioners } from './petitioner.repository.ts';

/** The full ID number and phone of a petitioner, for an officer who must contact them; audited. */
export async function revealPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  petitionerId: string,
): Promise<{ idNumber: string | null; phone: string | null }> {
  const { facts } = await loadReadable(deps, actor, petitionId);
  if (!canRevealIdentity(actor, facts))
    throw new DomainError('FORBIDDEN', { message: 'You may not see the full identity' });
  const petitioner = (await listPetitioners(deps.db, petitionId)).find((p) => p.id === petitionerId);
  if (petitioner === undefined) throw new DomainError('NOT_FOUND', { message: 'Petitioner not found' });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petitioner.reveal_identity',
      entityType: 'petitioner',
      entityId: petitionerId,
      after: { petitionId },
    }),
  );
  return {
    idNumber: petitioner.id_number_enc === null ? null : deps.cipher.decrypt(petitioner.id_number_enc),
    phone: petitioner.phone_enc === null ? null : deps.cipher.decrypt(petitioner.phone_enc),
  };
}

/**
 * Find a petitioner by ID number or phone through the blind indexes, with their earlier petitions,
 * so an officer registering a visit fills in a known person and sees likely repeats. Only through
 * the petitions the officer may read: a person is shown only when at least one of their petitions
 * is in the officer's sight (scope, recusal), and the look-up is audited.
 * @throws FORBIDDEN for roles that do not register
 */
export async function lookupPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  query: { idNumber?: string | undefined; phone?: string | undefined },
): Promise<PetitionerLookupView> {
  if (!can(actor, 'petitioner.lookup', { id: actor.unitId, path: actor.unitPath }))
    throw new DomainError('FORBIDDEN', { message: 'Only petition offices look petitioners up' });
  const idIndex = query.idNumber === undefined || query.idNumber === '' ? null : deps.cipher.blindIndex(query.idNumber);
  const phoneIndex = query.phone === undefined || query.phone === '' ? null : deps.cipher.blindIndex(query.phone);
  const people = await petitionersByIndexes(
    deps.db,
    idIndex === null ? [] : [idIndex],
    idIndex === null && phoneIndex !== null ? [phoneIndex] : [],
  );
  const person = people[0];
  const nothing: PetitionerLookupView = { found: false, petitioner: null, petitions: [] };
  if (person === undefined) return nothing;
  const petitions: PetitionerLookupView['petitions'] = [];
  for (const row of await petitionsOfPetitioners(
    deps.db,
    people.map((p) => p.id),
    20,
  )) {
    const loaded = await loadCase(deps.db, row.id);
    if (loaded === null || !canRead(actor, loaded.facts)) continue;
    const p = loaded.petition;
    petitions.push({ id: p.id, caseNumber: p.case_number, title: p.title, state: p.state, receivedAt: p.received_at });
  }
  // Out of the officer's sight (another mine's person, or cases the officer is recused from): not found.
  if (petitions.length === 0) return nothing;
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petitioner.lookup',
      entityType: 'petitioner',
      entityId: person.id,
      after: { by: idIndex === null ? 'phone' : 'idNumber', petitions: petitions.length },
    }),
  );
  return {
    found: true,
    petitioner: {
      id: person.id,
      name: person.name,
      identity: person.identity,
      unitId: person.unit_id,
      address: person.address,
    },
    petitions,
  };
}
