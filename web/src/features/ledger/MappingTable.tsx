import { Select, Tag, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import {
  LEDGER_FIELDS,
  REQUIRED_LEDGER_FIELDS,
  type LedgerField,
  type LedgerMapping,
} from '../../../../common/schemas/ledger.ts';
import { useT } from '../../i18n/locale-context.ts';

type Props = {
  headers: readonly string[];
  sample: readonly (readonly string[])[];
  mapping: LedgerMapping;
  onChange: (mapping: LedgerMapping) => void;
};

/** One line per ledger field: the sheet column it comes from (or none) and the first rows' values. */
export function MappingTable({ headers, sample, mapping, onChange }: Props) {
  const t = useT();
  const options = [
    { value: -1, label: t.ledger.notMapped },
    ...headers.map((h, i) => ({ value: i, label: h === '' ? `#${i + 1}` : h })),
  ];
  const columns: TableColumnsType<{ key: LedgerField }> = [
    {
      title: t.ledger.errorField,
      width: 180,
      render: (_v, { key }) => (
        <>
          {t.ledger.fields[key]} {REQUIRED_LEDGER_FIELDS.includes(key) && <Tag color="red">{t.ledger.required}</Tag>}
        </>
      ),
    },
    {
      title: t.ledger.steps.mapping,
      width: 220,
      render: (_v, { key }) => (
        <Select
          style={{ width: 200 }}
          value={mapping[key] ?? -1}
          options={options}
          onChange={(index: number) => {
            const next: LedgerMapping = Object.fromEntries(Object.entries(mapping).filter(([field]) => field !== key));
            onChange(index < 0 ? next : { ...next, [key]: index });
          }}
          data-testid={`ledger-map-${key}`}
        />
      ),
    },
    {
      title: t.ledger.sample,
      render: (_v, { key }) => {
        const index = mapping[key];
        return index === undefined
          ? ''
          : sample
              .map((row) => row[index] ?? '')
              .filter((v) => v !== '')
              .join(' | ');
      },
    },
  ];
  return (
    <DataTable
      size="small"
      columns={columns}
      dataSource={LEDGER_FIELDS.map((key) => ({ key }))}
      pagination={false}
      data-testid="ledger-mapping"
    />
  );
}
