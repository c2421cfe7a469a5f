import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { PETITION_TYPES } from '../../../../common/domain/deadlines.ts';
import { format } from '../../../../common/i18n/index.ts';
import { BODY_MAX, PURPOSES, TITLE_MAX } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { CategoryPicker } from '../categories/CategoryPicker.tsx';

/**
 * The matter of a new petition as intake records it — type, purpose, category, skip-level, title and
 * text — for a visit or a call that becomes a petition (the registration form keeps its own layout).
 * Form.Items named `type`, `purpose`, `categoryCode`, `skipLevel`, `title`, `body`.
 */
export function MatterFields({ testIdPrefix }: { testIdPrefix: string }) {
  const t = useT();
  const p = t.petitions;
  const required = { required: true, message: t.common.required };
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="type" label={p.type} rules={[required]}>
            <Select options={PETITION_TYPES.map((value) => ({ value, label: p.types[value] }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="purpose" label={p.purpose} rules={[required]}>
            <Select options={PURPOSES.map((value) => ({ value, label: p.purposes[value] }))} />
          </Form.Item>
        </Col>
        <Col xs={16} md={8}>
          <Form.Item name="categoryCode" label={p.categoryCode}>
            <CategoryPicker data-testid={`${testIdPrefix}-category`} />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name="skipLevel" label={p.skipLevel} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="title"
        label={p.caseTitle}
        rules={[
          { ...required, whitespace: true },
          { min: 2, max: TITLE_MAX, message: format(p.titleRule, { max: TITLE_MAX }) },
        ]}
      >
        <Input maxLength={TITLE_MAX} showCount data-testid={`${testIdPrefix}-title`} />
      </Form.Item>
      <Form.Item
        name="body"
        label={p.body}
        rules={[
          { ...required, whitespace: true },
          { min: 5, message: p.bodyRule },
          { max: BODY_MAX, message: format(t.form.maxLength, { max: BODY_MAX }) },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid={`${testIdPrefix}-body`} />
      </Form.Item>
    </>
  );
}
