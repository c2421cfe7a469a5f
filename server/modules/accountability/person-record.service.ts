/**
 * 个人档案 (issue #18: "a person's record shows it"; 《信访工作条例》第39条, 第42–46条): one person's
 * rewards and penalties with their 整改, and his scores in the published leader rounds. Who sees it:
 * the person himself, and those whose role reads accountability or appraisal over his unit (access.ts
 * REACH); anyone else is answered as if he did not exist. The cases behind a measure stay hidden from
 * a viewer who may not read them (第30条), as on every list of measures.
 */
import { can, enterpriseOf, type Actor } from '../../../common/domain/access.ts';
import { DomainError } from '../../../common/errors.ts';
import type { PersonRecordView } from '../../../common/schemas/accountability.ts';
import { leaderScoresOf } from '../appraisal/index.ts';
import { findUserById } from '../user/index.ts';
import { listMeasures, type AccountabilityDeps } from './accountability.service.ts';

/** @throws NOT_FOUND (no such person in the enterprise, or not the viewer's to see) */
export async function personRecord(deps: AccountabilityDeps, actor: Actor, userId: string): Promise<PersonRecordView> {
  const user = await findUserById(deps.db, userId);
  const self = userId === actor.id;
  const unit = user === undefined ? undefined : { id: user.unit_id, path: user.unit_path };
  const readsMeasures = unit !== undefined && (self || can(actor, 'accountability.read', unit));
  const readsScores = unit !== undefined && (self || can(actor, 'appraisal.read', unit));
  if (user === undefined || !user.unit_path.startsWith(enterpriseOf(actor).path) || !(readsMeasures || readsScores))
    throw new DomainError('NOT_FOUND', { message: 'Person not found' });
  return {
    person: { id: user.id, name: user.display_name, role: user.role, unit: { id: user.unit_id, name: user.unit_name } },
    self,
    measures: readsMeasures ? (await listMeasures(deps, actor, { userId })).items : null,
    scores: readsScores ? await leaderScoresOf(deps.db, userId) : [],
  };
}
