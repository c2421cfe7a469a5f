import { type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import type { LedgerRowError } from '../../../../common/schemas/ledger.ts';
import { LEDGER_FIELDS, type LedgerField } from '../../../../common/schemas/ledger.ts';
import { useT } from '../../i18n/locale-context.ts';

function isErrorCode<K extends string>(code: string, texts: Record<K, string>): code is K {
  return Object.hasOwn(texts, code);
}

function isField(value: string): value is LedgerField {
  return (LEDGER_FIELDS as readonly string[]).includes(value);
}

/** Every row error: the sheet's row number, the field (and the sheet's column), the problem. */
export function ImportErrorsTable({ errors }: { errors: readonly LedgerRowError[] }) {
  const t = useT();
  const columns: TableColumnsType<LedgerRowError & { key: number }> = [
    { title: t.ledger.errorRow, dataIndex: 'row', width: 80 },
    {
      title: t.ledger.errorField,
      width: 220,
      render: (_v, e) => {
        const label = isField(e.field) ? t.ledger.fields[e.field] : e.field;
        return e.column === null || e.column === label ? label : `${label}（${e.column}）`;
      },
    },
    {
      title: t.ledger.errorMessage,
      render: (_v, e) => (isErrorCode(e.code, t.ledger.errors) ? t.ledger.errors[e.code] : e.message),
    },
  ];
  return (
    <DataTable
      size="small"
      columns={columns}
      dataSource={errors.map((e, key) => ({ ...e, key }))}
      pagination={errors.length > 20 ? { pageSize: 20 } : false}
      data-testid="ledger-errors"
    />
  );
}
