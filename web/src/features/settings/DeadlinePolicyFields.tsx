import { Col, Flex, Form, Row, Switch, Tag } from 'antd';
import type { DeadlineDayField } from '../../../../common/domain/deadlines.ts';
import { useT } from '../../i18n/locale-context.ts';
import { countsWorkingDays, DEADLINE_DAY_FIELDS, daySchemaOf } from './deadline-policy-form.ts';
import { IntegerField } from './IntegerField.tsx';

/** A limit's name with the article of 《信访工作条例》 it applies beside it. */
function FieldLabel({ field }: { field: DeadlineDayField }) {
  const t = useT();
  const labels = t.settings.deadlines.fields[field];
  return (
    <Flex gap={6} align="center" wrap>
      <span>{labels.label}</span>
      <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
        {labels.article}
      </Tag>
    </Flex>
  );
}

/** Every time limit of DeadlinePolicySchema, the internal target as a switch and a number, and the holiday roll. */
export function DeadlinePolicyFields() {
  const t = useT();
  const d = t.settings.deadlines;
  const form = Form.useFormInstance();
  const otherTypesOn: unknown = Form.useWatch('otherTypesOn', form);
  return (
    <Row gutter={16}>
      {DEADLINE_DAY_FIELDS.map((field) => {
        const suffix = countsWorkingDays(field) ? d.workingDays : d.days;
        if (field === 'otherTypesConclusionDays') {
          return (
            <Col key={field} xs={24} md={12} xl={8}>
              <Form.Item label={<FieldLabel field={field} />} required={otherTypesOn === true}>
                <Flex gap={8} align="start" wrap>
                  <Form.Item name="otherTypesOn" valuePropName="checked" noStyle>
                    <Switch
                      checkedChildren={d.otherTypesOn}
                      unCheckedChildren={d.none}
                      data-testid="setting-field-otherTypesOn"
                    />
                  </Form.Item>
                  {otherTypesOn === true && (
                    <IntegerField
                      name={['value', field]}
                      label={null}
                      schema={daySchemaOf(field)}
                      suffix={suffix}
                      testId={`setting-field-${field}`}
                      noStyle
                    />
                  )}
                </Flex>
              </Form.Item>
            </Col>
          );
        }
        return (
          <Col key={field} xs={24} md={12} xl={8}>
            <IntegerField
              name={['value', field]}
              label={<FieldLabel field={field} />}
              schema={daySchemaOf(field)}
              suffix={suffix}
              testId={`setting-field-${field}`}
            />
          </Col>
        );
      })}
      <Col xs={24}>
        <Form.Item
          name={['value', 'rollOffHolidays']}
          valuePropName="checked"
          label={
            <Flex gap={6} align="center" wrap>
              <span>{d.rollOffHolidays}</span>
              <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
                {d.rollOffArticle}
              </Tag>
            </Flex>
          }
        >
          <Switch
            checkedChildren={t.common.yes}
            unCheckedChildren={t.common.no}
            data-testid="setting-field-rollOffHolidays"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
