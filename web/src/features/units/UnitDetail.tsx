import { Card, Descriptions, Tag, Typography } from 'antd';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { useT } from '../../i18n/locale-context.ts';
import { KIND_COLORS } from './unit-kinds.ts';
import { UnitActions } from './UnitActions.tsx';
import { UnitNetwork } from './UnitNetwork.tsx';
import { UnitQrCode } from './UnitQrCode.tsx';

type Props = {
  unit: UnitView;
  units: readonly UnitView[];
  canManage: boolean;
  onChanged: (unit: UnitView) => void;
};

/** What one unit is (kind, code, users, parent) and, for managers, what can be done to it. */
export function UnitDetail({ unit, units, canManage, onChanged }: Props) {
  const t = useT();
  const parent = unit.parentId === null ? undefined : units.find((candidate) => candidate.id === unit.parentId);
  return (
    <Card
      title={
        <Typography.Text strong className={unit.active ? '' : 'xf-unit-inactive'} data-testid="unit-detail-name">
          {unit.name}
        </Typography.Text>
      }
      data-testid="unit-detail"
    >
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t.units.kind}>
          <Tag color={KIND_COLORS[unit.kind]}>{t.unitKinds[unit.kind]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t.units.code}>{unit.code.length > 0 ? unit.code : t.common.none}</Descriptions.Item>
        <Descriptions.Item label={t.units.parent}>{parent?.name ?? t.common.none}</Descriptions.Item>
        <Descriptions.Item label={t.units.userCount}>{unit.userCount}</Descriptions.Item>
        <Descriptions.Item label={t.common.status}>
          {unit.active ? <Tag color="success">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      {unit.kind !== 'enterprise' && <UnitNetwork unitId={unit.id} />}
      {unit.active && <UnitQrCode unit={unit} />}
      {canManage && <UnitActions unit={unit} units={units} onChanged={onChanged} />}
    </Card>
  );
}
