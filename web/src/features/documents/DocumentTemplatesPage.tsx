import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Menu,
  Row,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { SaveOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import {
  DOCUMENT_KINDS,
  renderDocument,
  type DocumentField,
  type DocumentKind,
} from '../../../../common/domain/documents.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { DocumentTemplateInput, DocumentTemplateView } from '../../../../common/schemas/document.ts';
import { listTemplates, saveTemplate, templateVersions } from '../../api/document.ts';
import { errorText } from '../../components/error-text.ts';
import { applyFieldIssues } from '../../components/form-errors.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { DocumentPreview } from './DocumentPreview.tsx';

const FIELDS = ['title', 'addressee', 'numberPrefix', 'body'] as const;

/**
 * 文书模板: the enterprise administrator edits the wording of each document kind. Fields are
 * inserted where the cursor is; the preview shows each field as 【its name】; saving adds a version
 * (documents keep the one they were made from).
 */
export function DocumentTemplatesPage() {
  const t = useT();
  const d = t.documents;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [kind, setKind] = useState<DocumentKind>('reply');
  const loadTemplates = useCallback(() => listTemplates(), []);
  const templates = useLoader(loadTemplates);
  const loadVersions = useCallback(() => templateVersions(kind), [kind]);
  const versions = useLoader(loadVersions);
  const [form] = Form.useForm<DocumentTemplateInput>();
  const values = Form.useWatch([], form) as Partial<DocumentTemplateInput> | undefined;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const bodyRef = useRef<TextAreaRef>(null);

  const current = templates.data?.find((tpl) => tpl.kind === kind);
  useEffect(() => {
    if (current !== undefined)
      form.setFieldsValue({
        title: current.title,
        addressee: current.addressee,
        body: current.body,
        numberPrefix: current.numberPrefix,
      });
  }, [current, form]);

  const insertField = (field: string) => {
    const textarea = bodyRef.current?.resizableTextArea?.textArea;
    const body = (form.getFieldValue('body') as string | undefined) ?? '';
    const at = textarea?.selectionStart ?? body.length;
    const token = `{{${field}}}`;
    form.setFieldValue('body', `${body.slice(0, at)}${token}${body.slice(textarea?.selectionEnd ?? at)}`);
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const preview = useMemo(() => {
    if (values === undefined || current === undefined) return null;
    const sample = Object.fromEntries(
      current.fields.map((field) => [field, `【${d.fields[field as DocumentField]}】`]),
    );
    return renderDocument(
      {
        title: values.title ?? '',
        addressee: values.addressee ?? '',
        body: values.body ?? '',
        numberPrefix: values.numberPrefix ?? '',
      },
      sample,
      `${values.numberPrefix ?? ''}〔2026〕1号`,
    );
  }, [values, current, d.fields]);

  const save = async (input: DocumentTemplateInput) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveTemplate(kind, input);
      void message.success(format(d.templates.saved, { version: saved.version }));
      templates.reload();
      versions.reload();
    } catch (caught) {
      if (!applyFieldIssues(form, caught, FIELDS)) setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const versionColumns: TableColumnsType<DocumentTemplateView> = [
    { title: d.templates.version, key: 'version', width: 70, render: (_, row) => `v${row.version}` },
    { title: d.templates.titleField, key: 'title', dataIndex: 'title' },
    {
      key: 'by',
      render: (_, row) =>
        row.createdByName === null ? (
          <Tag>{d.templates.builtIn}</Tag>
        ) : (
          format(d.templates.editedBy, { name: row.createdByName, date: formatDateTime(row.createdAt, locale) })
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {d.templates.title}
      </Typography.Title>
      {templates.error !== null && <Alert type="error" showIcon title={errorText(t, templates.error, locale)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={5}>
          <Card size="small" title={d.templates.kind} styles={{ body: { padding: 0 } }}>
            <Menu
              mode="inline"
              selectedKeys={[kind]}
              items={DOCUMENT_KINDS.map((k) => ({ key: k, label: d.kinds[k] }))}
              onClick={({ key }) => setKind(key as DocumentKind)}
              data-testid="template-kinds"
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={`${d.kinds[kind]}${current === undefined ? '' : ` · v${current.version}`}`}
            loading={templates.loading && templates.data === undefined}
          >
            {error !== null && (
              <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
            )}
            <Form<DocumentTemplateInput> form={form} layout="vertical" onFinish={(input) => void save(input)}>
              <Form.Item
                name="title"
                label={d.templates.titleField}
                rules={[{ required: true, message: t.common.required }]}
              >
                <Input maxLength={200} data-testid="template-title" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={16}>
                  <Form.Item name="addressee" label={d.templates.addressee}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="numberPrefix" label={d.templates.numberPrefix}>
                    <Input maxLength={12} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={d.templates.fieldsHelp}>
                <Flex wrap gap={4}>
                  {current?.fields.map((field) => (
                    <Tag
                      key={field}
                      style={{ cursor: 'pointer' }}
                      onClick={() => insertField(field)}
                      data-testid={`template-field-${field}`}
                    >
                      {d.fields[field as DocumentField]}
                    </Tag>
                  ))}
                </Flex>
              </Form.Item>
              <Form.Item name="body" label={d.templates.body} rules={[{ required: true, message: t.common.required }]}>
                <Input.TextArea ref={bodyRef} autoSize={{ minRows: 10, maxRows: 24 }} data-testid="template-body" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<SaveOutlined />}
                loading={saving}
                data-testid="template-save"
              >
                {d.templates.save}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small" title={d.templates.preview}>
              {preview !== null && <DocumentPreview content={preview} />}
            </Card>
            <Card size="small" title={d.templates.history}>
              <DataTable<DocumentTemplateView>
                rowKey="version"
                size="small"
                columns={versionColumns}
                dataSource={versions.data ?? []}
                loading={versions.loading}
                pagination={false}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
