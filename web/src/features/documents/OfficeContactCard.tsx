import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Typography } from 'antd';
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { OfficeContactSchema, type OfficeContact } from '../../../../common/schemas/office.ts';
import { clearSetting, listSettings, updateSetting } from '../../api/setting.ts';
import { listUnits } from '../../api/unit.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const FIELDS = ['name', 'address', 'phone', 'hours'] as const;

/**
 * 信访接待: the address, phone and reception hours the portal and the visitor's 回执 show
 * (《信访工作条例》第18条第1款), set through the settings module (`portal.office`) for the group and,
 * where a mine receives people itself, for that mine; a mine without its own shows the group's.
 */
export function OfficeContactCard() {
  const t = useT();
  const o = t.portal.office;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  // The group and its mines and companies: the levels the setting may be set at.
  const levels = useMemo(
    () =>
      (units.data ?? []).filter(
        (u) => u.active && (u.depth === 0 || (u.depth === 1 && (u.kind === 'mine' || u.kind === 'company'))),
      ),
    [units.data],
  );
  const [unitId, setUnitId] = useState<string | null>(null);
  const chosen = unitId ?? levels[0]?.id ?? null;
  const loadSetting = useCallback(() => (chosen === null ? Promise.resolve(null) : listSettings(chosen)), [chosen]);
  const settings = useLoader(loadSetting);
  const view = settings.data?.items.find((item) => item.key === 'portal.office');
  const [form] = Form.useForm<OfficeContact>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const parsed = OfficeContactSchema.safeParse(view?.value);
    form.resetFields();
    if (parsed.success) form.setFieldsValue(parsed.data);
  }, [view, form]);

  const run = (action: Promise<unknown>) => {
    setSaving(true);
    setError(null);
    action.then(
      () => {
        setSaving(false);
        void message.success(t.common.saved);
        settings.reload();
      },
      (caught: unknown) => {
        setSaving(false);
        setError(caught);
      },
    );
  };

  const source =
    view === undefined
      ? null
      : view.source === 'unit'
        ? o.sourceOwn
        : view.source === 'inherited'
          ? o.sourceInherited
          : o.sourceNone;

  return (
    <Card title={o.title} data-testid="office-contact">
      <Typography.Paragraph type="secondary">{o.description}</Typography.Paragraph>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{o.unit}</Typography.Text>
        <Select
          style={{ minWidth: 220 }}
          value={chosen}
          onChange={(next) => setUnitId(next)}
          options={levels.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="office-contact-unit"
        />
        {source !== null && (
          <Typography.Text type="secondary" data-testid="office-contact-source">
            {source}
          </Typography.Text>
        )}
      </Flex>
      {error !== null && (
        <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Form<OfficeContact>
        form={form}
        layout="vertical"
        // Until the value in force is read, typing would be lost when it arrives.
        disabled={view === undefined || !view.editable}
        onFinish={(values) => {
          if (chosen !== null) run(updateSetting('portal.office', chosen, values));
        }}
      >
        {FIELDS.map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={o.fields[field]}
            rules={[{ required: true, whitespace: true, message: t.common.required }]}
          >
            <Input
              maxLength={field === 'address' || field === 'hours' ? 200 : field === 'name' ? 60 : 40}
              data-testid={`office-contact-${field}`}
            />
          </Form.Item>
        ))}
        <Flex gap={8}>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SaveOutlined />}
            loading={saving}
            data-testid="office-contact-save"
          >
            {t.common.save}
          </Button>
          {view?.source === 'unit' && chosen !== null && (
            <Button
              icon={<UndoOutlined />}
              onClick={() => run(clearSetting('portal.office', chosen))}
              disabled={saving}
            >
              {o.clear}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}
