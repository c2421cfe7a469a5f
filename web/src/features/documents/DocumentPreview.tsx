import { Typography } from 'antd';
import type { DocumentContent } from '../../../../common/domain/documents.ts';

/** A small on-screen rendering of a document in the order of the printed page (GB/T 9704). */
export function DocumentPreview({ content }: { content: DocumentContent }) {
  return (
    <div
      style={{
        fontFamily: '"FangSong", "仿宋", serif',
        lineHeight: 1.9,
        padding: '8px 12px',
        background: '#fff',
        border: '1px solid #eee',
      }}
      data-testid="document-preview"
    >
      <div style={{ textAlign: 'center', color: '#c00', fontSize: 18 }}>{content.issuingUnit || '　'}</div>
      <div style={{ textAlign: 'center' }}>{content.number}</div>
      <div style={{ borderTop: '2px solid #c00', margin: '4px 0 12px' }} />
      <Typography.Title level={5} style={{ textAlign: 'center', fontWeight: 'normal' }}>
        {content.title}
      </Typography.Title>
      {content.addressee !== '' && <div>{content.addressee}：</div>}
      {content.paragraphs.map((paragraph, i) => (
        <p key={i} style={{ textIndent: '2em', margin: 0 }}>
          {paragraph}
        </p>
      ))}
      <div style={{ textAlign: 'right', marginTop: 16 }}>{content.issuingUnit}</div>
      <div style={{ textAlign: 'right' }}>{content.issueDate}</div>
    </div>
  );
}
