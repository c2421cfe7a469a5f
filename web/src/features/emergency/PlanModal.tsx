import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  INCIDENT_TYPES,
  PLAN_LEVELS,
  PLAN_ROLES,
  type IncidentType,
  type PlanContact,
  type PlanLevel,
  type PlanRole,
  type PlanView,
} from '../../../../common/schemas/emergency.ts';
import { STAFF_ROLES } from '../../../../common/domain/access.ts';
import { createPlan, editPlan } from '../../api/emergency.ts';
import { listUnits } from '../../api/unit.ts';
import { listUsers } from '../../api/user.ts';
import { errorText } from '../../components/error-text.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type Values = {
  unitId: string;
  title: string;
  incidentType: IncidentType;
  level: PlanLevel;
  people: Partial<Record<PlanRole, string[]>>;
  steps: string;
  contacts: PlanContact[];
  notifyUserIds: string[];
  active: boolean;
};

/** The staff a plan may bind: everyone but administrators, outside partners and auditors. */

/** 预案 kept by the office: type and level, the people of each role, the steps (a line each), contacts. */
export function PlanModal({
  plan,
  onClose,
  onSaved,
}: {
  plan: PlanView | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const e = t.emergency;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const units = useLoader(useCallback(() => listUnits(false), []));
  const users = useLoader(
    useCallback(
      async () => (await Promise.all(STAFF_ROLES.map((role) => listUsers({ role, includeInactive: false })))).flat(),
      [],
    ),
  );
  const people = useMemo(
    () => (users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitPathName}）` })),
    [users.data],
  );
  const initial: Partial<Values> =
    plan === null
      ? { incidentType: 'mass_incident', level: 'red', contacts: [], notifyUserIds: [], active: true, people: {} }
      : {
          unitId: plan.unitId,
          title: plan.title,
          incidentType: plan.incidentType,
          level: plan.level,
          people: Object.fromEntries(plan.roles.map((r) => [r.role, r.people.map((p) => p.id)])),
          steps: plan.steps.join('\n'),
          contacts: plan.contacts,
          notifyUserIds: plan.notify.map((p) => p.id),
          active: plan.active,
        };

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    const input = {
      unitId: values.unitId,
      title: values.title,
      incidentType: values.incidentType,
      level: values.level,
      roles: PLAN_ROLES.flatMap((role) => {
        const ids = values.people[role] ?? [];
        return ids.length === 0 ? [] : [{ role, userIds: ids }];
      }),
      steps: values.steps
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      contacts: values.contacts,
      notifyUserIds: values.notifyUserIds,
      active: values.active,
    };
    try {
      await (plan === null ? createPlan(input) : editPlan(plan.id, input));
      void message.success(e.saved);
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={plan === null ? e.newPlan : e.editPlan}
      onCancel={onClose}
      okText={e.save}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      {error !== null && (
        <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <Form.Item name="title" label={e.planTitle} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="unitId" label={e.unit} rules={[{ required: true }]}>
          <UnitTreeSelect units={units.data ?? []} activeOnly />
        </Form.Item>
        <Space wrap>
          <Form.Item name="incidentType" label={e.incidentType} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 180 }}
              options={INCIDENT_TYPES.map((v) => ({ value: v, label: e.incidentTypes[v] }))}
            />
          </Form.Item>
          <Form.Item name="level" label={e.level} rules={[{ required: true }]}>
            <Select style={{ minWidth: 160 }} options={PLAN_LEVELS.map((v) => ({ value: v, label: e.levels[v] }))} />
          </Form.Item>
          <Form.Item name="active" label={e.activePlan} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        {PLAN_ROLES.map((role) => (
          <Form.Item
            key={role}
            name={['people', role]}
            label={e.roles[role]}
            rules={role === 'commander' ? [{ required: true }] : []}
          >
            <Select
              mode="multiple"
              options={people}
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.loading}
            />
          </Form.Item>
        ))}
        <Form.Item name="steps" label={e.steps} extra={e.stepsHint} rules={[{ required: true }]}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Form.Item label={e.contacts}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item name={[field.name, 'body']} rules={[{ required: true }]}>
                    <Input placeholder={e.contactBody} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                    <Input placeholder={e.contactName} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} rules={[{ required: true }]}>
                    <Input placeholder={e.contactPhone} inputMode="tel" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()}>
                {e.addContact}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="notifyUserIds" label={e.notifyList}>
          <Select mode="multiple" options={people} showSearch={{ optionFilterProp: 'label' }} loading={users.loading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
