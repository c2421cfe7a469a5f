import { Typography } from 'antd';
import type { UnitKind } from '../../../../common/schemas/unit.ts';
import { useT } from '../../i18n/locale-context.ts';

export function ReportUnitKindsSummary({ value }: { value: UnitKind[] }) {
  const t = useT();
  return (
    <Typography.Text strong>
      {value.length === 0 ? t.settings.dailyReport.none : value.map((kind) => t.unitKinds[kind]).join('、')}
    </Typography.Text>
  );
}
