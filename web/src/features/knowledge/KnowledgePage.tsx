import { useCallback, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Select,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import {
  KNOWLEDGE_KINDS,
  type KnowledgeDocumentListView,
  type KnowledgeKind,
} from '../../../../common/schemas/knowledge.ts';
import { createKnowledgeDocument, listKnowledgeDocuments, searchKnowledgeArticles } from '../../api/knowledge.ts';
import { knowledgeDocumentPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CategoryPicker } from '../categories/CategoryPicker.tsx';
import { ArticleQuote } from './ArticleQuote.tsx';
import { DocumentFormFields, type DocumentValues, DOCUMENT_FIELDS } from './DocumentFormFields.tsx';

type Row = KnowledgeDocumentListView['items'][number];
type Search = { q: string; kind?: KnowledgeKind | undefined; categoryCode?: string | undefined; on?: Dayjs | null };

/** 法规政策库: the documents, and a search of the articles in force on a date (Chinese words, kind, category). */
export function KnowledgePage() {
  const t = useT();
  const k = t.knowledge;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const documents = useLoader(listKnowledgeDocuments);
  const [search, setSearch] = useState<Search | null>(null);
  const loadHits = useCallback(
    () =>
      search === null
        ? Promise.resolve(undefined)
        : searchKnowledgeArticles({
            q: search.q,
            kind: search.kind,
            categoryCode: search.categoryCode,
            on: search.on?.format('YYYY-MM-DD'),
            limit: 50,
          }),
    [search],
  );
  const hits = useLoader(loadHits);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<DocumentValues>();
  const [searchForm] = Form.useForm<Search>();

  const columns: TableColumnsType<Row> = [
    {
      title: k.documentTitle,
      key: 'title',
      render: (_, row) => (
        <Flex gap={6} wrap align="center">
          <Link to={knowledgeDocumentPath(row.id)}>{row.title}</Link>
          {row.builtIn && <Tag color="gold">{k.builtIn}</Tag>}
        </Flex>
      ),
    },
    { title: k.kind, key: 'kind', width: 120, render: (_, row) => <Tag>{k.kinds[row.kind]}</Tag> },
    { title: k.issuer, key: 'issuer', dataIndex: 'issuer' },
    { title: k.documentNumber, key: 'documentNumber', dataIndex: 'documentNumber' },
    { title: k.articleCount, key: 'articleCount', dataIndex: 'articleCount', width: 90 },
    { title: k.updatedAt, key: 'updatedAt', render: (_, row) => formatDateTime(row.updatedAt, locale) },
  ];

  return (
    <Card
      title={k.title}
      extra={
        documents.data?.canManage === true && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="knowledge-create"
          >
            {k.addDocument}
          </Button>
        )
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {k.description}
        </Typography.Paragraph>
        <Card size="small" title={k.search}>
          <Form<Search>
            form={searchForm}
            layout="inline"
            onFinish={(values) => setSearch({ ...values, q: values.q.trim() })}
            initialValues={{ q: '' }}
            style={{ rowGap: 8 }}
          >
            <Form.Item name="q" style={{ minWidth: 220, flex: 1 }}>
              <Input allowClear placeholder={k.searchPlaceholder} data-testid="knowledge-search" />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                allowClear
                placeholder={k.allKinds}
                style={{ width: 140 }}
                options={KNOWLEDGE_KINDS.map((value) => ({ value, label: k.kinds[value] }))}
              />
            </Form.Item>
            <Form.Item name="categoryCode" style={{ minWidth: 200 }}>
              <CategoryPicker placeholder={k.category} />
            </Form.Item>
            <Form.Item name="on">
              <DatePicker placeholder={k.searchOn} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" data-testid="knowledge-search-submit">
                {t.common.search}
              </Button>
            </Form.Item>
          </Form>
          {hits.error !== null && <Alert type="error" showIcon title={errorText(t, hits.error, locale)} />}
          {hits.data !== undefined &&
            (hits.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={k.noHits} />
            ) : (
              <List
                size="small"
                loading={hits.loading}
                header={
                  <Typography.Text type="secondary">
                    {format(k.hits, { count: hits.data.items.length })}
                  </Typography.Text>
                }
                dataSource={hits.data.items}
                data-testid="knowledge-hits"
                renderItem={(hit) => (
                  <List.Item key={hit.versionId} style={{ paddingInline: 0 }}>
                    <ArticleQuote
                      hit={hit}
                      extra={<Link to={knowledgeDocumentPath(hit.documentId)}>{k.articles}</Link>}
                    />
                  </List.Item>
                )}
              />
            ))}
        </Card>
        {documents.error !== null && <Alert type="error" showIcon title={errorText(t, documents.error, locale)} />}
        <DataTable<Row>
          rowKey="id"
          columns={columns}
          dataSource={documents.data?.items ?? []}
          loading={documents.loading}
          locale={{ emptyText: k.empty }}
          pagination={false}
          data-testid="knowledge-documents"
        />
      </Flex>
      <FormModal<DocumentValues>
        open={creating}
        title={k.addDocument}
        form={form}
        fieldNames={DOCUMENT_FIELDS}
        initialValues={{ kind: 'policy' }}
        okTestId="knowledge-document-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await createKnowledgeDocument(values);
          setCreating(false);
          void navigate(knowledgeDocumentPath(created.id));
        }}
      >
        <DocumentFormFields />
      </FormModal>
    </Card>
  );
}
