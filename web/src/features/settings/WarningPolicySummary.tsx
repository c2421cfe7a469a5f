import { Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { RiskPolicyView } from '../../../../common/schemas/warning.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 预警规则 in one line; edited on 预警设置. */
export function WarningPolicySummary({ value }: { value: RiskPolicyView }) {
  const t = useT();
  return (
    <Typography.Text>
      {format(t.settings.warningPolicy.summary, {
        terms: value.threatTerms.length,
        weights: Object.keys(value.categoryWeights).length,
        ...value.thresholds,
        tightening: value.sensitiveTightening,
      })}
    </Typography.Text>
  );
}
