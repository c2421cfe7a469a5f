import { Tag } from 'antd';
import type { PetitionState } from '../../../../common/domain/petition-state.ts';
import { useT } from '../../i18n/locale-context.ts';
import { STATE_COLORS } from './petition-labels.ts';

/** The state of a case as a coloured tag. */
export function PetitionStateTag({ state, testId }: { state: PetitionState; testId?: string | undefined }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state]} {...(testId === undefined ? {} : { 'data-testid': testId })}>
      {t.petitions.states[state]}
    </Tag>
  );
}
