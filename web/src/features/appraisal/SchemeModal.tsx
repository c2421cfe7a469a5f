import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import {
  APPRAISAL_LEVELS,
  APPRAISAL_PERIOD_KINDS,
  APPRAISAL_SUBJECT_KINDS,
  LEADER_FIGURE_KEYS,
  type AppraisalSchemeInput,
  type AppraisalSchemeView,
} from '../../../../common/schemas/appraisal.ts';
import { FIGURE_KEYS } from '../../../../common/schemas/figure.ts';
import { createScheme, updateScheme } from '../../api/appraisal.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Values = AppraisalSchemeInput & {
  definition: { rules: NonNullable<AppraisalSchemeInput['definition']['rules']> };
};

const EMPTY: Values = {
  name: '',
  periodKind: 'quarter',
  level: 'mine',
  subjectKind: 'unit',
  definition: { indicators: [{ key: 'petition.concludedOnTime', weight: 100, target: 100, threshold: 60 }], rules: [] },
};

/**
 * 考核方案 editor (the enterprise admin): indicators from the registered figures with weights (adding up
 * to 100: the sum is shown as it is typed, the server refuses otherwise), targets and thresholds, and
 * bonus/deduction rules. A frozen scheme is shown, not edited.
 */
export function SchemeModal({
  scheme,
  open,
  onClose,
  onSaved,
}: {
  scheme: AppraisalSchemeView | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const a = t.appraisal;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const indicators = Form.useWatch(['definition', 'indicators'], form) as
    Values['definition']['indicators'] | undefined;
  const sum = (indicators ?? []).reduce((s, i) => s + (typeof i.weight === 'number' ? i.weight : 0), 0);
  const frozen = scheme?.frozen === true;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue(
      scheme === null
        ? EMPTY
        : {
            name: scheme.name,
            periodKind: scheme.periodKind,
            level: scheme.level,
            subjectKind: scheme.subjectKind,
            definition: { indicators: scheme.definition.indicators, rules: scheme.definition.rules },
          },
    );
  }, [open, scheme, form]);

  // A leader scheme scores only the figures of a leader's own cases (the server refuses others).
  const subjectKind = Form.useWatch<Values['subjectKind']>('subjectKind', form);
  const keyOptions = (subjectKind === 'leader' ? LEADER_FIGURE_KEYS : FIGURE_KEYS).map((key) => ({
    value: key,
    label: t.figures.keys[key],
  }));

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (scheme === null) await createScheme(values);
      else await updateScheme(scheme.id, values);
      void message.success(t.common.saved);
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={scheme === null ? a.newScheme : a.editScheme}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: frozen, loading: saving, ...({ 'data-testid': 'scheme-save' } as object) }}
      width={860}
      forceRender
    >
      {frozen && <Alert type="info" showIcon title={a.frozenHint} style={{ marginBottom: 12 }} />}
      {error !== null && (
        <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" disabled={frozen} data-testid="scheme-form">
        <Flex gap={12} wrap>
          <Form.Item name="name" label={a.name} rules={[{ required: true }]} style={{ flex: '1 1 240px' }}>
            <Input maxLength={100} data-testid="scheme-name" />
          </Form.Item>
          <Form.Item name="periodKind" label={a.periodKind} style={{ width: 140 }}>
            <Select options={APPRAISAL_PERIOD_KINDS.map((k) => ({ value: k, label: a.periodKinds[k] }))} />
          </Form.Item>
          <Form.Item name="level" label={a.level} style={{ width: 140 }}>
            <Select options={APPRAISAL_LEVELS.map((k) => ({ value: k, label: a.levels[k] }))} />
          </Form.Item>
          <Form.Item name="subjectKind" label={a.subjectKind} style={{ width: 150 }}>
            <Select
              data-testid="scheme-subject"
              options={APPRAISAL_SUBJECT_KINDS.map((k) => ({ value: k, label: a.subjectKinds[k] }))}
            />
          </Form.Item>
        </Flex>
        {subjectKind === 'leader' && (
          <Alert
            type="info"
            showIcon
            title={a.leaderHint}
            style={{ marginBottom: 12 }}
            data-testid="scheme-leader-hint"
          />
        )}
        <Typography.Text strong>{a.indicators}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {a.targetHint}
        </Typography.Paragraph>
        <Form.List name={['definition', 'indicators']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid={`scheme-indicator-${field.name}`}>
                  <Form.Item name={[field.name, 'key']} style={{ flex: '1 1 200px', marginBottom: 8 }}>
                    <Select options={keyOptions} aria-label={a.indicator} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} style={{ width: 110, marginBottom: 8 }}>
                    <InputNumber min={1} max={100} prefix={a.weight} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'target']} style={{ width: 130, marginBottom: 8 }}>
                    <InputNumber min={0} prefix={a.target} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'threshold']} style={{ width: 130, marginBottom: 8 }}>
                    <InputNumber min={0} prefix={a.threshold} style={{ width: '100%' }} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{a.remove}</Button>
                </Flex>
              ))}
              <Flex gap={12} align="center">
                <Button
                  onClick={() => add({ key: 'petition.acceptedOnTime', weight: 10, target: 100, threshold: 60 })}
                  data-testid="scheme-add-indicator"
                >
                  {a.addIndicator}
                </Button>
                <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="scheme-weight-sum">
                  {format(a.weightSum, { sum })}
                </Typography.Text>
              </Flex>
            </Flex>
          )}
        </Form.List>
        <Typography.Text strong style={{ display: 'block', marginTop: 16, marginBottom: 8 }}>
          {a.rules}
        </Typography.Text>
        <Form.List name={['definition', 'rules']}>
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid={`scheme-rule-${field.name}`}>
                  <Form.Item name={[field.name, 'key']} style={{ flex: '1 1 200px', marginBottom: 8 }}>
                    <Select options={keyOptions} aria-label={a.rule} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'points']} style={{ width: 140, marginBottom: 8 }}>
                    <InputNumber min={-100} max={100} prefix={a.points} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'cap']} style={{ width: 120, marginBottom: 8 }}>
                    <InputNumber min={0} max={100} prefix={a.cap} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} style={{ flex: '1 1 160px', marginBottom: 8 }}>
                    <Input maxLength={60} placeholder={a.ruleLabel} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{a.remove}</Button>
                </Flex>
              ))}
              <div>
                <Button
                  onClick={() => add({ key: 'petition.skipLevelRate', points: -5 })}
                  data-testid="scheme-add-rule"
                >
                  {a.addRule}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
