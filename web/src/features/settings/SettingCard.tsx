import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Popconfirm, Typography } from 'antd';
import { ExportOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import {
  settingDefinition,
  type SettingKey,
  type SettingLevel,
  type SettingValue,
  type SettingView,
} from '../../../../common/schemas/setting.ts';
import { clearSetting, updateSetting } from '../../api/setting.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { SETTING_EDITORS, type SettingFormValues } from './setting-editors.ts';
import { SettingSourceTags } from './SettingSourceTags.tsx';

type Props = {
  view: SettingView;
  unitId: string;
  level: SettingLevel | null;
  onChanged: (view: SettingView) => void;
};

/** One setting: its name and purpose, where its value comes from, and its editor or its value read-only. */
export function SettingCard({ view, unitId, level, onChanged }: Props) {
  const t = useT();
  const meta = t.settings.keys[view.key];
  return (
    <Card size="small" title={meta.name} data-testid={`setting-card-${view.key}`}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{meta.description}</Typography.Text>
        <SettingSourceTags view={view} level={level} />
        <SettingBody settingKey={view.key} view={view} unitId={unitId} onChanged={onChanged} />
      </Flex>
    </Card>
  );
}

type BodyProps<K extends SettingKey> = {
  settingKey: K;
  view: SettingView;
  unitId: string;
  onChanged: (view: SettingView) => void;
};

function SettingBody<K extends SettingKey>({ settingKey, view, unitId, onChanged }: BodyProps<K>) {
  const t = useT();
  const s = t.settings;
  const editor = SETTING_EDITORS[settingKey];
  const definition = settingDefinition(settingKey);
  // A value with a key in it reaches a reader who may not change it only masked (setting.service viewOf).
  if (definition.secret === true && !view.editable && view.value !== null) {
    return <Typography.Text data-testid={`setting-masked-${settingKey}`}>{s.maskedSecret}</Typography.Text>;
  }
  const parsed = definition.schema.safeParse(view.value);
  if (!parsed.success) return <Alert type="warning" showIcon title={s.unreadable} />;
  const value = parsed.data as SettingValue<K>;
  const { Summary } = editor;
  if (editor.kind === 'page') {
    return (
      <Flex vertical gap={8} align="start">
        <Summary value={value} />
        {view.editable && (
          <Link to={editor.path} data-testid={`setting-open-${settingKey}`}>
            <ExportOutlined /> {format(s.openPage, { page: editor.pageTitle(t) })}
          </Link>
        )}
      </Flex>
    );
  }
  if (!view.editable) return <Summary value={value} />;
  return (
    <SettingForm
      settingKey={settingKey}
      view={view}
      unitId={unitId}
      onChanged={onChanged}
      initialValues={editor.toForm(value)}
    />
  );
}

/** The editor of a form key with 保存 and 恢复为上级/默认; server issues land on their field. */
function SettingForm<K extends SettingKey>({
  settingKey,
  view,
  unitId,
  onChanged,
  initialValues,
}: BodyProps<K> & { initialValues: SettingFormValues }) {
  const t = useT();
  const s = t.settings;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingFormValues>();
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const editor = SETTING_EDITORS[settingKey];
  if (editor.kind !== 'form') return null;
  const { Fields } = editor;

  const run = async (kind: 'save' | 'reset', call: () => Promise<SettingView>, done: string) => {
    setBusy(kind);
    setError(null);
    try {
      const next = await call();
      void message.success(done);
      onChanged(next);
    } catch (caught) {
      if (!applyFieldIssues(form, caught, editor.fieldNames)) setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Form<SettingFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      disabled={busy !== null}
      onFinish={(values) =>
        void run('save', () => updateSetting(settingKey, unitId, editor.fromForm(values)), t.common.saved)
      }
    >
      {error !== null && (
        <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
      )}
      <Fields />
      <Flex gap={8} wrap>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={busy === 'save'}
          data-testid={`setting-save-${settingKey}`}
        >
          {t.common.save}
        </Button>
        <Popconfirm
          title={s.reset}
          description={s.resetConfirm}
          okText={t.common.confirm}
          cancelText={t.common.cancel}
          disabled={view.source !== 'unit'}
          onConfirm={() => void run('reset', () => clearSetting(settingKey, unitId), s.reverted)}
        >
          <Button
            icon={<RollbackOutlined />}
            loading={busy === 'reset'}
            disabled={view.source !== 'unit'}
            data-testid={`setting-reset-${settingKey}`}
          >
            {s.reset}
          </Button>
        </Popconfirm>
      </Flex>
    </Form>
  );
}
