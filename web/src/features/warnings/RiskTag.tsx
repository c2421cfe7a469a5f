import { Popover, Space, Tag, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { LEVEL_COLORS, reasonText } from './warning-text.ts';

/** A case's risk level as a tag; the reasons and their points open on hover or tap. */
export function RiskTag({ risk, showNone = false }: { risk: PetitionSummaryView['risk']; showNone?: boolean }) {
  const t = useT();
  const w = t.warnings;
  if (risk.level === 'none' && !showNone) return null;
  const content =
    risk.reasons.length === 0 ? (
      <Typography.Text type="secondary">{w.riskNone}</Typography.Text>
    ) : (
      <Space orientation="vertical" size={2}>
        {risk.reasons.map((r) => (
          <Typography.Text key={r.code}>
            <Typography.Text type="danger">{format(w.reasonPoints, { points: r.points })}</Typography.Text>{' '}
            {reasonText(t, { code: `risk.${r.code}`, detail: r.detail })}
          </Typography.Text>
        ))}
      </Space>
    );
  return (
    <Popover title={format(w.riskTitle, { score: risk.score })} content={content} trigger={['hover', 'click']}>
      <Tag
        color={risk.level === 'none' ? 'default' : LEVEL_COLORS[risk.level]}
        style={{ cursor: 'pointer' }}
        data-testid="risk-tag"
      >
        {w.riskLevels[risk.level]} {risk.score}
      </Tag>
    </Popover>
  );
}
