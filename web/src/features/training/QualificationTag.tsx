import { Tag } from 'antd';
import type { QualificationState } from '../../../../common/domain/training.ts';
import { useT } from '../../i18n/locale-context.ts';

const COLOURS: Record<QualificationState, string> = {
  current: 'green',
  expiring: 'orange',
  expired: 'red',
  missing: 'default',
};

/** A qualification's state as a coloured tag (有效 / 即将到期 / 已过期 / 未取得). */
export function QualificationTag({ state }: { state: QualificationState }) {
  const t = useT();
  return <Tag color={COLOURS[state]}>{t.training.states[state]}</Tag>;
}
