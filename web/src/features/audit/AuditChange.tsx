import { Col, Row, Typography } from 'antd';
import { useT } from '../../i18n/locale-context.ts';

function pretty(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** The recorded state before and after one change, side by side (stacked on a phone). */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} md={12}>
        <Typography.Text type="secondary">{t.audit.before}</Typography.Text>
        <pre className="xf-json">{pretty(before)}</pre>
      </Col>
      <Col xs={24} md={12}>
        <Typography.Text type="secondary">{t.audit.after}</Typography.Text>
        <pre className="xf-json">{pretty(after)}</pre>
      </Col>
    </Row>
  );
}
