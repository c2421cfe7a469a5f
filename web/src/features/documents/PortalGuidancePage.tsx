import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { DeleteOutlined, ExportOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import type { PortalGuidance } from '../../../../common/schemas/portal.ts';
import { getGuidance, saveGuidance } from '../../api/portal.ts';
import { errorText } from '../../components/error-text.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { Link } from 'react-router';
import { SETTINGS_PATH } from '../../app/paths.ts';

const MAX_SECTIONS = 20;

/**
 * 网上信访指引: the enterprise administrator edits the guidance the portal opens with (受理范围,
 * 法定途径, 时限, 集体访, 违法行为) — sections of a title and plain text, saved as a whole.
 */
export function PortalGuidancePage() {
  const t = useT();
  const g = t.portal.guidance;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => getGuidance(), []);
  const loaded = useLoader(load);
  const [form] = Form.useForm<PortalGuidance>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (loaded.data !== undefined) form.setFieldsValue(loaded.data);
  }, [loaded.data, form]);

  if (loaded.data === undefined) {
    return loaded.loading ? (
      <PageSpinner />
    ) : (
      <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />
    );
  }

  const submit = (values: PortalGuidance) => {
    setSaving(true);
    setError(null);
    saveGuidance(values).then(
      (saved) => {
        setSaving(false);
        form.setFieldsValue(saved);
        void message.success(t.common.saved);
      },
      (caught: unknown) => {
        setSaving(false);
        setError(caught);
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      {/* The office's address, phone and hours are a setting (portal.office), edited on 系统设置 per unit. */}
      <Alert
        type="info"
        showIcon
        title={
          <Link to={SETTINGS_PATH} data-testid="office-contact-link">
            {t.portal.office.whereEdited}
          </Link>
        }
      />
      <Card
        title={g.title}
        extra={
          <Button type="link" icon={<ExportOutlined />} href="/portal" target="_blank" rel="noopener">
            {g.preview}
          </Button>
        }
        data-testid="portal-guidance"
      >
        <Typography.Paragraph type="secondary">{g.description}</Typography.Paragraph>
        {error !== null && (
          <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
        )}
        <Form<PortalGuidance> form={form} layout="vertical" initialValues={loaded.data} onFinish={submit}>
          <Form.List name="sections">
            {(fields, { add, remove }) => (
              <Flex vertical gap={12}>
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={format(g.section, { n: index + 1 })}
                    extra={
                      fields.length > 1 && (
                        <Button
                          type="text"
                          danger
                          size="small"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                        >
                          {g.remove}
                        </Button>
                      )
                    }
                  >
                    <Form.Item
                      name={[field.name, 'title']}
                      label={g.sectionTitle}
                      rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 60 }]}
                    >
                      <Input maxLength={60} data-testid={`guidance-title-${index}`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'body']}
                      label={g.sectionBody}
                      rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 4000 }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 3, maxRows: 12 }}
                        maxLength={4000}
                        data-testid={`guidance-body-${index}`}
                      />
                    </Form.Item>
                  </Card>
                ))}
                <Flex gap={8} justify="space-between" wrap>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ title: '', body: '' })}
                    disabled={fields.length >= MAX_SECTIONS}
                  >
                    {g.add}
                  </Button>
                  <Button
                    type="primary"
                    htmlType="submit"
                    icon={<SaveOutlined />}
                    loading={saving}
                    data-testid="guidance-save"
                  >
                    {t.common.save}
                  </Button>
                </Flex>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Card>
    </Flex>
  );
}
