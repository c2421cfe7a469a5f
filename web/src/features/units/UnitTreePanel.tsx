import { useEffect, useMemo, useState, type Key } from 'react';
import { Empty, Flex, Input, Switch, Tree, Typography, type TreeDataNode } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import {
  ancestorIds,
  buildUnitForest,
  filterForest,
  topLevelIds,
  type UnitNode,
} from '../../components/unit-forest.ts';
import { useT } from '../../i18n/locale-context.ts';
import { UnitTitle } from './UnitTitle.tsx';

type Props = {
  units: readonly UnitView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  showInactive: boolean;
  onShowInactiveChange: (value: boolean) => void;
};

function toTreeData(nodes: readonly UnitNode[], term: string): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.unit.id,
    title: <UnitTitle unit={node.unit} highlight={term} />,
    children: toTreeData(node.children, term),
  }));
}

/** The searchable unit hierarchy with the "show deactivated units" toggle. */
export function UnitTreePanel({ units, selectedId, onSelect, showInactive, onShowInactiveChange }: Props) {
  const t = useT();
  const [term, setTerm] = useState('');
  const forest = useMemo(() => buildUnitForest(units), [units]);
  // null until the first list arrives, then the user's own choice (kept across reloads).
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const trimmed = term.trim();
  const filtered = useMemo(() => {
    if (trimmed.length === 0) return { nodes: forest, expand: null };
    const needle = trimmed.toLowerCase();
    return filterForest(
      forest,
      (unit) => unit.name.toLowerCase().includes(needle) || unit.code.toLowerCase().includes(needle),
    );
  }, [forest, trimmed]);

  // Two levels open by default, once the first list arrives.
  useEffect(() => {
    if (expanded === null && forest.length > 0) setExpanded(topLevelIds(forest, 2));
  }, [expanded, forest]);

  // While searching, open the path to every match.
  useEffect(() => {
    if (filtered.expand !== null) setExpanded(filtered.expand);
  }, [filtered]);

  // Keep the selected unit in view, e.g. one just created under a collapsed parent.
  useEffect(() => {
    if (selectedId === null) return;
    const path = ancestorIds(units, selectedId);
    setExpanded((previous) => [...new Set([...(previous ?? []), ...path])]);
  }, [selectedId, units]);

  const treeData = useMemo(() => toTreeData(filtered.nodes, trimmed), [filtered, trimmed]);

  return (
    <Flex vertical gap={12}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t.units.searchPlaceholder}
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        data-testid="unit-search"
      />
      <Flex align="center" gap={8}>
        <Switch
          size="small"
          checked={showInactive}
          onChange={onShowInactiveChange}
          id="unit-show-inactive"
          data-testid="unit-show-inactive"
        />
        <Typography.Text>
          <label htmlFor="unit-show-inactive">{t.units.showInactive}</label>
        </Typography.Text>
      </Flex>
      <div data-testid="unit-tree" className="xf-unit-tree">
        {treeData.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={trimmed.length > 0 ? t.units.noMatch : t.common.empty}
          />
        ) : (
          <Tree
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            expandedKeys={expanded ?? []}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selectedId === null ? [] : [selectedId]}
            onSelect={(keys) => {
              const key = keys[0];
              if (typeof key === 'string') onSelect(key);
            }}
            height={560}
          />
        )}
      </div>
    </Flex>
  );
}
