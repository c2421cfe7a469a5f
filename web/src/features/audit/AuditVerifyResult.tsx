import { Alert } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { AuditVerifyView } from '../../../../common/schemas/audit.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The outcome of 校验哈希链: intact with the count checked, or where and why it breaks. */
export function AuditVerifyResult({ result }: { result: AuditVerifyView }) {
  const t = useT();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={format(t.audit.verifyOk, { count: result.checked })}
        data-testid="audit-verify-result"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={format(t.audit.verifyBroken, { seq: result.firstBrokenSeq ?? '?' })}
      description={result.reason ?? undefined}
      data-testid="audit-verify-result"
    />
  );
}
