import { useCallback, useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Result } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { VisitRecordView } from '../../../../common/schemas/visit-record.ts';
import { amendTranscript, confirmTranscript, getVisit } from '../../api/visit-record.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/**
 * 来访笔录 as an A4 sheet to print and have signed (签字确认): the reception details, who came, the
 * transcript, the materials and the signature lines. While it is unconfirmed the office may amend
 * the transcript (the visitor asked for a correction) and, once signed on paper, record it — after
 * that it never changes.
 */
export function TranscriptPrintPage() {
  const t = useT();
  const v = t.intake.visit;
  const { locale } = useLocale();
  const { modal, message } = App.useApp();
  const { id = '' } = useParams();
  const load = useCallback(() => getVisit(id), [id]);
  const loaded = useLoader(load);
  const [replaced, setReplaced] = useState<VisitRecordView | null>(null);
  const [amending, setAmending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const visit = replaced ?? loaded.data;

  if (visit === undefined) {
    if (loaded.loading) return <PageSpinner fullScreen />;
    return <Result status="warning" title={errorText(t, loaded.error, locale)} />;
  }

  const act = async (run: () => Promise<VisitRecordView>) => {
    setError(null);
    try {
      setReplaced(await run());
      void message.success(t.common.saved);
      return true;
    } catch (caught) {
      setError(errorText(t, caught, locale));
      return false;
    }
  };

  const status = visit.confirmation === null ? v.status.pending : v.status[visit.confirmation.method];
  const people = visit.companions?.map((c) => (c.relation === null ? c.name : `${c.name}（${c.relation}）`)) ?? [];
  const visitors =
    visit.petitioners?.map((p) => (p.isRepresentative ? `${p.name}${v.representativeMark}` : p.name)) ?? [];

  return (
    <div style={{ background: '#e9edf2', minHeight: '100vh', padding: '16px 0' }}>
      <Flex className="xf-no-print" wrap gap={8} justify="center" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="transcript-print">
          {v.print}
        </Button>
        {visit.canConfirm && visit.transcript !== null && (
          <Button onClick={() => setAmending(visit.transcript)} data-testid="transcript-amend">
            {v.amend}
          </Button>
        )}
        {visit.canConfirm && (
          <Button
            onClick={() => {
              modal.confirm({
                title: v.recordPrinted,
                content: v.recordPrintedConfirm,
                okButtonProps: { 'data-testid': 'transcript-record-printed-ok' },
                onOk: () => act(() => confirmTranscript(visit.id, { method: 'printed' })),
              });
            }}
            data-testid="transcript-record-printed"
          >
            {v.recordPrinted}
          </Button>
        )}
      </Flex>
      {error !== null && (
        <Alert
          className="xf-no-print"
          type="error"
          showIcon
          title={error}
          style={{ maxWidth: 760, margin: '0 auto 16px' }}
        />
      )}
      <div className="xf-sheet" data-testid="transcript-sheet">
        <h1>{v.printTitle}</h1>
        <table>
          <tbody>
            <tr>
              <td style={{ width: '18%' }}>{v.receiptCase}</td>
              <td style={{ width: '32%' }}>{visit.caseNumber}</td>
              <td style={{ width: '18%' }}>{v.receiptUnit}</td>
              <td>{visit.unitName}</td>
            </tr>
            <tr>
              <td>{v.arrivedAt}</td>
              <td>{formatDateTime(visit.arrivedAt, locale)}</td>
              <td>{v.leftAt}</td>
              <td>{formatDateTime(visit.leftAt, locale)}</td>
            </tr>
            <tr>
              <td>{v.headcount}</td>
              <td>{visit.headcount}</td>
              <td>{v.receivedBy}</td>
              <td>{visit.receivedByName}</td>
            </tr>
            {visitors.length > 0 && (
              <tr>
                <td>{v.visitors}</td>
                <td colSpan={3} data-testid="transcript-visitors">
                  {visitors.join('、')}
                </td>
              </tr>
            )}
            {people.length > 0 && (
              <tr>
                <td>{v.companions}</td>
                <td colSpan={3}>{people.join('、')}</td>
              </tr>
            )}
            <tr>
              <td>{v.receiptMaterials}</td>
              <td colSpan={3}>
                {visit.materials.length === 0
                  ? v.none
                  : visit.materials
                      .map((m) =>
                        format(m.original ? v.materialOriginal : v.material, { name: m.name, copies: m.copies }),
                      )
                      .join('；')}
              </td>
            </tr>
          </tbody>
        </table>
        <div className="xf-transcript" data-testid="transcript-text">
          {visit.transcript ?? v.identityHidden}
        </div>
        <p style={{ marginTop: 24 }}>{v.declaration}</p>
        {visit.confirmation?.method === 'signature' ? (
          <p data-testid="transcript-signed">
            {format(v.signedOnScreen, {
              time: formatDateTime(visit.confirmation.at, locale),
              hash: visit.confirmation.transcriptSha256.slice(0, 16),
            })}
          </p>
        ) : (
          <Flex justify="space-between" style={{ marginTop: 32 }}>
            <span>{v.signatureLine}＿＿＿＿＿＿＿＿</span>
            <span>{v.dateLine}＿＿＿＿年＿＿月＿＿日</span>
          </Flex>
        )}
        <Flex justify="space-between" style={{ marginTop: 24 }}>
          <span>
            {v.receiverLine}
            {visit.receivedByName}
          </span>
          <span>
            {v.recorderLine}
            {visit.recordedByName}
          </span>
        </Flex>
        <p className="xf-no-print" style={{ marginTop: 24, color: '#666' }} data-testid="transcript-status">
          {visit.confirmation === null
            ? status
            : format(v.confirmedAt, {
                status,
                time: formatDateTime(visit.confirmation.at, locale),
                name: visit.confirmation.byName ?? '',
              })}
        </p>
      </div>
      <Modal
        open={amending !== null}
        title={v.amend}
        okText={t.common.save}
        cancelText={t.common.cancel}
        onCancel={() => setAmending(null)}
        onOk={() => {
          if (amending === null) return;
          void act(() => amendTranscript(visit.id, amending)).then((saved) => {
            if (saved) setAmending(null);
          });
        }}
        okButtonProps={{ 'data-testid': 'transcript-amend-save' }}
        destroyOnHidden
      >
        <Input.TextArea
          value={amending ?? ''}
          onChange={(event) => setAmending(event.target.value)}
          autoSize={{ minRows: 8, maxRows: 20 }}
          data-testid="transcript-amend-text"
        />
      </Modal>
    </div>
  );
}
