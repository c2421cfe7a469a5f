import { Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { PetitionFilter } from '../../api/petition.ts';
import { ledgerExportUrl } from '../../api/ledger.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 导出台账: the list's current filters as an Excel ledger (with a monthly statistics sheet) or as CSV. */
export function LedgerExportButtons({ filter }: { filter: PetitionFilter }) {
  const t = useT();
  return (
    <Space.Compact>
      <Button
        icon={<DownloadOutlined />}
        href={ledgerExportUrl(filter, 'xlsx', 'month')}
        download
        data-testid="ledger-export"
      >
        {t.ledger.export}
      </Button>
      <Button href={ledgerExportUrl(filter, 'csv')} download data-testid="ledger-export-csv">
        {t.ledger.exportCsv}
      </Button>
    </Space.Compact>
  );
}
