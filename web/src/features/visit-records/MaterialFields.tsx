import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { MATERIALS_MAX } from '../../../../common/schemas/visit-record.ts';
import { focusSoon } from '../../components/focus-soon.ts';
import { useT } from '../../i18n/locale-context.ts';

/** 接收材料: what the visitor handed over (item, copies, original or copy); the list `materials`. */
export function MaterialFields() {
  const t = useT();
  const v = t.intake.visit;
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{v.materials}</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              <Col xs={24} sm={12}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={v.materialName}
                  rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 100 }]}
                >
                  <Input data-testid={`visit-material-name-${field.name}`} />
                </Form.Item>
              </Col>
              <Col xs={10} sm={5}>
                <Form.Item
                  name={[field.name, 'copies']}
                  label={v.copies}
                  rules={[{ required: true, message: t.common.required }]}
                >
                  <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={8} sm={4}>
                <Form.Item name={[field.name, 'original']} label={v.original} valuePropName="checked">
                  <Checkbox />
                </Form.Item>
              </Col>
              <Col xs={6} sm={3}>
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
              disabled={fields.length >= MATERIALS_MAX}
              onClick={() => {
                add({ copies: 1, original: false });
                focusSoon(`visit-material-name-${fields.length}`);
              }}
              data-testid="visit-add-material"
            >
              {v.addMaterial}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
