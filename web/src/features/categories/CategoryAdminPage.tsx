import { useCallback, useMemo, useState, type Key } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  EditOutlined,
  PlusOutlined,
  PoweroffOutlined,
  ReloadOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { CategoryView } from '../../../../common/schemas/category.ts';
import { activateCategory, deactivateCategory, listCategories, reorderCategory } from '../../api/category.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { buildCategoryTree } from './category-tree.ts';
import { suggestCategoryCode } from './category-codes.ts';
import { CreateCategoryModal } from './CreateCategoryModal.tsx';
import { RenameCategoryModal } from './RenameCategoryModal.tsx';
import { ClassifierCard } from '../text/ClassifierCard.tsx';

type Row = { key: string; category: CategoryView; index: number; siblings: number; children?: Row[] };

/**
 * 信访分类: the two-level taxonomy as a tree table. The enterprise administrator adds, renames,
 * reorders, deactivates and activates entries; everyone else who opens the page reads it.
 */
export function CategoryAdminPage() {
  const t = useT();
  const c = t.categories;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [showInactive, setShowInactive] = useState(true);
  const load = useCallback(() => listCategories(showInactive), [showInactive]);
  const { data, error, loading, reload } = useLoader(load);
  const [creatingUnder, setCreatingUnder] = useState<CategoryView | null | undefined>(undefined);
  const [renaming, setRenaming] = useState<CategoryView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const categories = useMemo(() => data?.categories ?? [], [data]);
  const canManage = data?.canManage === true;

  const rows = useMemo<Row[]>(() => {
    const tree = buildCategoryTree(categories);
    return tree.map(({ category, children }, index) => ({
      key: category.code,
      category,
      index,
      siblings: tree.length,
      ...(children.length === 0
        ? {}
        : {
            children: children.map((child, i) => ({
              key: child.code,
              category: child,
              index: i,
              siblings: children.length,
            })),
          }),
    }));
  }, [categories]);

  const run = async (code: string, action: () => Promise<unknown>) => {
    setBusy(code);
    try {
      await action();
      void message.success(t.common.saved);
      reload();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(null);
    }
  };

  const statusOf = (category: CategoryView) => {
    if (!category.active) return <Tag>{t.common.inactive}</Tag>;
    if (!category.selectable) return <Tag color="warning">{c.hidden}</Tag>;
    return <Tag color="success">{t.common.active}</Tag>;
  };

  const columns: TableColumnsType<Row> = [
    {
      title: c.name,
      key: 'name',
      render: (_, row) => (
        <Typography.Text
          {...(row.category.selectable ? {} : { type: 'secondary' as const })}
          data-testid={`category-row-${row.category.code}`}
        >
          {row.category.name}
        </Typography.Text>
      ),
    },
    {
      title: c.code,
      key: 'code',
      width: 100,
      render: (_, row) => <Typography.Text code>{row.category.code}</Typography.Text>,
    },
    {
      title: c.level,
      key: 'level',
      width: 100,
      render: (_, row) => (row.category.parentCode === null ? c.topLevel : c.secondLevel),
    },
    {
      title: c.national,
      key: 'national',
      width: 160,
      render: (_, row) => row.category.nationalCategory ?? t.common.none,
    },
    { title: c.status, key: 'status', width: 120, render: (_, row) => statusOf(row.category) },
  ];
  if (canManage) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 300,
      render: (_, row) => {
        const { category } = row;
        const loadingThis = busy === category.code;
        return (
          <Space size={4} wrap onClick={(event) => event.stopPropagation()}>
            {category.parentCode === null && (
              <Tooltip title={c.addChild}>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  disabled={!category.active}
                  onClick={() => setCreatingUnder(category)}
                  data-testid={`category-add-child-${category.code}`}
                >
                  {c.addChild}
                </Button>
              </Tooltip>
            )}
            <Tooltip title={c.rename}>
              <Button
                size="small"
                icon={<EditOutlined />}
                aria-label={c.rename}
                onClick={() => setRenaming(category)}
                data-testid={`category-rename-${category.code}`}
              />
            </Tooltip>
            <Tooltip title={c.moveUp}>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={c.moveUp}
                disabled={row.index === 0 || loadingThis}
                onClick={() =>
                  void run(category.code, () => reorderCategory(category.code, { position: row.index - 1 }))
                }
              />
            </Tooltip>
            <Tooltip title={c.moveDown}>
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={c.moveDown}
                disabled={row.index >= row.siblings - 1 || loadingThis}
                onClick={() =>
                  void run(category.code, () => reorderCategory(category.code, { position: row.index + 1 }))
                }
              />
            </Tooltip>
            {category.active ? (
              <Popconfirm
                title={c.deactivate}
                description={c.deactivateConfirm}
                okText={t.common.confirm}
                cancelText={t.common.cancel}
                onConfirm={() => void run(category.code, () => deactivateCategory(category.code))}
              >
                <Button
                  size="small"
                  danger
                  icon={<PoweroffOutlined />}
                  loading={loadingThis}
                  data-testid={`category-deactivate-${category.code}`}
                >
                  {c.deactivate}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={c.activate}
                description={c.activateConfirm}
                okText={t.common.confirm}
                cancelText={t.common.cancel}
                onConfirm={() => void run(category.code, () => activateCategory(category.code))}
              >
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  loading={loadingThis}
                  data-testid={`category-activate-${category.code}`}
                >
                  {c.activate}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <Card
      title={c.title}
      extra={
        <Flex gap={12} align="center" wrap>
          <Flex gap={6} align="center">
            <Switch size="small" id="category-show-inactive" checked={showInactive} onChange={setShowInactive} />
            <label htmlFor="category-show-inactive">{c.showInactive}</label>
          </Flex>
          <Button type="text" icon={<ReloadOutlined />} aria-label={t.common.refresh} onClick={reload} />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreatingUnder(null)}
              data-testid="category-add-top"
            >
              {c.addTop}
            </Button>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {data !== undefined && !canManage && <Alert type="info" showIcon title={c.readOnly} />}
        {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
        <DataTable<Row>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          scroll={{ x: 900 }}
          expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: setExpanded, expandRowByClick: true }}
          data-testid="category-table"
        />
      </Flex>
      {canManage && (
        <>
          <CreateCategoryModal
            open={creatingUnder !== undefined}
            parent={creatingUnder ?? null}
            suggestedCode={suggestCategoryCode(categories, creatingUnder?.code ?? null)}
            onCancel={() => setCreatingUnder(undefined)}
            onCreated={(created) => {
              setCreatingUnder(undefined);
              void message.success(t.common.saved);
              if (created.parentCode !== null && !expanded.includes(created.parentCode))
                setExpanded([...expanded, created.parentCode]);
              reload();
            }}
          />
          <RenameCategoryModal
            category={renaming}
            onCancel={() => setRenaming(null)}
            onRenamed={() => {
              setRenaming(null);
              void message.success(t.common.saved);
              reload();
            }}
          />
        </>
      )}
      {canManage && (
        <div style={{ marginTop: 16 }}>
          <ClassifierCard canTrain />
        </div>
      )}
    </Card>
  );
}
