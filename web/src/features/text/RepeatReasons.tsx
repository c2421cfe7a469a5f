import { Tag } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { RepeatCandidateView } from '../../../../common/schemas/text.ts';
import { useT } from '../../i18n/locale-context.ts';

/** Similarity and the reasons of one likely repeat, as tags. */
export function RepeatReasons({ candidate }: { candidate: RepeatCandidateView }) {
  const r = useT().textEngine.repeats;
  return (
    <>
      <Tag color="orange">{format(r.similarity, { value: Math.round(candidate.score * 100) })}</Tag>
      {candidate.reasons.map((reason) => (
        <Tag key={reason.code}>{format(r.reasons[reason.code], { value: Math.round((reason.value ?? 0) * 100) })}</Tag>
      ))}
      {candidate.final && <Tag color="red">{r.final}</Tag>}
    </>
  );
}
