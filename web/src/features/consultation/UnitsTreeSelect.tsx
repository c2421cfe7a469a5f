import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { buildUnitForest, topLevelIds, type UnitNode } from '../../components/unit-forest.ts';

type TreeOption = { value: string; title: string; disabled: boolean; children: TreeOption[] };

function toOptions(nodes: readonly UnitNode[]): TreeOption[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    disabled: !node.unit.active,
    children: toOptions(node.children),
  }));
}

type Props = {
  units: readonly UnitView[];
  value?: string[] | undefined;
  onChange?: ((value: string[]) => void) | undefined;
  id?: string | undefined;
  'data-testid'?: string | undefined;
};

/** Pick several active units of the visible tree (the units asked, the units reached); searchable by name. */
export function UnitsTreeSelect({ units, value, onChange, id, 'data-testid': testId }: Props) {
  const forest = useMemo(() => buildUnitForest(units), [units]);
  const treeData = useMemo(() => toOptions(forest), [forest]);
  const expanded = useMemo(() => topLevelIds(forest, 2), [forest]);
  return (
    <TreeSelect<string[]>
      {...(id === undefined ? {} : { id })}
      data-testid={testId}
      multiple
      treeCheckable={false}
      treeData={treeData}
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={expanded}
      style={{ width: '100%' }}
    />
  );
}
