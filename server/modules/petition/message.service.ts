/**
 * Messages between the office and the petitioner (two-way, anonymous or not): the office reads them
 * on the case page and answers; the petitioner reads the answers in the portal. Whoever may read the
 * case reads its messages; whoever may add notes answers. Reading marks the petitioner's messages read.
 */
import type { Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PetitionMessageListView } from '../../../common/schemas/portal.ts';
import { appendAudit } from '../../platform/audit.ts';
import { canAct } from './petition.policy.ts';
import { loadReadable, type PetitionDeps } from './petition.service.ts';

export async function listMessages(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
): Promise<PetitionMessageListView> {
  const loaded = await loadReadable(deps, actor, petitionId);
  const canReply = canAct(actor, 'addNote', loaded.facts);
  const rows = await deps.db
    .selectFrom('petition_message as m')
    .leftJoin('app_user as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.direction', 'm.body', 'm.created_at', 'u.display_name'])
    .where('m.petition_id', '=', petitionId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  if (canReply) {
    await deps.db
      .updateTable('petition_message')
      .set({ read_at: deps.clock.now().toISOString() })
      .where('petition_id', '=', petitionId)
      .where('direction', '=', 'in')
      .where('read_at', 'is', null)
      .execute();
  }
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
    await trx
      .insertInto('petition_message')
      .values({
        id,
        petition_id: petitionId,
        direction: 'out',
        body,
        author_id: actor.id,
        created_at: deps.clock.now().toISOString(),
        read_at: null,
      })
      .execute();
    // The text stays out of the audit row (it may carry personal details); the id finds it.
    await appendAudit(trx, deps.clock, {
      actorId: actor.id,
      action: 'petition.message',
      entityType: 'petition',
      entityId: petitionId,
      after: { messageId: id },
    });
  });
  return listMessages(deps, actor, petitionId);
}
