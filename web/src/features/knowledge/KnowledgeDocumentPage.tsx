import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Select,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { KnowledgeArticleView, KnowledgeDocumentDetailView } from '../../../../common/schemas/knowledge.ts';
import { listCategories } from '../../api/category.ts';
import {
  addKnowledgeArticle,
  addKnowledgeVersion,
  editKnowledgeArticle,
  getKnowledgeDocument,
  repealKnowledgeArticle,
  updateKnowledgeDocument,
} from '../../api/knowledge.ts';
import { KNOWLEDGE_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { categoryLabel, categoryOptions } from './category-options.ts';
import { DocumentFormFields, DOCUMENT_FIELDS, type DocumentValues } from './DocumentFormFields.tsx';

type ArticleValues = { number: string; text: string; effectiveFrom: Dayjs; categoryCodes?: string[] };
type VersionValues = { text: string; effectiveFrom: Dayjs };
type EditValues = { number: string; categoryCodes?: string[] };
type RepealValues = { effectiveTo: Dayjs };
type Dialog =
  | { kind: 'document' }
  | { kind: 'article' }
  | { kind: 'version'; article: KnowledgeArticleView }
  | { kind: 'edit'; article: KnowledgeArticleView }
  | { kind: 'repeal'; article: KnowledgeArticleView };

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

/** One document of the 法规政策库: its articles, each with its versions and tags; the office keeps them. */
export function KnowledgeDocumentPage() {
  const t = useT();
  const k = t.knowledge;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const load = useCallback(() => getKnowledgeDocument(id), [id]);
  const loaded = useLoader(load);
  const loadCategories = useCallback(async () => (await listCategories()).categories, []);
  const categories = useLoader(loadCategories).data ?? [];
  const [replaced, setReplaced] = useState<KnowledgeDocumentDetailView | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [documentForm] = Form.useForm<DocumentValues>();
  const [articleForm] = Form.useForm<ArticleValues>();
  const [versionForm] = Form.useForm<VersionValues>();
  const [editForm] = Form.useForm<EditValues>();
  const [repealForm] = Form.useForm<RepealValues>();

  const detail = replaced?.id === id ? replaced : loaded.data;
  if (loaded.error !== null) return <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />;
  if (detail === undefined) return <PageSpinner />;
  const done = (next: KnowledgeDocumentDetailView) => {
    setReplaced(next);
    setDialog(null);
    void message.success(t.common.saved);
  };
  const options = categoryOptions(categories);
  const tagsSelect = (
    <Select
      mode="multiple"
      allowClear
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={k.noTags}
    />
  );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <Link to={KNOWLEDGE_PATH} aria-label={k.back}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="knowledge-document-heading">{detail.title}</span>
            <Tag>{k.kinds[detail.kind]}</Tag>
            {detail.builtIn && <Tag color="gold">{k.builtIn}</Tag>}
          </Flex>
        }
        extra={
          detail.canManage && (
            <Button onClick={() => setDialog({ kind: 'document' })} data-testid="knowledge-document-edit">
              {k.editDocument}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={k.issuer}>{detail.issuer || t.common.none}</Descriptions.Item>
          <Descriptions.Item label={k.documentNumber}>{detail.documentNumber || t.common.none}</Descriptions.Item>
          <Descriptions.Item label={k.articleCount}>{detail.articleCount}</Descriptions.Item>
        </Descriptions>
        {detail.summary !== '' && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {detail.summary}
          </Typography.Paragraph>
        )}
      </Card>
      <Card
        size="small"
        title={k.articles}
        extra={
          detail.canManage && (
            <Button
              type="primary"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'article' })}
              data-testid="knowledge-article-add"
            >
              {k.addArticle}
            </Button>
          )
        }
      >
        <List
          dataSource={detail.articles}
          locale={{ emptyText: t.common.empty }}
          data-testid="knowledge-articles"
          renderItem={(article) => {
            const current = article.versions.find((v) => v.id === article.currentVersionId);
            const latest = article.versions.at(-1);
            const status =
              current !== undefined
                ? null
                : latest?.effectiveTo !== null && latest !== undefined
                  ? k.repealed
                  : k.notInForce;
            return (
              <List.Item key={article.id} style={{ display: 'block' }}>
                <Flex justify="space-between" wrap gap={8} align="center">
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{article.number}</Typography.Text>
                    {current !== undefined ? <Tag color="green">{k.inForce}</Tag> : <Tag>{status}</Tag>}
                    {article.categoryCodes.map((code) => (
                      <Tag key={code} color="blue">
                        {categoryLabel(categories, code)}
                      </Tag>
                    ))}
                  </Flex>
                  {detail.canManage && (
                    <Flex gap={4} wrap>
                      <Button size="small" onClick={() => setDialog({ kind: 'version', article })}>
                        {k.newVersion}
                      </Button>
                      <Button size="small" onClick={() => setDialog({ kind: 'edit', article })}>
                        {k.editArticle}
                      </Button>
                      {latest?.effectiveTo === null && (
                        <Button size="small" danger onClick={() => setDialog({ kind: 'repeal', article })}>
                          {k.repeal}
                        </Button>
                      )}
                    </Flex>
                  )}
                </Flex>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>
                  {(current ?? latest)?.text}
                </Typography.Paragraph>
                {article.versions.length > 1 && (
                  <Collapse
                    ghost
                    size="small"
                    items={[
                      {
                        key: 'versions',
                        label: `${k.versions}（${article.versions.length}）`,
                        children: article.versions.map((v) => (
                          <div key={v.id} style={{ marginBottom: 8 }}>
                            <Typography.Text type="secondary">
                              {v.effectiveTo === null
                                ? format(k.versionOpen, { from: v.effectiveFrom })
                                : format(k.versionRange, { from: v.effectiveFrom, to: v.effectiveTo })}
                              {v.id === article.currentVersionId ? ` · ${k.current}` : ''}
                            </Typography.Text>
                            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                              {v.text}
                            </Typography.Paragraph>
                          </div>
                        )),
                      },
                    ]}
                  />
                )}
              </List.Item>
            );
          }}
        />
      </Card>

      <FormModal<DocumentValues>
        open={dialog?.kind === 'document'}
        title={k.editDocument}
        form={documentForm}
        fieldNames={DOCUMENT_FIELDS}
        initialValues={{
          kind: detail.kind,
          title: detail.title,
          issuer: detail.issuer,
          documentNumber: detail.documentNumber,
          summary: detail.summary,
        }}
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => done(await updateKnowledgeDocument(detail.id, values))}
      >
        <DocumentFormFields />
      </FormModal>

      <FormModal<ArticleValues>
        open={dialog?.kind === 'article'}
        title={k.addArticle}
        form={articleForm}
        fieldNames={['number', 'text', 'effectiveFrom', 'categoryCodes']}
        okTestId="knowledge-article-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) =>
          done(
            await addKnowledgeArticle(detail.id, {
              number: values.number,
              text: values.text,
              effectiveFrom: day(values.effectiveFrom),
              categoryCodes: values.categoryCodes ?? [],
            }),
          )
        }
      >
        <Form.Item
          name="number"
          label={k.articleNumber}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={30} placeholder="第十二条" data-testid="knowledge-article-number" />
        </Form.Item>
        <Form.Item
          name="text"
          label={k.articleText}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea
            maxLength={10_000}
            autoSize={{ minRows: 3, maxRows: 10 }}
            data-testid="knowledge-article-text"
          />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={k.effectiveFrom}
          rules={[{ required: true, message: t.common.required }]}
        >
          <DatePicker data-testid="knowledge-article-from" />
        </Form.Item>
        <Form.Item name="categoryCodes" label={k.tags}>
          {tagsSelect}
        </Form.Item>
      </FormModal>

      <FormModal<VersionValues>
        open={dialog?.kind === 'version'}
        title={dialog?.kind === 'version' ? `${k.newVersion} · ${dialog.article.number}` : ''}
        form={versionForm}
        fieldNames={['text', 'effectiveFrom']}
        initialValues={{
          text: dialog?.kind === 'version' ? (dialog.article.versions.at(-1)?.text ?? '') : '',
        }}
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          if (dialog?.kind !== 'version') return;
          done(
            await addKnowledgeVersion(dialog.article.id, {
              text: values.text,
              effectiveFrom: day(values.effectiveFrom),
            }),
          );
        }}
      >
        <Typography.Paragraph type="secondary">{k.newVersionHint}</Typography.Paragraph>
        <Form.Item
          name="text"
          label={k.articleText}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea maxLength={10_000} autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={k.effectiveFrom}
          rules={[{ required: true, message: t.common.required }]}
        >
          <DatePicker />
        </Form.Item>
      </FormModal>

      <FormModal<EditValues>
        open={dialog?.kind === 'edit'}
        title={k.editArticle}
        form={editForm}
        fieldNames={['number', 'categoryCodes']}
        initialValues={
          dialog?.kind === 'edit'
            ? { number: dialog.article.number, categoryCodes: dialog.article.categoryCodes }
            : undefined
        }
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          if (dialog?.kind !== 'edit') return;
          done(
            await editKnowledgeArticle(dialog.article.id, {
              number: values.number,
              categoryCodes: values.categoryCodes ?? [],
            }),
          );
        }}
      >
        <Form.Item
          name="number"
          label={k.articleNumber}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="categoryCodes" label={k.tags}>
          {tagsSelect}
        </Form.Item>
      </FormModal>

      <FormModal<RepealValues>
        open={dialog?.kind === 'repeal'}
        title={dialog?.kind === 'repeal' ? `${k.repeal} · ${dialog.article.number}` : ''}
        form={repealForm}
        fieldNames={['effectiveTo']}
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          if (dialog?.kind !== 'repeal') return;
          done(await repealKnowledgeArticle(dialog.article.id, day(values.effectiveTo)));
        }}
      >
        <Typography.Paragraph type="secondary">{k.repealHint}</Typography.Paragraph>
        <Form.Item name="effectiveTo" label={k.lastDay} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
