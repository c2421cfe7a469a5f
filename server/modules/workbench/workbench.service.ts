/**
 * Screens of the workbench that show several modules' records at once, answered in one request
 * (issue #13 point 21: one request per screen). Each part is read through its own module's use case,
 * with that module's access decision; nothing here reads a table.
 */
import type { Actor } from '../../../common/domain/access.ts';
import type { CasePageView } from '../../../common/schemas/workbench.ts';
import { listAttachments } from '../attachment/index.ts';
import { listDocuments } from '../document/index.ts';
import { getPetition, type PetitionDeps } from '../petition/index.ts';
import { listMessages } from '../portal/index.ts';
import { findRepeats } from '../text/index.ts';

/**
 * The case page: the case first (NOT_FOUND when the actor may not see it, before anything else is
 * read), then its documents, messages (reading them marks the petitioner's read, as the card does),
 * attachments and, where the actor may link repeats, the likely repeats.
 * @throws NOT_FOUND
 */
export async function casePage(deps: PetitionDeps, actor: Actor, id: string): Promise<CasePageView> {
  const petition = await getPetition(deps, actor, id);
  const [documents, messages, attachments, similar] = await Promise.all([
    listDocuments(deps, actor, id),
    listMessages(deps, actor, id),
    listAttachments(deps, actor, id),
    petition.actions.includes('linkRepeat')
      ? findRepeats(deps, actor, { title: petition.title, body: petition.body, excludeId: id })
      : Promise.resolve(null),
  ]);
  return { petition, documents, messages, attachments, similar };
}
