import type { ReactNode } from 'react';
import { Button, Col, Form, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import { focusSoon } from '../../components/focus-soon.ts';
import { useT } from '../../i18n/locale-context.ts';

/** One cell of a row: its field, label, widths (phone / desk) and the input; the first is focused on add. */
export type RowCell = {
  name: string;
  label: string;
  xs: number;
  sm: number;
  rules?: Rule[];
  /** `checked` for a checkbox. */
  valuePropName?: string;
  input: (testId: string | undefined) => ReactNode;
};

/**
 * A list of small rows in the visit form (随行人员, 接收材料): a title, the rows with a remove button
 * each, and an add button that focuses the new row's first field, up to `max` rows.
 */
export function RowListFields({
  name,
  title,
  cells,
  max,
  blank,
  addLabel,
  removeWidth,
  testId,
}: {
  name: string;
  title: string;
  cells: readonly RowCell[];
  max: number;
  blank: Record<string, unknown>;
  addLabel: string;
  /** The remove button's column, filling the row's last line on a phone and a desk. */
  removeWidth: { xs: number; sm: number };
  /** `visit-companion` → visit-companion-name-0 (the first cell's input) and visit-add-companion. */
  testId: { row: string; add: string };
}) {
  const v = useT().intake.visit;
  const first = cells[0]?.name;
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{title}</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top">
              {cells.map((cell) => (
                <Col key={cell.name} xs={cell.xs} sm={cell.sm}>
                  <Form.Item
                    name={[field.name, cell.name]}
                    label={cell.label}
                    {...(cell.rules === undefined ? {} : { rules: cell.rules })}
                    {...(cell.valuePropName === undefined ? {} : { valuePropName: cell.valuePropName })}
                  >
                    {cell.input(cell.name === first ? `${testId.row}-${first}-${field.name}` : undefined)}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={removeWidth.xs} sm={removeWidth.sm}>
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
              disabled={fields.length >= max}
              onClick={() => {
                add(blank);
                focusSoon(`${testId.row}-${first ?? ''}-${fields.length}`);
              }}
              data-testid={testId.add}
            >
              {addLabel}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
