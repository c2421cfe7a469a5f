import { useCallback } from 'react';
import { Alert } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { receptionOfPetition } from '../../api/duty.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';

/** On a visit's case page: the leader who received it on his reception day at the unit (领导接待日). */
export function ReceptionLeaderNote({ petitionId }: { petitionId: string }) {
  const t = useT();
  const load = useCallback(() => receptionOfPetition(petitionId), [petitionId]);
  const reception = useLoader(load).data;
  if (reception === undefined || reception === null) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="case-reception-leader"
      title={`${t.duty.reception.caseLeader}：${format(t.duty.reception.caseReceived, {
        leader: reception.leaderName,
        date: reception.date,
        place: reception.place,
      })}`}
    />
  );
}
