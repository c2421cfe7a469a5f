import { Form, Input, Select } from 'antd';
import { KNOWLEDGE_KINDS, type KnowledgeKind } from '../../../../common/schemas/knowledge.ts';
import { useT } from '../../i18n/locale-context.ts';

export type DocumentValues = {
  kind: KnowledgeKind;
  title: string;
  issuer?: string | undefined;
  documentNumber?: string | undefined;
  summary?: string | undefined;
};
export const DOCUMENT_FIELDS = ['kind', 'title', 'issuer', 'documentNumber', 'summary'] as const;

/** The fields of a knowledge document: kind, title, issuer, 文号, notes. */
export function DocumentFormFields() {
  const t = useT();
  const k = t.knowledge;
  return (
    <>
      <Form.Item name="kind" label={k.kind} rules={[{ required: true, message: t.common.required }]}>
        <Select options={KNOWLEDGE_KINDS.map((value) => ({ value, label: k.kinds[value] }))} />
      </Form.Item>
      <Form.Item
        name="title"
        label={k.documentTitle}
        rules={[{ required: true, whitespace: true, message: t.common.required }]}
      >
        <Input maxLength={100} data-testid="knowledge-document-title" />
      </Form.Item>
      <Form.Item name="issuer" label={k.issuer}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="documentNumber" label={k.documentNumber}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="summary" label={k.summary}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
