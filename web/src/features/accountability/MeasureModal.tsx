import { useCallback } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { format } from '../../../../common/i18n/index.ts';
import {
  ACCOUNTABILITY_KINDS,
  RECTIFY_DEADLINE,
  type AccountabilityKind,
  type AccountabilityView,
} from '../../../../common/schemas/accountability.ts';
import type { FigureKey } from '../../../../common/schemas/figure.ts';
import { recordMeasure } from '../../api/accountability.ts';
import { listIncidents } from '../../api/emergency.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { errorText } from '../../components/error-text.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Values = {
  kind: AccountabilityKind;
  figureKey?: FigureKey;
  caseNumber?: string;
  incidentId?: string;
  facts: string;
  decision: string;
  rectifyDueDate?: Dayjs;
};

/**
 * 记录奖惩问责 for a unit of a round, or a leader of a leader round (第39条): the measure, the indicator of
 * the round it rests on, a case by its number, or an emergency incident picked from the decider's
 * incidents (searchable by title and unit), the facts, the decision and the 整改 deadline; the server
 * numbers the decision.
 */
export function MeasureModal({
  open,
  unit,
  person,
  roundId,
  figureKeys,
  onClose,
  onRecorded,
}: {
  open: boolean;
  unit: { id: string; name: string };
  /** The leader measured (a leader round): the measure is against him, not his unit. */
  person?: { id: string; name: string } | undefined;
  roundId: string;
  figureKeys: readonly FigureKey[];
  onClose: () => void;
  onRecorded: (view: AccountabilityView) => void;
}) {
  const t = useT();
  const m = t.accountability;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  // The incidents the decider may rest a measure on (his subtree's), loaded when the form opens.
  const incidents = useLoader(useCallback(() => (open ? listIncidents() : Promise.resolve({ items: [] })), [open]));

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const view = await recordMeasure({
        kind: values.kind,
        subject: person === undefined ? { kind: 'unit', unitId: unit.id } : { kind: 'person', userId: person.id },
        basis: {
          ...(values.figureKey === undefined ? {} : { roundId, figureKey: values.figureKey }),
          ...(values.caseNumber === undefined || values.caseNumber === '' ? {} : { caseNumber: values.caseNumber }),
          ...(values.incidentId === undefined ? {} : { incidentId: values.incidentId }),
        },
        facts: values.facts,
        decision: values.decision,
        ...(values.rectifyDueDate === undefined ? {} : { rectifyDueDate: values.rectifyDueDate.format('YYYY-MM-DD') }),
      });
      void message.success(format(m.recorded, { number: view.documentNumber }));
      form.resetFields();
      onRecorded(view);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    }
  };

  return (
    <Modal
      open={open}
      title={format(m.recordFor, { name: person?.name ?? unit.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ ...({ 'data-testid': 'measure-submit' } as object) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'admonition' }}>
        <Form.Item name="kind" label={m.fields.kind} rules={[{ required: true }]}>
          <Select
            data-testid="measure-kind"
            options={ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: m.kinds[k] }))}
          />
        </Form.Item>
        <Form.Item name="figureKey" label={m.fields.basisFigure} extra={m.basisHelp}>
          <Select
            allowClear
            data-testid="measure-figure"
            options={figureKeys.map((k) => ({ value: k, label: t.figures.keys[k] }))}
          />
        </Form.Item>
        <Form.Item name="caseNumber" label={m.fields.basisCase}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="incidentId" label={m.fields.basisIncident}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={m.incidentSearch}
            loading={incidents.loading}
            data-testid="measure-incident"
            options={(incidents.data?.items ?? []).map((i) => ({
              value: i.id,
              label: `${i.title} · ${i.unitName} · ${formatDateTime(i.activatedAt, locale)}`,
              search: `${i.title} ${i.unitName}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="facts" label={m.fields.facts} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="measure-facts" />
        </Form.Item>
        <Form.Item name="decision" label={m.fields.decision} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={4000} data-testid="measure-decision" />
        </Form.Item>
        {RECTIFY_DEADLINE[kind] !== 'never' && (
          <Form.Item
            name="rectifyDueDate"
            label={m.fields.rectifyDueDate}
            rules={[{ required: kind === 'rectification' }]}
          >
            <DatePicker data-testid="measure-due" style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
