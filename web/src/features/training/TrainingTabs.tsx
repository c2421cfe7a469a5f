import { Segmented } from 'antd';
import { useNavigate } from 'react-router';
import { TRAINING_COURSES_PATH, TRAINING_GAPS_PATH, TRAINING_SESSIONS_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The office's three training pages, one switch above each (sessions, courses, gaps). */
export function TrainingTabs({ current }: { current: 'sessions' | 'courses' | 'gaps' }) {
  const t = useT();
  const navigate = useNavigate();
  const mayManage = useReach('training.manage') !== 'none';
  const paths = { sessions: TRAINING_SESSIONS_PATH, courses: TRAINING_COURSES_PATH, gaps: TRAINING_GAPS_PATH };
  const tabs = (['sessions', 'courses', 'gaps'] as const).filter((tab) => tab !== 'courses' || mayManage);
  return (
    <Segmented<'sessions' | 'courses' | 'gaps'>
      value={current}
      data-testid="training-tabs"
      options={tabs.map((tab) => ({ value: tab, label: t.training.tabs[tab] }))}
      onChange={(tab) => void navigate(paths[tab])}
    />
  );
}
