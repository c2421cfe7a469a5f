import { Button, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPANIONS_MAX } from '../../../../common/schemas/visit-record.ts';
import { focusSoon } from '../../components/focus-soon.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 随行人员: who came along (name, relation, representative of a group); the list `companions`. */
export function CompanionFields() {
  const t = useT();
  const v = t.intake.visit;
  return (
    <Form.List name="companions">
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{v.companions}</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              <Col xs={24} sm={9}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={v.companionName}
                  rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 40 }]}
                >
                  <Input data-testid={`visit-companion-name-${field.name}`} />
                </Form.Item>
              </Col>
              <Col xs={14} sm={8}>
                <Form.Item name={[field.name, 'relation']} label={v.relation} rules={[{ max: 40 }]}>
                  <Input placeholder={v.relationPlaceholder} />
                </Form.Item>
              </Col>
              <Col xs={6} sm={4}>
                <Form.Item name={[field.name, 'isRepresentative']} label={v.representative} valuePropName="checked">
                  <Checkbox />
                </Form.Item>
              </Col>
              <Col xs={4} sm={3}>
                <Form.Item label={v.remove}>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={v.remove} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <div style={{ margin: '4px 0 16px' }}>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= COMPANIONS_MAX}
              onClick={() => {
                add({ isRepresentative: false });
                focusSoon(`visit-companion-name-${fields.length}`);
              }}
              data-testid="visit-add-companion"
            >
              {v.addCompanion}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
