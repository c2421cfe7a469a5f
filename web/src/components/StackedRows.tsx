/**
 * A DataTable's rows as cards, for phones: the title cell on top, every other cell as a wrapping
 * "label value" pair; pagination, row events, classes, expanded content and tree children kept.
 */
import { isValidElement, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { Empty, Pagination, Spin, type TableColumnType, type TableProps } from 'antd';
import { useT } from '../i18n/locale-context.ts';
import { LoadingRows } from './LoadingRows.tsx';
import { StackedContext } from './stacked-context.ts';

type Column<T> = TableColumnType<T>;

const DEFAULT_PAGE_SIZE = 10;

function leafColumns<T>(columns: TableProps<T>['columns']): Column<T>[] {
  return (columns ?? []).flatMap((column) => ('children' in column ? leafColumns<T>(column.children) : [column]));
}

function columnKey<T>(column: Column<T>, index: number): string {
  if (column.key !== undefined) return String(column.key);
  if (typeof column.dataIndex === 'string' || typeof column.dataIndex === 'number') return String(column.dataIndex);
  return String(index);
}

function valueAt(record: object, dataIndex: Column<object>['dataIndex']): unknown {
  if (dataIndex === undefined) return undefined;
  const path = Array.isArray(dataIndex) ? (dataIndex as readonly (string | number)[]) : [dataIndex as string | number];
  let value: unknown = record;
  for (const step of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

function cellOf<T extends object>(column: Column<T>, record: T, index: number): ReactNode {
  const value = valueAt(record, column.dataIndex as Column<object>['dataIndex']);
  if (column.render === undefined) return value as ReactNode;
  const rendered: unknown = column.render(value, record, index);
  // A render may answer { children, props } (cell spans); a card only needs the content.
  if (typeof rendered === 'object' && rendered !== null && !isValidElement(rendered) && 'children' in rendered)
    return rendered.children as ReactNode;
  return rendered as ReactNode;
}

function isBlank(node: ReactNode): boolean {
  return node === null || node === undefined || node === false || node === '';
}

function keyOf<T extends object>(rowKey: TableProps<T>['rowKey'], record: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  const key = valueAt(record, (rowKey ?? 'key') as string);
  return typeof key === 'string' || typeof key === 'number' ? key : index;
}

export type StackedProps<T> = TableProps<T> & {
  cardTitleKey: string | undefined;
  waiting: boolean;
  testId: string | undefined;
};

/** The narrow form: one card per row, with the table's pagination, empty text, row events and classes. */
export function StackedRows<T extends object>({
  columns,
  dataSource,
  rowKey,
  onRow,
  rowClassName,
  pagination,
  loading,
  locale,
  expandable,
  cardTitleKey,
  waiting,
  testId,
}: StackedProps<T>) {
  const t = useT();
  const childrenColumnName = expandable?.childrenColumnName ?? 'children';
  const rows = [...(dataSource ?? [])];
  const paging = pagination === false ? null : (pagination ?? {});
  const [ownPage, setOwnPage] = useState(1);
  const [ownSize, setOwnSize] = useState(paging?.defaultPageSize ?? DEFAULT_PAGE_SIZE);
  const current = paging?.current ?? ownPage;
  const pageSize = paging?.pageSize ?? ownSize;
  const total = paging?.total ?? rows.length;
  // As the Table does: fewer rows than the total means the server sent one page already.
  const pageRows =
    paging === null || rows.length < total ? rows : rows.slice((current - 1) * pageSize, current * pageSize);

  const leaves = leafColumns<T>(columns);
  const titleIndex = Math.max(
    0,
    leaves.findIndex((column, i) => columnKey(column, i) === cardTitleKey),
  );
  const emptyText = typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText;

  const card = (record: T, index: number, depth: number): ReactNode => {
    const key = keyOf(rowKey, record, index);
    const rowProps = (onRow?.(record, index) ?? {}) as HTMLAttributes<HTMLDivElement>;
    const extraClass = typeof rowClassName === 'function' ? rowClassName(record, index, depth) : (rowClassName ?? '');
    const titleColumn = leaves[titleIndex];
    const children = (record as Record<string, unknown>)[childrenColumnName];
    const expanded = expandable?.expandedRowRender?.(record, index, depth, true);
    return (
      <div key={key} className="xf-stacked-item" style={depth > 0 ? { marginInlineStart: 16 } : undefined}>
        <div
          {...rowProps}
          className={['xf-stacked-row', extraClass, rowProps.className].filter(Boolean).join(' ')}
          data-row-key={key}
        >
          {titleColumn !== undefined && <div className="xf-stacked-title">{cellOf(titleColumn, record, index)}</div>}
          <div className="xf-stacked-fields">
            {leaves.map((column, i) => {
              if (i === titleIndex) return null;
              const cell = cellOf(column, record, index);
              if (isBlank(cell)) return null;
              const label = typeof column.title === 'function' ? null : column.title;
              return (
                <span key={columnKey(column, i)} className="xf-stacked-field">
                  {!isBlank(label) && <span className="xf-stacked-label">{label}</span>}
                  <span className="xf-stacked-value">{cell}</span>
                </span>
              );
            })}
          </div>
          {!isBlank(expanded) && (
            <details className="xf-stacked-details" onClick={(event) => event.stopPropagation()}>
              <summary>{t.common.details}</summary>
              {expanded}
            </details>
          )}
        </div>
        {Array.isArray(children) && (children as T[]).map((child, i) => card(child, i, depth + 1))}
      </div>
    );
  };

  let body: ReactNode;
  if (waiting) body = <LoadingRows />;
  else if (pageRows.length === 0)
    body = isBlank(emptyText) ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
    ) : (
      <div className="xf-stacked-empty">{emptyText}</div>
    );
  else body = pageRows.map((record, index) => card(record, index, 0));

  const spinning = typeof loading === 'object' ? loading.spinning !== false : loading === true;
  return (
    <StackedContext.Provider value={true}>
      <div className="xf-stacked" data-testid={testId}>
        <Spin spinning={spinning && !waiting}>{body}</Spin>
        {paging !== null && total > 0 && (
          <Pagination
            size="small"
            align="center"
            style={{ marginTop: 12 }}
            current={current}
            pageSize={pageSize}
            total={total}
            {...(paging.showSizeChanger === undefined ? {} : { showSizeChanger: paging.showSizeChanger })}
            {...(paging.hideOnSinglePage === undefined ? {} : { hideOnSinglePage: paging.hideOnSinglePage })}
            {...(paging.showTotal === undefined ? {} : { showTotal: paging.showTotal })}
            onChange={(page, size) => {
              setOwnPage(size === pageSize ? page : 1);
              setOwnSize(size);
              paging.onChange?.(page, size);
            }}
          />
        )}
      </div>
    </StackedContext.Provider>
  );
}
