/**
 * Tell the petitioner in writing, as an office does: generate the notice a step owes (受理告知书,
 * 不予受理告知书, 延期告知书 …) through the document service and record its delivery. A step alone
 * does not meet the 15-day notice or the extension notice (第23条, 第34条); tests that need them met
 * go through here, the path a user takes.
 */
import type { Actor } from '../../common/domain/access.ts';
import type { DocumentKind } from '../../common/domain/documents.ts';
import type { PetitionDocumentView, RecordDeliveryInput } from '../../common/schemas/document.ts';
import { generateDocument, recordDelivery } from '../modules/document/document.service.ts';
import type { PetitionDeps } from '../modules/petition/index.ts';

export async function sendNotice(
  deps: PetitionDeps,
  actor: Actor,
  petitionId: string,
  kind: DocumentKind,
  delivery: RecordDeliveryInput = { method: 'in_person' },
): Promise<PetitionDocumentView> {
  const document = await generateDocument(deps, actor, petitionId, kind);
  return recordDelivery(deps, actor, document.id, delivery);
}
