import { useCallback, useState } from 'react';
import { App, Button, Card, List, Tag } from 'antd';
import { Link } from 'react-router';
import { hazardsOfPetition, recordRevealedHazard } from '../../api/prevention.ts';
import { hazardPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { HazardModal } from './HazardModal.tsx';
import { RISK_COLORS, STATE_COLORS } from './hazard-colors.ts';

/**
 * 关联矛盾隐患 on the case page: the hazards this case became from or revealed — the case's side of
 * the link — and, for who keeps hazards, "record a hazard this case reveals" (entered at his unit).
 */
export function CaseHazardsCard({ petitionId, version }: { petitionId: string; version: number }) {
  const t = useT();
  const p = t.prevention;
  const { message } = App.useApp();
  const canRecord = useReach('hazard.manage') !== 'none';
  const load = useCallback(
    () => hazardsOfPetition(petitionId),
    // `version` is not read: a hazard linked is an event on the case, which asks again.
    [petitionId, version],
  );
  const hazards = useLoader(load);
  const [recording, setRecording] = useState(false);
  const items = hazards.data?.items ?? [];
  if (items.length === 0 && !canRecord) return null;
  return (
    <Card
      size="small"
      title={p.linkedHazards}
      data-testid="case-hazards"
      extra={
        canRecord && (
          <Button size="small" onClick={() => setRecording(true)} data-testid="case-hazard-record">
            {p.recordRevealed}
          </Button>
        )
      }
    >
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: p.hazard.none }}
        renderItem={(h) => (
          <List.Item key={h.id}>
            <Link to={hazardPath(h.id)}>{h.title}</Link>
            <span>
              <Tag color={RISK_COLORS[h.riskLevel]}>{p.riskLevels[h.riskLevel]}</Tag>
              <Tag color={STATE_COLORS[h.state]}>{p.states[h.state]}</Tag>
            </span>
          </List.Item>
        )}
      />
      <HazardModal
        open={recording}
        title={p.recordRevealed}
        onClose={() => setRecording(false)}
        onSubmit={async (hazard) => {
          await recordRevealedHazard(petitionId, hazard);
          setRecording(false);
          void message.success(t.common.saved);
          hazards.reload();
        }}
      />
    </Card>
  );
}
