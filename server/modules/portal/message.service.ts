/**
 * Messages between the office and the petitioner (two-way, anonymous or not): the office reads them
 * on the case page and answers; the petitioner reads the answers in the portal. Whoever may read the
 * case reads its messages; whoever may add notes answers, recorded on the case (its risk counts the
 * petitioner's messages waiting for an answer). Reading marks the petitioner's messages read.
 */
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PetitionMessageListView } from '../../../common/schemas/portal.ts';
import { canAct, loadReadable, recordPetitionEvent, type PetitionDeps } from '../petition/index.ts';
import { insertMessage, listMessageRows, markIncomingRead } from './portal.repository.ts';

export async function listMessages(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<PetitionMessageListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const canReply = canAct(actor, 'addNote', loaded.facts);
  const rows = await listMessageRows(deps.db, petitionId);
  if (canReply) await markIncomingRead(deps.db, petitionId, deps.clock.now().toISOString());
  return {
    items: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      body: r.body,
      authorName: r.display_name,
      at: r.created_at,
    })),
    canReply,
  };
}

/** @throws FORBIDDEN when the actor may not add notes to the case */
export async function replyToPetitioner(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  body: string,
): Promise<PetitionMessageListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  if (!canAct(actor, 'addNote', loaded.facts))
    throw new DomainError('FORBIDDEN', { message: 'You may not answer on this petition' });
  const id = deps.ids.next();
  await deps.db.transaction().execute(async (trx) => {
    await insertMessage(trx, {
      id,
      petition_id: petitionId,
      direction: 'out',
      body,
      author_id: actor.id,
      created_at: deps.clock.now().toISOString(),
      read_at: null,
    });
    // The text stays out of the event and the audit row (it may carry personal details); the id finds it.
    await recordPetitionEvent(trx, deps, actor, loaded.petition, loaded.petition.registered_path, {
      kind: 'replyMessage',
      data: { messageId: id },
      internal: true,
      audit: { after: { messageId: id } },
    });
  });
  return listMessages(deps, actor, petitionId);
}
