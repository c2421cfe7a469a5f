import { useCallback, useEffect } from 'react';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import { listUnits } from '../../api/unit.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { NamedPersonProposals } from './NamedPersonProposals.tsx';

/** One 被反映人 as the registration form holds it; `accountLabel` only shows the confirmed account. */
export type NamedPersonValues = {
  name?: string;
  unitId?: string;
  position?: string;
  userId?: string;
  accountLabel?: string;
  /** The name as it was when the account was confirmed: a changed name is no longer confirmed. */
  confirmedName?: string;
  noAccount?: boolean;
};

/** The registration input of the form's named persons: what the officer typed and confirmed. */
export function namedPersonsInput(rows: readonly NamedPersonValues[] | undefined) {
  return (rows ?? []).map((row) => {
    const position = row.position?.trim() ?? '';
    return {
      name: (row.name ?? '').trim(),
      ...(row.unitId === undefined ? {} : { unitId: row.unitId }),
      ...(position === '' ? {} : { position }),
      ...(row.userId === undefined ? {} : { userId: row.userId }),
      ...(row.userId === undefined && row.noAccount === true ? { noAccount: true } : {}),
    };
  });
}

/** The account confirmed for one row, or the proposals to confirm one, or "no account". */
function Resolution({ index }: { index: number }) {
  const n = useT().namedPersons;
  const form = Form.useFormInstance();
  const row = Form.useWatch(['namedPersons', index], form) as NamedPersonValues | undefined;
  const path = (field: keyof NamedPersonValues) => ['namedPersons', index, field];
  const renamed = row?.userId !== undefined && (row.name ?? '').trim() !== row.confirmedName;
  useEffect(() => {
    if (!renamed) return;
    form.setFieldValue(['namedPersons', index, 'userId'], undefined);
    form.setFieldValue(['namedPersons', index, 'accountLabel'], undefined);
  }, [renamed, form, index]);
  if (row?.userId !== undefined && !renamed) {
    return (
      <Flex gap={8} align="center" wrap data-testid={`named-confirmed-${index}`}>
        <Tag color="green">{row.accountLabel}</Tag>
        <Button
          size="small"
          onClick={() => {
            form.setFieldValue(path('userId'), undefined);
            form.setFieldValue(path('accountLabel'), undefined);
          }}
        >
          {n.undo}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4}>
      {row?.noAccount !== true && (
        <NamedPersonProposals
          name={row?.name ?? ''}
          unitId={row?.unitId}
          position={row?.position}
          testId={`named-proposals-${index}`}
          onConfirm={(match) => {
            form.setFieldValue(path('confirmedName'), (row?.name ?? '').trim());
            form.setFieldValue(path('userId'), match.userId);
            form.setFieldValue(
              path('accountLabel'),
              format(n.confirmed, { name: match.displayName, unit: match.unitPathName }),
            );
          }}
        />
      )}
      <Flex gap={12} align="center" wrap>
        <Form.Item name={[index, 'noAccount']} valuePropName="checked" noStyle>
          <Checkbox data-testid={`named-no-account-${index}`}>{n.noAccount}</Checkbox>
        </Form.Item>
        {row?.noAccount !== true && <Typography.Text type="warning">{n.unresolvedHint}</Typography.Text>}
      </Flex>
    </Flex>
  );
}

/**
 * 被反映人 on the registration form: name, unit and position of each person the petition is about;
 * while the officer types, the server proposes accounts of the office's subtree to confirm (or the
 * officer marks "no account", or leaves the name unresolved — then every namesake is recused).
 * Prominent for 检举控告, available for every petition.
 */
export function NamedPersonsSection({ prominent }: { prominent: boolean }) {
  const t = useT();
  const n = t.namedPersons;
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  return (
    <Card
      size="small"
      title={n.title}
      style={{ marginBottom: 16, ...(prominent ? { borderColor: '#faad14' } : {}) }}
      data-testid="register-named-persons"
    >
      {prominent ? (
        <Alert type="warning" showIcon title={n.accusationHint} style={{ marginBottom: 12 }} />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {n.optionalHint}
        </Typography.Paragraph>
      )}
      <Form.List name="namedPersons">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <div key={field.key} data-testid={`register-named-${field.name}`} style={{ marginBottom: 12 }}>
                <Row gutter={8} align="top">
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={n.name}
                      rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 40 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input data-testid={`named-name-${field.name}`} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={8}>
                    <Form.Item name={[field.name, 'unitId']} label={n.unit} style={{ marginBottom: 8 }}>
                      <UnitTreeSelect units={units.data ?? []} allowClear />
                    </Form.Item>
                  </Col>
                  <Col xs={18} sm={10} md={6}>
                    <Form.Item
                      name={[field.name, 'position']}
                      label={n.position}
                      rules={[{ max: 60 }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Input data-testid={`named-position-${field.name}`} autoComplete="off" />
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={2} md={2}>
                    <Form.Item label={n.remove} style={{ marginBottom: 8 }}>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={n.remove} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={[field.name, 'userId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'accountLabel']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'confirmedName']} hidden>
                  <Input />
                </Form.Item>
                <Resolution index={field.name} />
              </div>
            ))}
            <Button
              type={prominent && fields.length === 0 ? 'primary' : 'dashed'}
              icon={<PlusOutlined />}
              onClick={() => add({})}
              data-testid="register-named-add"
            >
              {n.add}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
