import { Button, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { IdNumberSchema, PhoneSchema } from '../../../../common/domain/identity.ts';
import { PETITIONER_IDENTITIES } from '../../../../common/schemas/petition.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { schemaRule } from '../../components/form-rules.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { focusSoon } from '../../components/focus-soon.ts';

/**
 * The petitioners of a real-name petition: name, ID number, phone, identity, the unit they work in
 * (from it the server decides 越级, 第20条第1款) and whether they represent a group.
 */
export function PetitionerFields({ units }: { units: readonly UnitView[] }) {
  const t = useT();
  const p = t.petitions;
  return (
    <Form.List name="petitioners">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" data-testid="register-petitioner">
              <Col xs={24} sm={12} md={4}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={p.name}
                  rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 40 }]}
                >
                  <Input data-testid={`register-petitioner-name-${field.name}`} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={5}>
                <Form.Item
                  name={[field.name, 'idNumber']}
                  label={p.idNumber}
                  rules={[schemaRule(IdNumberSchema, p.idNumberInvalid)]}
                >
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={4}>
                <Form.Item
                  name={[field.name, 'phone']}
                  label={p.phone}
                  rules={[schemaRule(PhoneSchema, p.phoneInvalid)]}
                >
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={3}>
                <Form.Item
                  name={[field.name, 'identity']}
                  label={p.identity}
                  rules={[{ required: true, message: t.common.required }]}
                >
                  <Select
                    options={PETITIONER_IDENTITIES.map((identity) => ({
                      value: identity,
                      label: p.identities[identity],
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={4}>
                <Form.Item name={[field.name, 'unitId']} label={p.petitionerUnit}>
                  <UnitTreeSelect units={units} activeOnly allowClear />
                </Form.Item>
              </Col>
              <Col xs={18} sm={8} md={2}>
                <Form.Item name={[field.name, 'isRepresentative']} label={p.representative} valuePropName="checked">
                  <Checkbox />
                </Form.Item>
              </Col>
              <Col xs={6} sm={4} md={2}>
                <Form.Item label={t.common.actions}>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length === 1}
                    aria-label={t.common.actions}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              add({ identity: 'employee', isRepresentative: false });
              // Keyboard-first: the new row's name takes the focus (a group's representatives, one after another).
              focusSoon(`register-petitioner-name-${fields.length}`);
            }}
            data-testid="register-add-petitioner"
            style={{ marginBottom: 16 }}
          >
            {p.addPetitioner}
          </Button>
        </>
      )}
    </Form.List>
  );
}
