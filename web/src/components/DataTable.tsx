import { Grid, Table, type TableProps } from 'antd';
import { LoadingRows } from './LoadingRows.tsx';
import { StackedRows } from './StackedRows.tsx';

type Props<T> = TableProps<T> & {
  /** The column whose cell heads each card on a narrow screen; the first column when not given. */
  cardTitleKey?: string | undefined;
  'data-testid'?: string | undefined;
};

/**
 * Every list of the workbench. On a desktop it is Ant Design's Table; below the `md` breakpoint
 * (phones) each row becomes a card — the title cell on top, the other cells as "label value"
 * pairs that wrap — so nothing needs sideways scrolling (issue #13). In both forms, while the first
 * load runs the table shows a skeleton, never the empty state under the spinner.
 */
export function DataTable<T extends object>({ cardTitleKey, 'data-testid': testId, ...props }: Props<T>) {
  const screens = Grid.useBreakpoint();
  const spinning = typeof props.loading === 'object' ? props.loading.spinning !== false : props.loading === true;
  const waiting = spinning && (props.dataSource ?? []).length === 0;
  if (screens.md === false) {
    // A column limited to some breakpoints (`responsive`) stays out of the cards as it stays out of the table.
    const shown = (props.columns ?? []).filter(
      (column) =>
        column.responsive === undefined || column.responsive.some((breakpoint) => screens[breakpoint] === true),
    );
    return <StackedRows<T> {...props} columns={shown} cardTitleKey={cardTitleKey} waiting={waiting} testId={testId} />;
  }
  const locale = waiting ? { ...props.locale, emptyText: <LoadingRows /> } : props.locale;
  return (
    <Table<T>
      {...props}
      {...(locale === undefined ? {} : { locale })}
      {...(testId === undefined ? {} : { 'data-testid': testId })}
    />
  );
}
