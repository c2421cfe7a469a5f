import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { ActivationSource, PlanLevel } from '../../../../common/schemas/emergency.ts';
import { activatePlan, listPlans } from '../../api/emergency.ts';
import { incidentPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Values = { planId: string; summary?: string };

/**
 * Starts a plan (启动预案) — from a warning, by a leader directly, or a drill (演练) — and opens the
 * incident's page. The plans offered are those the viewer may start; a warning's level first.
 */
export function ActivatePlanModal({
  open,
  onClose,
  source,
  level,
  drill = false,
  planId,
}: {
  open: boolean;
  onClose: () => void;
  source: ActivationSource;
  level?: PlanLevel | undefined;
  drill?: boolean;
  planId?: string | undefined;
}) {
  const t = useT();
  const e = t.emergency;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => (open ? listPlans() : Promise.resolve({ items: [] })), [open]);
  const plans = useLoader(load);
  const options = useMemo(
    () =>
      (plans.data?.items ?? [])
        .filter((p) => (drill ? p.canDrill : p.canActivate))
        .sort((a, b) => Number(b.level === level) - Number(a.level === level))
        .map((p) => ({
          value: p.id,
          label: `${p.title}（${e.incidentTypes[p.incidentType]} · ${e.levels[p.level]} · ${p.unitName}）`,
        })),
    [plans.data, drill, level, e],
  );
  const initial = planId ?? options[0]?.value;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { incident, told } = await activatePlan({
        planId: values.planId,
        source,
        drill,
        ...(values.summary === undefined || values.summary.trim() === '' ? {} : { summary: values.summary }),
      });
      void message.success(format(e.activated, { count: told }));
      onClose();
      void navigate(incidentPath(incident.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={drill ? e.drillTitle : e.activateTitle}
      onCancel={onClose}
      okText={drill ? e.startDrill : e.activate}
      okButtonProps={{ danger: !drill, loading: busy, 'data-testid': 'activate-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{e.activateHint}</Typography.Paragraph>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
      )}
      {plans.data !== undefined && options.length === 0 ? (
        <Alert type="info" showIcon title={e.noPlans} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={{ planId: initial }}
          key={initial ?? 'none'}
        >
          <Form.Item name="planId" label={e.choosePlan} rules={[{ required: true }]}>
            <Select options={options} loading={plans.loading} data-testid="activate-plan" />
          </Form.Item>
          <Form.Item name="summary" label={e.summary}>
            <Input maxLength={200} data-testid="activate-summary" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
