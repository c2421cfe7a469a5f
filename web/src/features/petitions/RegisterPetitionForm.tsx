import { useCallback, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { Dayjs } from 'dayjs';
import { PETITION_TYPES } from '../../../../common/domain/deadlines.ts';
import { format } from '../../../../common/i18n/index.ts';
import {
  BODY_MAX,
  CHANNELS,
  PURPOSES,
  TITLE_MAX,
  type Channel,
  type PetitionerIdentity,
  type PetitionType,
  type Purpose,
  type ReferralInput,
  type RegisterPetitionInput,
} from '../../../../common/schemas/petition.ts';
import { listUnits } from '../../api/unit.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { ApiError } from '../../api/client.ts';
import { registerPetition, type RegisteredPetitionView } from '../../api/petition.ts';
import { enterMovesOn } from '../../components/enter-moves-on.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CategoryPicker } from '../categories/CategoryPicker.tsx';
import { confirmWithoutCategory } from '../categories/confirm-without-category.ts';
import { PetitionerFields } from './PetitionerFields.tsx';
import { PetitionerLookup } from './PetitionerLookup.tsx';
import { NamedPersonsSection, namedPersonsInput, type NamedPersonValues } from './NamedPersonsSection.tsx';
import { ReferralFields } from './ReferralFields.tsx';
import { readRegisterDefaults, saveRegisterDefaults } from './register-defaults.ts';
import { CategorySuggestion } from '../text/CategorySuggestion.tsx';
import { RepeatSuggestions } from '../text/RepeatSuggestions.tsx';

type PetitionerValues = {
  name?: string;
  idNumber?: string;
  phone?: string;
  identity: PetitionerIdentity;
  unitId?: string;
  isRepresentative?: boolean;
};

type ReferralValues = Omit<ReferralInput, 'dueDate'> & { dueDate?: Dayjs | null };

type Values = {
  channel: Channel;
  type: PetitionType;
  purpose: Purpose;
  categoryCode?: string;
  receivedAt?: Dayjs | null;
  anonymous: boolean;
  petitioners?: PetitionerValues[];
  headcount: number;
  title: string;
  body: string;
  namedPersons?: NamedPersonValues[];
  referral?: ReferralValues;
};

const TOP_FIELDS = new Set([
  'channel',
  'type',
  'purpose',
  'categoryCode',
  'receivedAt',
  'anonymous',
  'petitioners',
  'headcount',
  'title',
  'body',
  'namedPersons',
  'referral',
]);

const INITIAL: Values = {
  channel: 'visit',
  type: 'appeal',
  purpose: 'request',
  anonymous: false,
  petitioners: [{ identity: 'employee', isRepresentative: false }],
  headcount: 1,
  title: '',
  body: '',
};

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function toInput(values: Values): RegisterPetitionInput {
  const petitioners = values.anonymous
    ? []
    : (values.petitioners ?? []).map((row) => {
        const idNumber = blankToUndefined(row.idNumber);
        const phone = blankToUndefined(row.phone);
        return {
          name: (row.name ?? '').trim(),
          identity: row.identity,
          isRepresentative: row.isRepresentative === true,
          ...(idNumber === undefined ? {} : { idNumber }),
          ...(phone === undefined ? {} : { phone }),
          ...(row.unitId === undefined ? {} : { unitId: row.unitId }),
        };
      });
  const categoryCode = blankToUndefined(values.categoryCode);
  const referral = values.channel === 'forwarded' ? values.referral : undefined;
  return {
    channel: values.channel,
    type: values.type,
    purpose: values.purpose,
    title: values.title.trim(),
    body: values.body.trim(),
    anonymous: values.anonymous,
    petitioners,
    headcount: values.headcount,
    namedPersons: namedPersonsInput(values.namedPersons),
    ...(categoryCode === undefined ? {} : { categoryCode }),
    ...(referral === undefined
      ? {}
      : {
          referral: {
            body: referral.body.trim(),
            documentNumber: referral.documentNumber.trim(),
            route: referral.route,
            replyForm: referral.replyForm,
            ...(referral.dueDate === undefined || referral.dueDate === null
              ? {}
              : { dueDate: referral.dueDate.format('YYYY-MM-DD') }),
            ...(referral.petitionerChannel === undefined ? {} : { petitionerChannel: referral.petitionerChannel }),
          },
        }),
    ...(values.receivedAt === undefined || values.receivedAt === null
      ? {}
      : { receivedAt: values.receivedAt.format() }),
  };
}

/** The first petitioner's ID number and phone, for the repeat look-up's identity reasons. */
function repeatIdentity(row: PetitionerValues | undefined): { idNumber?: string; phone?: string } | undefined {
  const idNumber = blankToUndefined(row?.idNumber);
  const phone = blankToUndefined(row?.phone);
  if (idNumber === undefined && phone === undefined) return undefined;
  return { ...(idNumber === undefined ? {} : { idNumber }), ...(phone === undefined ? {} : { phone }) };
}

/**
 * 登记信访: keyboard-first; Enter moves to the next field, Ctrl+Enter registers. A case without a
 * 内容分类 is saved only after 仍然保存.
 */
export function RegisterPetitionForm({
  onRegistered,
  submit,
  prefill,
}: (
  | { onRegistered: (registered: RegisteredPetitionView) => void; submit?: undefined }
  | {
      onRegistered?: undefined;
      /** Registers elsewhere (a visit in a joint reception session, a daily report's item) instead of POST /api/petitions. */
      submit: (input: RegisterPetitionInput) => Promise<void>;
    }
) & {
  /** What the source already says (a daily report's item): the officer completes the rest. */
  prefill?: { title?: string; body?: string; headcount?: number } | undefined;
}) {
  const t = useT();
  const p = t.petitions;
  const { locale } = useLocale();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [initialValues] = useState<Values>(() => ({ ...INITIAL, ...readRegisterDefaults(INITIAL), ...prefill }));
  const anonymous = Form.useWatch('anonymous', form);
  const type = Form.useWatch('type', form);
  const channel = Form.useWatch('channel', form);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  // Undefined until the fields mount.
  const watchedTitle = Form.useWatch<string | undefined>('title', form);
  const watchedBody = Form.useWatch<string | undefined>('body', form);
  const watchedCategory = Form.useWatch<string | undefined>('categoryCode', form);
  const title = watchedTitle ?? '';
  const body = watchedBody ?? '';
  const firstPetitioner = Form.useWatch(['petitioners', 0], form) as PetitionerValues | undefined;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = { required: true, message: t.common.required };

  const finish = async (values: Values) => {
    if (blankToUndefined(values.categoryCode) === undefined && !(await confirmWithoutCategory(modal, t))) {
      form.focusField('categoryCode');
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      if (submit !== undefined) await submit(toInput(values));
      else {
        const registered = await registerPetition(toInput(values));
        saveRegisterDefaults({ channel: values.channel, type: values.type, purpose: values.purpose });
        onRegistered(registered);
      }
    } catch (caught) {
      const issues =
        caught instanceof ApiError ? caught.issues.filter((issue) => TOP_FIELDS.has(String(issue.path[0]))) : [];
      if (issues.length > 0)
        form.setFields(issues.map((issue) => ({ name: issue.path as NamePath<Values>, errors: [issue.message] })));
      else setError(errorText(t, caught, locale));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void finish(values)}
      disabled={submitting}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit();
        else enterMovesOn(event);
      }}
    >
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item name="channel" label={p.channel} rules={[required]}>
            <Select
              autoFocus
              options={CHANNELS.map((value) => ({ value, label: p.channels[value] }))}
              data-testid="register-channel"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item name="type" label={p.type} rules={[required]}>
            <Select
              options={PETITION_TYPES.map((value) => ({ value, label: p.types[value] }))}
              data-testid="register-type"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item name="purpose" label={p.purpose} rules={[required]}>
            <Select options={PURPOSES.map((value) => ({ value, label: p.purposes[value] }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item name="receivedAt" label={p.receivedAt}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16} align="middle">
        <Col xs={12} sm={6} md={4}>
          <Form.Item name="anonymous" label={p.anonymous} valuePropName="checked">
            <Switch data-testid="register-anonymous" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Form.Item name="headcount" label={p.headcount} rules={[required]}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Form.Item name="categoryCode" label={p.categoryCode}>
            <CategoryPicker data-testid="register-category" />
          </Form.Item>
        </Col>
      </Row>
      {channel === 'forwarded' && <ReferralFields />}
      {!anonymous && (
        <>
          <PetitionerFields units={units.data ?? []} />
          <PetitionerLookup />
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {p.skipLevelAuto}
      </Typography.Paragraph>
      <NamedPersonsSection prominent={type === 'accusation'} />
      <Form.Item
        name="title"
        label={p.caseTitle}
        rules={[
          { ...required, whitespace: true },
          { min: 2, max: TITLE_MAX, message: format(p.titleRule, { max: TITLE_MAX }) },
        ]}
      >
        <Input maxLength={TITLE_MAX} showCount data-testid="register-title" />
      </Form.Item>
      <Form.Item
        name="body"
        label={p.body}
        rules={[
          { ...required, whitespace: true },
          { min: 5, message: p.bodyRule },
          { max: BODY_MAX, message: format(t.form.maxLength, { max: BODY_MAX }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} data-testid="register-body" />
      </Form.Item>
      <CategorySuggestion title={title} body={body} onAccept={(code) => form.setFieldValue('categoryCode', code)} />
      <RepeatSuggestions
        title={title}
        body={body}
        identity={anonymous ? undefined : repeatIdentity(firstPetitioner)}
        categoryCode={watchedCategory}
      />
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="register-submit">
        {p.submit}
      </Button>
    </Form>
  );
}
