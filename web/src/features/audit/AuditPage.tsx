import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import type { AuditVerifyView } from '../../../../common/schemas/audit.ts';
import { listAuditEntries, verifyAuditChain, type AuditFilter } from '../../api/audit.ts';
import { listUsers } from '../../api/user.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { AuditVerifyResult } from './AuditVerifyResult.tsx';

const PAGE_SIZE = 50;
const KEYS = ['actorId', 'action', 'caseNumber', 'from', 'to'] as const;

/** The filters and page in the address, so a filtered view can be shared and survives a reload. */
function filterOf(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = { page: Math.max(1, Number(params.get('page') ?? '1') || 1), pageSize: PAGE_SIZE };
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filter[key] = value;
  }
  return filter;
}

function paramsOf(filter: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = filter[key];
    if (value !== undefined) out[key] = value;
  }
  if (filter.page > 1) out.page = String(filter.page);
  return out;
}

/** 审计日志: the hash-chained trail, newest first, filtered and paged on the server. */
export function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const setFilter = (next: AuditFilter) => setParams(paramsOf(next));
  const loadEntries = useCallback(() => listAuditEntries(filter), [filter]);
  const entries = useLoader(loadEntries);
  const loadUsers = useCallback(() => listUsers({ includeInactive: true }), []);
  const users = useLoader(loadUsers);
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyView | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      setVerifyResult(await verifyAuditChain());
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setVerifying(false);
    }
  };

  const error = entries.error ?? users.error;
  return (
    <Card
      title={t.audit.title}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={() => void verify()}
          data-testid="audit-verify"
        >
          {t.audit.verify}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        {verifyResult !== null && <AuditVerifyResult result={verifyResult} />}
        <AuditFilters users={users.data ?? []} filter={filter} onChange={setFilter} />
        {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
        <AuditTable view={entries.data} loading={entries.loading} onPage={(page) => setFilter({ ...filter, page })} />
      </Flex>
    </Card>
  );
}
