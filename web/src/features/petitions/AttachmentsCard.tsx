import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Upload, type TableColumnsType, type UploadProps } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentListView,
  type AttachmentView,
} from '../../../../common/schemas/petition.ts';
import { attachmentUrl, listAttachments, uploadAttachment } from '../../api/petition.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,.txt,.csv,.md';
const KIB = 1024;

function formatSize(bytes: number): string {
  if (bytes < KIB) return `${bytes} B`;
  if (bytes < KIB * KIB) return `${(bytes / KIB).toFixed(1)} KB`;
  return `${(bytes / KIB / KIB).toFixed(1)} MB`;
}

/** 附件: the files of a case as download links; those who may add notes may upload one more. */
export function AttachmentsCard({
  petitionId,
  canUpload,
  initial,
}: {
  petitionId: string;
  canUpload: boolean;
  /** The attachments as the case page's one request brought them. */
  initial?: AttachmentListView | undefined;
}) {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => listAttachments(petitionId), [petitionId]);
  const attachments = useLoader(load, initial);
  const [uploading, setUploading] = useState(false);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    setUploading(true);
    uploadAttachment(petitionId, file, file.name).then(
      (uploaded) => {
        setUploading(false);
        onSuccess?.(uploaded);
        void message.success(format(w.uploaded, { name: uploaded.fileName }));
        attachments.reload();
      },
      (caught: unknown) => {
        setUploading(false);
        onError?.(caught instanceof Error ? caught : new Error(String(caught)));
        void message.error(errorText(t, caught, locale));
      },
    );
  };

  const columns: TableColumnsType<AttachmentView> = [
    {
      title: w.fileName,
      key: 'fileName',
      render: (_, row) => (
        <a href={attachmentUrl(petitionId, row.id)} download={row.fileName} data-testid={`attachment-${row.id}`}>
          <PaperClipOutlined /> {row.fileName}
        </a>
      ),
    },
    { title: w.fileSize, key: 'size', width: 100, render: (_, row) => formatSize(row.size) },
    { title: w.uploadedAt, key: 'createdAt', width: 170, render: (_, row) => formatDateTime(row.createdAt, locale) },
  ];

  return (
    <Card
      size="small"
      title={w.attachments}
      extra={
        canUpload && (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            customRequest={customRequest}
            beforeUpload={(file) => {
              if (file.size <= ATTACHMENT_MAX_BYTES) return true;
              void message.error(w.fileTooLarge);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
              {w.upload}
            </Button>
          </Upload>
        )
      }
      data-testid="petition-attachments"
    >
      {attachments.error !== null && (
        <Alert type="error" showIcon title={errorText(t, attachments.error, locale)} style={{ marginBottom: 12 }} />
      )}
      <DataTable<AttachmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={attachments.data?.items ?? []}
        loading={attachments.loading}
        pagination={false}
        scroll={{ x: 420 }}
        locale={{ emptyText: w.attachmentsEmpty }}
      />
    </Card>
  );
}
