import { Alert, Button, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Row, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { format } from '../../../../common/i18n/index.ts';
import { TRANSCRIPT_MAX } from '../../../../common/schemas/visit-record.ts';
import { OFFICE_ROLES } from '../../../../common/domain/access.ts';
import { enterMovesOn } from '../../components/enter-moves-on.ts';
import { UserSelect } from '../../components/UserSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { PetitionerFields } from '../petitions/PetitionerFields.tsx';
import { listUnits } from '../../api/unit.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { CategorySuggestion } from '../text/CategorySuggestion.tsx';
import { RepeatSuggestions } from '../text/RepeatSuggestions.tsx';
import { MatterFields } from '../intake/MatterFields.tsx';
import { CompanionFields } from './CompanionFields.tsx';
import { MaterialFields } from './MaterialFields.tsx';
import { OpenCaseChooser } from './OpenCaseChooser.tsx';
import type { PetitionerValues, VisitValues } from './visit-input.ts';

export type VisitFormValues = VisitValues & { arrivedAt: Dayjs; leftAt?: Dayjs | null };

type Props = {
  form: FormInstance<VisitFormValues>;
  initialValues: VisitFormValues;
  /** A problem no single field shows (five representatives at most over the whole visit). */
  error: string | null;
  /** The form is complete: read the transcript back to the visitor. */
  onReadBack: (values: VisitFormValues) => void;
  /** Whether a leader other than the registrar may be named as 接待人 (the office picks from its unit). */
  canNameReceiver: boolean;
};

function repeatIdentity(row: PetitionerValues | undefined) {
  const idNumber = row?.idNumber?.trim();
  const phone = row?.phone?.trim();
  if ((idNumber === undefined || idNumber === '') && (phone === undefined || phone === '')) return undefined;
  return {
    ...(idNumber === undefined || idNumber === '' ? {} : { idNumber }),
    ...(phone === undefined || phone === '' ? {} : { phone }),
  };
}

/**
 * 来访登记, keyboard-first: the headcount has the focus, Enter moves on as on a paper form, a new
 * row of visitors, companions or materials takes the focus when added, and Ctrl+Enter reads the
 * transcript back. The reception details (arrival, receiving person) come last: they rarely change.
 */
/** The unit tree, for the petitioners' unit (越级 is decided from it). */
const loadUnits = () => listUnits(false);

export function VisitRecordForm({ form, initialValues, error, onReadBack, canNameReceiver }: Props) {
  const t = useT();
  const units = useLoader(loadUnits);
  const v = t.intake.visit;
  const p = t.petitions;
  const mode = Form.useWatch<VisitFormValues['mode'] | undefined>('mode', form) ?? initialValues.mode;
  const caseNumber = Form.useWatch('caseNumber', form);
  const title = Form.useWatch<string | undefined>('title', form) ?? '';
  const body = Form.useWatch<string | undefined>('body', form) ?? '';
  const firstPetitioner = Form.useWatch(['petitioners', 0], form) as PetitionerValues | undefined;
  const required = { required: true, message: t.common.required };

  return (
    <Form<VisitFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onReadBack}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          form.submit();
        } else enterMovesOn(event);
      }}
      data-testid="visit-form"
    >
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="mode" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="petitionId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="caseNumber" hidden>
        <Input />
      </Form.Item>
      <Row gutter={16} align="bottom">
        <Col xs={12} sm={6} md={4}>
          <Form.Item name="headcount" label={v.headcount} rules={[required]}>
            <InputNumber
              min={1}
              max={10_000}
              precision={0}
              autoFocus
              style={{ width: '100%' }}
              data-testid="visit-headcount"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={18} md={20}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {v.representativesHint}
          </Typography.Paragraph>
        </Col>
      </Row>
      {mode === 'existing' ? (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          <Tag color="blue" data-testid="visit-existing-case">
            {format(v.existingCase, { caseNumber: caseNumber ?? '' })}
          </Tag>
          <Button
            size="small"
            onClick={() => {
              form.setFieldsValue({ mode: 'new', petitionId: undefined, caseNumber: undefined });
            }}
          >
            {v.newInstead}
          </Button>
        </Flex>
      ) : (
        <>
          <PetitionerFields units={units.data ?? []} />
          <OpenCaseChooser
            onJoin={(petitionId, number) => form.setFieldsValue({ mode: 'existing', petitionId, caseNumber: number })}
          />
          <Divider titlePlacement="start" style={{ margin: '8px 0 16px' }}>
            {v.matter}
          </Divider>
          <MatterFields testIdPrefix="visit" />
        </>
      )}
      <CompanionFields />
      <Form.Item
        name="transcript"
        label={v.transcript}
        rules={[{ ...required, whitespace: true }, { min: 5, message: p.bodyRule }, { max: TRANSCRIPT_MAX }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 5, maxRows: 16 }}
          placeholder={v.transcriptPlaceholder}
          data-testid="visit-transcript"
        />
      </Form.Item>
      <MaterialFields />
      <Row gutter={16}>
        <Col xs={24} sm={12} md={8}>
          <Form.Item name="arrivedAt" label={v.arrivedAt} rules={[required]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={8}>
          <Form.Item name="leftAt" label={v.leftAt}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {canNameReceiver && (
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="receivedById" label={v.receivedBy}>
              <UserSelect roles={OFFICE_ROLES} placeholder={v.receivedByMe} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {mode === 'new' && (
        <>
          <CategorySuggestion title={title} body={body} onAccept={(code) => form.setFieldValue('categoryCode', code)} />
          <RepeatSuggestions title={title} body={body} identity={repeatIdentity(firstPetitioner)} />
        </>
      )}
      <Flex wrap gap={12} align="center">
        <Button type="primary" htmlType="submit" data-testid="visit-read-back">
          {v.readBack}
        </Button>
        <Typography.Text type="secondary">{v.readBackHint}</Typography.Text>
      </Flex>
    </Form>
  );
}
