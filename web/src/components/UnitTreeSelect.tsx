import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { UnitView } from '../../../common/schemas/unit.ts';
import { buildUnitForest, topLevelIds, type UnitNode } from './unit-forest.ts';

type TreeOption = { value: string; title: string; disabled: boolean; children: TreeOption[] };

type Props = {
  units: readonly UnitView[];
  value?: string | undefined;
  onChange?: ((value: string | undefined) => void) | undefined;
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  /** Ids that cannot be chosen (e.g. a unit and its subtree when moving it). */
  disabledIds?: ReadonlySet<string> | undefined;
  /** Inactive units cannot be chosen. */
  activeOnly?: boolean | undefined;
  id?: string | undefined;
};

function toOptions(nodes: readonly UnitNode[], disabled: (unit: UnitView) => boolean): TreeOption[] {
  return nodes.map((node) => ({
    value: node.unit.id,
    title: node.unit.name,
    disabled: disabled(node.unit),
    children: toOptions(node.children, disabled),
  }));
}

/** Pick one unit from the visible hierarchy; searchable by name. Works as a Form.Item control. */
export function UnitTreeSelect({
  units,
  value,
  onChange,
  placeholder,
  allowClear,
  disabledIds,
  activeOnly,
  id,
}: Props) {
  const forest = useMemo(() => buildUnitForest(units), [units]);
  const treeData = useMemo(
    () => toOptions(forest, (unit) => (activeOnly === true && !unit.active) || (disabledIds?.has(unit.id) ?? false)),
    [forest, activeOnly, disabledIds],
  );
  const expanded = useMemo(() => topLevelIds(forest, 2), [forest]);

  return (
    <TreeSelect<string | null>
      {...(id === undefined ? {} : { id })}
      treeData={treeData}
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? undefined)}
      {...(placeholder === undefined ? {} : { placeholder })}
      allowClear={allowClear === true}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180 }}
    />
  );
}
