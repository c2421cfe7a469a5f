import { Button, Descriptions, Flex, Result, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { RecordedVisitView } from '../../../../common/schemas/visit-record.ts';
import { petitionPath, visitRecordPrintPath } from '../../app/paths.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { printArea } from '../intake/print-area.ts';

type Props = { recorded: RecordedVisitView; onAnother: () => void };

/**
 * 回执: the slip handed to the visitor — unit, time, case number, the tracking code of a new case
 * (shown once; only its hash is kept) and the materials received — printable on its own; then the
 * transcript to print, the case (when it is the registrar's to open) or the next visitor.
 */
export function VisitReceipt({ recorded, onAnother }: Props) {
  const t = useT();
  const v = t.intake.visit;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { receipt, visit } = recorded;
  const materials = visit.materials.map((m) =>
    format(m.original ? v.materialOriginal : v.material, { name: m.name, copies: m.copies }),
  );
  return (
    <Result
      status="success"
      title={format(receipt.trackingCode === null ? v.joined : v.registered, { caseNumber: receipt.caseNumber })}
      subTitle={receipt.readable ? null : v.notReadable}
      extra={
        <Flex vertical gap={16} align="center">
          <div
            className="xf-print-area"
            style={{ width: '100%', maxWidth: 560, textAlign: 'left' }}
            data-testid="visit-receipt"
          >
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {v.receiptTitle}
            </Typography.Title>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={v.receiptUnit}>{receipt.unitName}</Descriptions.Item>
              <Descriptions.Item label={v.receiptTime}>{formatDateTime(visit.arrivedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={v.receiptCase}>
                <Typography.Text strong data-testid="visit-receipt-case">
                  {receipt.caseNumber}
                </Typography.Text>
              </Descriptions.Item>
              {receipt.trackingCode !== null && (
                <Descriptions.Item label={v.receiptCode}>
                  <Typography.Text
                    strong
                    copyable={{ text: receipt.trackingCode, tooltips: [t.petitions.copy, t.petitions.copied] }}
                    style={{ fontSize: 22, letterSpacing: 2, fontFamily: 'monospace' }}
                    data-testid="visit-receipt-code"
                  >
                    {receipt.trackingCode}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={v.receiptMaterials}>
                {materials.length === 0 ? v.none : materials.join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={v.receivedBy}>{visit.receivedByName}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {receipt.trackingCode === null ? v.receiptNoCode : v.receiptCodeHint}
            </Typography.Paragraph>
          </div>
          <Flex wrap gap={8} justify="center" className="xf-no-print">
            <Button type="primary" icon={<PrinterOutlined />} onClick={printArea} data-testid="visit-print-receipt">
              {v.printReceipt}
            </Button>
            <Button
              href={visitRecordPrintPath(visit.id)}
              target="_blank"
              rel="noopener"
              data-testid="visit-print-transcript"
            >
              {v.printTranscript}
            </Button>
            {receipt.readable && (
              <Button
                href={petitionPath(receipt.petitionId)}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(petitionPath(receipt.petitionId));
                }}
                data-testid="visit-open-case"
              >
                {t.petitions.openCase}
              </Button>
            )}
            <Button onClick={onAnother} data-testid="visit-another">
              {v.another}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}
