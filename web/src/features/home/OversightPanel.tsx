import { useCallback } from 'react';
import { Alert, Card, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { format } from '../../../../common/i18n/index.ts';
import type { AuditEntryView } from '../../../../common/schemas/audit.ts';
import { listAuditEntries } from '../../api/audit.ts';
import { AUDIT_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { CellText } from '../../components/CellText.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { entityNameOf, labelOr } from '../audit/audit-labels.ts';
import { LedgerExportButtons } from '../ledger/LedgerExportButtons.tsx';
import { DEFAULT_PAGE } from '../petitions/list-search.ts';

const RECENT_AUDIT = 8;

/**
 * For those who read but do not handle (考核/纪检): this year's ledger to export, and the latest
 * audit entries with the way to the whole log. Each part shows only when the role holds its action.
 */
export function OversightPanel() {
  const t = useT();
  const o = t.home.oversight;
  const { locale } = useLocale();
  const canExport = useReach('petition.read') !== 'none';
  const canAudit = useReach('audit.read') !== 'none';
  const load = useCallback(
    async () => (canAudit ? (await listAuditEntries({ page: 1, pageSize: RECENT_AUDIT })).entries : []),
    [canAudit],
  );
  const audit = useLoader(load);
  const year = dayjs().year();
  const columns: TableColumnsType<AuditEntryView> = [
    {
      title: t.audit.at,
      key: 'at',
      width: 170,
      render: (_, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, locale)}</span>,
    },
    { title: t.audit.actor, key: 'actor', width: 100, render: (_, entry) => entry.actorName ?? t.audit.system },
    { title: t.audit.action, key: 'action', render: (_, entry) => <Tag>{labelOr(t.audit.actions, entry.action)}</Tag> },
    {
      title: t.audit.entity,
      key: 'entity',
      render: (_, entry) => (
        <CellText text={`${labelOr(t.audit.entityTypes, entry.entityType)} ${entityNameOf(entry) ?? ''}`.trim()} />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {canExport && (
        <Card size="small" title={o.ledgerTitle} data-testid="home-ledger">
          <Flex vertical gap={8} align="start">
            <Typography.Text type="secondary">{format(o.ledgerDescription, { year })}</Typography.Text>
            <LedgerExportButtons
              filter={{ ...DEFAULT_PAGE, receivedFrom: `${year}-01-01`, receivedTo: `${year}-12-31` }}
            />
          </Flex>
        </Card>
      )}
      {canAudit && (
        <Card
          size="small"
          title={o.recentAudit}
          extra={<Link to={AUDIT_PATH}>{o.allAudit}</Link>}
          data-testid="home-recent-audit"
        >
          {audit.error !== null && <Alert type="error" showIcon title={errorText(t, audit.error, locale)} />}
          <DataTable<AuditEntryView>
            rowKey="seq"
            size="small"
            tableLayout="fixed"
            columns={columns}
            cardTitleKey="action"
            dataSource={audit.data ?? []}
            loading={audit.loading}
            pagination={false}
          />
        </Card>
      )}
    </Flex>
  );
}
