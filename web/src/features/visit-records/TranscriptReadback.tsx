import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { VisitRecordInput } from '../../../../common/schemas/visit-record.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { SignaturePad } from './SignaturePad.tsx';

type Props = {
  input: VisitRecordInput;
  /** The case the visit joins, when it is on file. */
  caseNumber: string | undefined;
  submitting: boolean;
  error: string | null;
  onSign: (png: string) => void;
  onPrintInstead: () => void;
  onBack: () => void;
};

/**
 * 宣读确认: the transcript in large type for the visitor to check (第19条: an oral petition is recorded
 * faithfully), who came and what was handed over; the visitor signs on the pad (then Ctrl+Enter or
 * the button registers), or the office registers now and prints the transcript for signing.
 */
export function TranscriptReadback({ input, caseNumber, submitting, error, onSign, onPrintInstead, onBack }: Props) {
  const t = useT();
  const v = t.intake.visit;
  const { locale } = useLocale();
  const [signature, setSignature] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);

  const sign = () => {
    if (signature === null) {
      setEmpty(true);
      return;
    }
    onSign(signature);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !submitting) {
        event.preventDefault();
        if (signature === null) setEmpty(true);
        else onSign(signature);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [signature, submitting, onSign]);

  const representative = v.representativeMark;
  const people = [
    ...(input.petition?.petitioners ?? []).map((p) =>
      p.isRepresentative === true ? `${p.name}${representative}` : p.name,
    ),
    ...(input.companions ?? []).map((c) => (c.isRepresentative === true ? `${c.name}${representative}` : c.name)),
  ].join('、');
  const materials = (input.materials ?? [])
    .map((m) => format(m.original === true ? v.materialOriginal : v.material, { name: m.name, copies: m.copies ?? 1 }))
    .join('；');

  return (
    <Flex vertical gap={16} data-testid="visit-readback">
      {error !== null && <Alert type="error" showIcon title={error} />}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {v.readBackTitle}
      </Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={v.arrivedAt}>{formatDateTime(input.arrivedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={v.headcount}>{input.headcount}</Descriptions.Item>
        {people !== '' && <Descriptions.Item label={v.visitors}>{people}</Descriptions.Item>}
        {caseNumber !== undefined && <Descriptions.Item label={v.receiptCase}>{caseNumber}</Descriptions.Item>}
        {input.petition !== undefined && (
          <Descriptions.Item label={t.petitions.caseTitle}>{input.petition.title}</Descriptions.Item>
        )}
        <Descriptions.Item label={v.receiptMaterials}>{materials === '' ? v.none : materials}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={v.transcript}>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', fontSize: 20, lineHeight: 1.8, marginBottom: 0 }}
          data-testid="visit-readback-transcript"
        >
          {input.transcript}
        </Typography.Paragraph>
      </Card>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {v.declaration}
      </Typography.Text>
      <SignaturePad
        onChange={(png) => {
          setSignature(png);
          if (png !== null) setEmpty(false);
        }}
      />
      {empty && <Typography.Text type="danger">{v.signatureEmpty}</Typography.Text>}
      <Flex wrap gap={12} align="center">
        <Button type="primary" size="large" loading={submitting} onClick={sign} data-testid="visit-sign">
          {v.signAndRegister}
        </Button>
        <Button size="large" disabled={submitting} onClick={onPrintInstead} data-testid="visit-print-instead">
          {v.printInstead}
        </Button>
        <Button size="large" disabled={submitting} onClick={onBack} data-testid="visit-back">
          {v.backToEdit}
        </Button>
        <Typography.Text type="secondary">{v.signShortcut}</Typography.Text>
      </Flex>
    </Flex>
  );
}
