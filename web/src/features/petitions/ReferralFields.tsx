import { Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { REFERRAL_CHANNELS, REFERRAL_REPLY_FORMS, REFERRAL_ROUTES } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';

/**
 * 上级转送/交办: the higher body, its 文号, how it sent the matter, the date it set for the report and
 * the form of report it requires (第22条), and how the petitioner went to it (a visit counts for 越级).
 * Fields live under `referral` in the registration form; shown for the channel 上级转送.
 */
export function ReferralFields() {
  const t = useT();
  const r = t.petitions.referral;
  const required = { required: true, message: t.common.required };
  const route = Form.useWatch<string | undefined>(['referral', 'route']);
  return (
    <Card size="small" title={r.title} style={{ marginBottom: 16 }} data-testid="register-referral">
      <Row gutter={16}>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={['referral', 'body']}
            label={r.body}
            rules={[{ ...required, whitespace: true }, { max: 100 }]}
          >
            <Input placeholder={r.bodyPlaceholder} data-testid="referral-body" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} md={6}>
          <Form.Item
            name={['referral', 'documentNumber']}
            label={r.documentNumber}
            rules={[{ ...required, whitespace: true }, { max: 60 }]}
          >
            <Input placeholder={r.documentNumberPlaceholder} data-testid="referral-number" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Form.Item name={['referral', 'route']} label={r.route} rules={[required]}>
            <Select
              options={REFERRAL_ROUTES.map((value) => ({ value, label: r.routes[value] ?? value }))}
              data-testid="referral-route"
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Form.Item
            name={['referral', 'dueDate']}
            label={r.dueDate}
            tooltip={r.dueDateHint}
            rules={route === 'assign' ? [required] : []}
          >
            <DatePicker style={{ width: '100%' }} data-testid="referral-due" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={4}>
          <Form.Item name={['referral', 'replyForm']} label={r.replyForm} rules={[required]}>
            <Select
              options={REFERRAL_REPLY_FORMS.map((value) => ({ value, label: r.replyForms[value] ?? value }))}
              data-testid="referral-form"
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} md={6}>
          <Form.Item name={['referral', 'petitionerChannel']} label={r.petitionerChannel}>
            <Select
              allowClear
              options={REFERRAL_CHANNELS.map((value) => ({ value, label: t.petitions.channels[value] }))}
              data-testid="referral-channel"
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
