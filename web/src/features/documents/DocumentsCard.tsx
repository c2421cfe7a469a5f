import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { DownloadOutlined, FileAddOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { DocumentKind } from '../../../../common/domain/documents.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionDocumentListView, PetitionDocumentView } from '../../../../common/schemas/document.ts';
import { DELIVERY_METHODS } from '../../../../common/schemas/petition.ts';
import {
  documentDocxUrl,
  documentPrintUrl,
  generateDocument,
  listDocuments,
  recordDelivery,
} from '../../api/document.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

type DeliveryValues = {
  method: (typeof DELIVERY_METHODS)[number];
  deliveredAt?: Dayjs | null | undefined;
  trackingNumber?: string | undefined;
};
const DELIVERY_FIELDS = ['method', 'deliveredAt', 'trackingNumber'] as const;

/**
 * 文书: the case's written documents — generate one from the case, print it (the official layout
 * opens in a new tab), download it as Word, record its delivery. The case page keys it by the case
 * version, so a verb that issued a document (签发答复) shows it at once.
 */
export function DocumentsCard({
  petitionId,
  initial,
}: {
  petitionId: string;
  /** The documents as the case page's one request brought them. */
  initial?: PetitionDocumentListView | undefined;
}) {
  const t = useT();
  const d = t.documents;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => listDocuments(petitionId), [petitionId]);
  const documents = useLoader(load, initial);
  const [generating, setGenerating] = useState(false);
  const [delivering, setDelivering] = useState<PetitionDocumentView | null>(null);
  const [form] = Form.useForm<DeliveryValues>();
  const method = Form.useWatch('method', form);

  const generate = (kind: DocumentKind) => {
    setGenerating(true);
    generateDocument(petitionId, kind).then(
      (doc) => {
        setGenerating(false);
        void message.success(`${d.kinds[doc.kind]} ${doc.number}`);
        documents.reload();
      },
      (caught: unknown) => {
        setGenerating(false);
        void message.error(errorText(t, caught, locale));
      },
    );
  };

  const deliveryText = (doc: PetitionDocumentView) => {
    const delivery = doc.delivery;
    if (delivery === null) return <Typography.Text type="warning">{d.notDelivered}</Typography.Text>;
    if (delivery.deliveredAt === null)
      return (
        <Typography.Text type="warning">
          {format(d.sentAwaiting, { tracking: delivery.trackingNumber ?? '' })}
        </Typography.Text>
      );
    return (
      <Typography.Text>
        {format(d.delivered, {
          method: t.petitions.deliveryMethods[delivery.method],
          date: formatDateTime(delivery.deliveredAt, locale),
        })}
      </Typography.Text>
    );
  };

  const columns: TableColumnsType<PetitionDocumentView> = [
    {
      title: d.kind,
      key: 'kind',
      render: (_, doc) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{d.kinds[doc.kind]}</Typography.Text>
          <Space size={4} wrap>
            <Typography.Text type="secondary" data-testid={`document-number-${doc.kind}`}>
              {doc.number}
            </Typography.Text>
            <Tag>{doc.addressedToPetitioner ? d.toPetitioner : d.internal}</Tag>
          </Space>
        </Flex>
      ),
    },
    { title: d.delivery, key: 'delivery', render: (_, doc) => deliveryText(doc) },
    { title: d.createdAt, key: 'createdAt', width: 150, render: (_, doc) => formatDateTime(doc.createdAt, locale) },
    {
      key: 'actions',
      width: 150,
      render: (_, doc) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<PrinterOutlined />}
            href={documentPrintUrl(doc.id)}
            target="_blank"
            rel="noopener"
            data-testid={`document-print-${doc.kind}`}
          >
            {d.print}
          </Button>
          <Button type="link" size="small" icon={<DownloadOutlined />} href={documentDocxUrl(doc.id)} download>
            {d.downloadDocx}
          </Button>
          {doc.delivery?.deliveredAt == null && (
            <Button
              type="link"
              size="small"
              icon={<SendOutlined />}
              onClick={() => {
                form.resetFields();
                setDelivering(doc);
              }}
              data-testid={`document-deliver-${doc.kind}`}
            >
              {d.recordDelivery}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const generatable = documents.data?.generatable ?? [];
  return (
    <Card
      size="small"
      title={d.title}
      data-testid="petition-documents"
      extra={
        generatable.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: generatable.map((kind) => ({ key: kind, label: d.kinds[kind] })),
              onClick: ({ key }) => generate(key as DocumentKind),
            }}
          >
            <Button size="small" icon={<FileAddOutlined />} loading={generating} data-testid="document-generate">
              {d.generate}
            </Button>
          </Dropdown>
        )
      }
    >
      {documents.error !== null && (
        <Alert type="error" showIcon title={errorText(t, documents.error, locale)} style={{ marginBottom: 12 }} />
      )}
      <DataTable<PetitionDocumentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={documents.data?.items ?? []}
        loading={documents.loading}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: d.empty }}
      />
      <FormModal<DeliveryValues>
        open={delivering !== null}
        title={
          delivering === null
            ? d.recordDelivery
            : `${d.recordDelivery} · ${d.kinds[delivering.kind]} ${delivering.number}`
        }
        form={form}
        fieldNames={DELIVERY_FIELDS}
        initialValues={{
          method: delivering?.delivery?.method ?? 'in_person',
          trackingNumber: delivering?.delivery?.trackingNumber ?? undefined,
        }}
        okTestId="document-delivery-submit"
        onCancel={() => setDelivering(null)}
        onSubmit={async (values) => {
          if (delivering === null) return;
          await recordDelivery(delivering.id, {
            method: values.method,
            ...(values.deliveredAt == null ? {} : { deliveredAt: values.deliveredAt.toISOString() }),
            ...(values.trackingNumber === undefined || values.trackingNumber.trim() === ''
              ? {}
              : { trackingNumber: values.trackingNumber.trim() }),
          });
          setDelivering(null);
          void message.success(t.common.saved);
          documents.reload();
        }}
      >
        <Form.Item name="method" label={d.deliveryMethod} rules={[{ required: true, message: t.common.required }]}>
          <Select
            options={DELIVERY_METHODS.map((value) => ({ value, label: t.petitions.deliveryMethods[value] }))}
            data-testid="document-delivery-method"
          />
        </Form.Item>
        <Form.Item name="deliveredAt" label={d.deliveredAt}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="trackingNumber"
          label={d.trackingNumber}
          rules={[{ required: method === 'post', message: t.common.required }]}
        >
          <Input maxLength={60} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
