import { useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { Button, Card, Flex, Radio, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { localDateOf } from '../../../../common/domain/calendar.ts';
import { chineseDate } from '../../../../common/domain/documents.ts';
import { format } from '../../../../common/i18n/index.ts';
import { zhCN } from '../../../../common/i18n/zh-CN.ts';
import type { OfficeContact } from '../../../../common/schemas/office.ts';
import type { RegisteredPetitionView } from '../../api/petition.ts';
import { theme } from '../../app/theme.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The receipt is handed to the petitioner: an official Chinese slip whatever the interface language. */
const R = zhCN.petitions.receipt;
type Paper = 'A5' | 'A4';

/**
 * 回执: the slip a visitor takes home from the window — case number, the tracking code (shown this
 * once), the day the matter was received, what happens next with its first date (第23条), and how
 * to reach the office (第18条第1款). Printed on A5 or A4 from this page; nothing else prints.
 */
export function VisitReceipt({ registered, now }: { registered: RegisteredPetitionView; now: Date }) {
  const t = useT();
  const [paper, setPaper] = useState<Paper>('A5');
  const { petition, caseNumber, trackingCode, office, portalUrl } = registered;
  // A frontline head registers for the office above and does not read the case: the slip then
  // carries what he was given, the case number and the tracking code.
  const acceptance = petition?.deadlines.find((d) => d.kind === 'acceptance_notice');
  const rows: [string, string, string][] = [
    [R.caseNumber, caseNumber, 'receipt-case-number'],
    [R.trackingCode, trackingCode, 'receipt-tracking-code'],
  ];
  if (petition !== null) {
    const petitioner =
      petition.flags.anonymous || petition.petitioners === null
        ? R.anonymous
        : petition.petitioners.map((p) => p.name).join(zhCN.petitions.listSeparator);
    rows.push(
      [R.petitioner, petitioner, 'receipt-petitioner'],
      [R.matter, petition.title, 'receipt-matter'],
      [R.receivedDate, chineseDate(localDateOf(petition.receivedAt)), 'receipt-received'],
      [R.registeredBy, petition.registeredUnitName, 'receipt-registered-by'],
    );
  }
  return (
    <Card
      size="small"
      title={t.petitions.receipt.title}
      extra={
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t.petitions.receipt.paper}</Typography.Text>
          <Radio.Group
            size="small"
            value={paper}
            onChange={(event) => setPaper(event.target.value as Paper)}
            options={['A5', 'A4']}
            optionType="button"
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="receipt-print">
            {t.petitions.receipt.print}
          </Button>
        </Flex>
      }
    >
      <ReceiptSheet
        paper={paper}
        rows={rows}
        acceptanceDue={acceptance?.dueDate}
        office={office}
        portalUrl={portalUrl}
        now={now}
        testIds
      />
      {/* Printing prints the slip alone, on the chosen paper: a copy outside the app, the app hidden. */}
      {createPortal(
        <div className="visit-receipt-print">
          <style>{`@page { size: ${paper} portrait; margin: 12mm; }
.visit-receipt-print { display: none; }
@media print {
  body { background: #fff !important; }
  body > *:not(.visit-receipt-print) { display: none !important; }
  .visit-receipt-print { display: block; }
  .visit-receipt-print .visit-receipt { border: none !important; padding: 0 !important; max-width: none !important; }
}`}</style>
          <ReceiptSheet
            paper={paper}
            rows={rows}
            acceptanceDue={acceptance?.dueDate}
            office={office}
            portalUrl={portalUrl}
            now={now}
          />
        </div>,
        document.body,
      )}
    </Card>
  );
}

/** The slip itself, as shown on the page and as printed. */
function ReceiptSheet({
  paper,
  rows,
  acceptanceDue,
  office,
  portalUrl,
  now,
  testIds = false,
}: {
  paper: Paper;
  rows: [string, string, string][];
  acceptanceDue: string | undefined;
  office: OfficeContact | null;
  portalUrl: string;
  now: Date;
  testIds?: boolean;
}) {
  return (
    <article
      className="visit-receipt"
      data-testid={testIds ? 'visit-receipt' : undefined}
      data-paper={paper}
      style={SHEET[paper]}
    >
      <h1 style={{ textAlign: 'center', fontSize: paper === 'A5' ? 20 : 24, margin: '0 0 16px', letterSpacing: 2 }}>
        {R.title}
      </h1>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
        <tbody>
          {rows.map(([label, value, testId]) => (
            <tr key={label}>
              <th style={CELL_LABEL}>{label}</th>
              <td style={CELL} data-testid={testIds ? testId : undefined}>
                {value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ fontSize: 15, margin: '14px 0 6px' }}>{R.next}</h2>
      {acceptanceDue !== undefined && (
        <p style={PARAGRAPH}>{format(R.nextAcceptance, { date: chineseDate(acceptanceDue) })}</p>
      )}
      <p style={PARAGRAPH}>{format(R.nextTrack, { url: portalUrl })}</p>
      {office !== null && (
        <>
          <h2 style={{ fontSize: 15, margin: '14px 0 6px' }}>{R.office}</h2>
          <p style={PARAGRAPH} data-testid={testIds ? 'receipt-office' : undefined}>
            {format(R.officeLine, office)}
          </p>
        </>
      )}
      <p style={{ ...PARAGRAPH, textAlign: 'right', marginTop: 28 }}>{R.seal}</p>
      <p style={{ ...PARAGRAPH, textAlign: 'right' }}>{chineseDate(localDateOf(now.toISOString()))}</p>
    </article>
  );
}

/** The printed copy sits outside the app's theme, so the sheet carries the app's CJK font stack itself. */
const PAGE: CSSProperties = {
  border: '1px solid #d9d9d9',
  background: '#fff',
  color: '#000',
  fontFamily: theme.token?.fontFamily,
};
const SHEET: Record<Paper, CSSProperties> = {
  A5: { ...PAGE, maxWidth: 520, margin: '0 auto', padding: 24 },
  A4: { ...PAGE, maxWidth: 700, margin: '0 auto', padding: 32 },
};
const CELL_LABEL: CSSProperties = {
  width: '28%',
  textAlign: 'left',
  fontWeight: 'normal',
  border: '1px solid #000',
  padding: '6px 8px',
  whiteSpace: 'nowrap',
};
const CELL: CSSProperties = { border: '1px solid #000', padding: '6px 8px', wordBreak: 'break-all' };
const PARAGRAPH: CSSProperties = { fontSize: 14, lineHeight: 1.7, margin: '0 0 4px', textIndent: '2em' };
