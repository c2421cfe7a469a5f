import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditEntryView, AuditVerifyView } from '../../../../common/schemas/audit.ts';
import { listAuditEntries, verifyAuditChain } from '../../api/audit.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { AuditTable } from './AuditTable.tsx';
import { AuditVerifyResult } from './AuditVerifyResult.tsx';

const PAGE_SIZE = 50;

/** 审计日志: the hash-chained trail, newest first, paged backwards by sequence number. */
export function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [loading, setLoading] = useState(true);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyView | null>(null);

  /** Load the page older than `beforeSeq` (the newest page when undefined). */
  const loadPage = useCallback(async (beforeSeq: number | undefined) => {
    setLoading(true);
    try {
      const page = await listAuditEntries(PAGE_SIZE, beforeSeq);
      setEntries((previous) => (beforeSeq === undefined ? page : [...previous, ...page]));
      setHasMore(page.length === PAGE_SIZE);
      setError(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void loadPage(undefined);
  }, [loadPage]);

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

  const oldestSeq = entries.reduce<number | undefined>(
    (min, entry) => (min === undefined || entry.seq < min ? entry.seq : min),
    undefined,
  );

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
        {error !== null && <Alert type="error" showIcon title={errorText(t, error, locale)} />}
        <AuditTable entries={entries} loading={loading} />
        <Flex justify="center">
          {hasMore ? (
            <Button loading={loading} onClick={() => void loadPage(oldestSeq)} data-testid="audit-load-more">
              {t.audit.loadMore}
            </Button>
          ) : (
            entries.length > 0 && <Typography.Text type="secondary">{t.audit.noMore}</Typography.Text>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
