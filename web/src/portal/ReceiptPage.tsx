import { useState } from 'react';
import type { PortalReceiptView } from '../../../common/schemas/portal.ts';
import { format, timeOf, ui } from './labels.ts';
import { Link } from './Link.tsx';
import { OfficeCard } from './OfficeCard.tsx';
import { PORTAL_TRACK } from './router.ts';

/** 回执: the case number and the tracking code, shown this once (the code is stored only as a hash). */
export function ReceiptPage({ receipt }: { receipt: PortalReceiptView }) {
  const [copied, setCopied] = useState<string | null>(null);
  const text = `${ui.caseNumber} ${receipt.caseNumber}\n${ui.trackingCode} ${receipt.trackingCode}`;

  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(ui.copied),
      () => setCopied(ui.copyFailed),
    );
  };

  return (
    <>
      <section className="pt-card pt-receipt" data-testid="portal-receipt">
        <h1>{ui.receiptTitle}</h1>
        <p className="pt-alert pt-alert-warning pt-strong" role="alert">
          {ui.receiptWarning}
        </p>
        <dl className="pt-keys">
          <dt>{ui.caseNumber}</dt>
          <dd data-testid="portal-receipt-case">{receipt.caseNumber}</dd>
          <dt>{ui.trackingCode}</dt>
          <dd data-testid="portal-receipt-code">{receipt.trackingCode}</dd>
        </dl>
        <p className="pt-muted">
          {ui.receivedAt} {timeOf(receipt.receivedAt)}
          {receipt.attachments > 0 && ` · ${format(ui.attachmentsReceived, { count: receipt.attachments })}`}
        </p>
        {receipt.smsQueued && <p className="pt-muted">{ui.smsSent}</p>}
        <div className="pt-row">
          <button type="button" className="pt-button pt-secondary" onClick={copy} data-testid="portal-copy">
            {ui.copy}
          </button>
          <Link to={PORTAL_TRACK} className="pt-button pt-primary" data-testid="portal-receipt-track">
            {ui.goTrack}
          </Link>
        </div>
        {copied !== null && (
          <p className="pt-muted" role="status">
            {copied}
          </p>
        )}
      </section>
      {receipt.office !== null && (
        <OfficeCard office={receipt.office} title={ui.receiptOffice} testId="portal-receipt-office" />
      )}
    </>
  );
}
