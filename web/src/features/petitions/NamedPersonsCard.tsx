import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import type { NamedPersonView, PetitionDetailView } from '../../../../common/schemas/petition.ts';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { act } from '../../api/petition.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { NamedPersonProposals } from './NamedPersonProposals.tsx';

type Props = {
  petition: PetitionDetailView;
  units: readonly UnitView[];
  onChanged: (next: PetitionDetailView) => void;
};

type EditValues = { name: string; unitId?: string; position?: string };

const RESOLUTION_COLOR = { unresolved: 'orange', account: 'green', no_account: 'default' } as const;

/**
 * 被反映人 on the case page, for the office (the only viewers the server sends them to): each person
 * with how the name stands — unresolved (every namesake kept off the case), the confirmed account,
 * or no account — the proposals to confirm, and adding or correcting a person later. Every change is
 * a step of the case (nameAccused, resolveNamedPerson), audited.
 */
export function NamedPersonsCard({ petition, units, onChanged }: Props) {
  const t = useT();
  const n = t.namedPersons;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [editing, setEditing] = useState<NamedPersonView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const canName = petition.actions.includes('nameAccused');
  const canResolve = petition.actions.includes('resolveNamedPerson');
  if (!canName && petition.namedPersons.length === 0) return null;

  const run = async (verbPath: string, body: object, done: string) => {
    setBusy(true);
    try {
      onChanged(await act(petition.id, verbPath, body, petition.version));
      void message.success(done);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(false);
    }
  };

  const save = async (values: EditValues) => {
    const position = values.position?.trim() ?? '';
    const next = await act(
      petition.id,
      'name-accused',
      {
        ...(editing !== null && editing !== 'new' ? { namedPersonId: editing.id } : {}),
        name: values.name.trim(),
        ...(values.unitId === undefined ? {} : { unitId: values.unitId }),
        ...(position === '' ? {} : { position }),
      },
      petition.version,
    );
    setEditing(null);
    onChanged(next);
    void message.success(n.saved);
  };

  const open = (target: NamedPersonView | 'new') => {
    form.resetFields();
    if (target !== 'new')
      form.setFieldsValue({
        name: target.name,
        ...(target.unitId === null ? {} : { unitId: target.unitId }),
        ...(target.position === null ? {} : { position: target.position }),
      });
    setEditing(target);
  };

  return (
    <Card
      size="small"
      title={n.title}
      data-testid="named-persons-card"
      extra={
        canName && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="named-add">
            {n.add}
          </Button>
        )
      }
    >
      {petition.namedPersons.length === 0 ? (
        <Typography.Text type="secondary">{n.cardEmpty}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {petition.namedPersons.map((person) => (
            <Flex key={person.id} vertical gap={4} data-testid="named-person">
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{person.name}</Typography.Text>
                {person.position !== null && <Typography.Text>{person.position}</Typography.Text>}
                {person.unitName !== null && <Typography.Text type="secondary">{person.unitName}</Typography.Text>}
                <Tag color={RESOLUTION_COLOR[person.resolution]} data-testid="named-resolution">
                  {n.resolution[person.resolution]}
                </Tag>
                {canName && (
                  <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(person)}>
                    {n.correct}
                  </Button>
                )}
              </Flex>
              {person.account !== null && (
                <Typography.Text type="success">
                  {format(n.confirmed, { name: person.account.displayName, unit: person.account.unitPathName })}
                </Typography.Text>
              )}
              {person.resolution === 'unresolved' && canResolve && (
                <Flex vertical gap={4}>
                  <NamedPersonProposals
                    name={person.name}
                    unitId={person.unitId ?? undefined}
                    position={person.position ?? undefined}
                    busy={busy}
                    onConfirm={(match) =>
                      void run('resolve-named-person', { namedPersonId: person.id, userId: match.userId }, n.resolved)
                    }
                  />
                  <Popconfirm
                    title={n.confirmNoAccount}
                    onConfirm={() =>
                      void run('resolve-named-person', { namedPersonId: person.id, noAccount: true }, n.resolved)
                    }
                  >
                    <Button size="small" disabled={busy} style={{ alignSelf: 'flex-start' }}>
                      {n.noAccount}
                    </Button>
                  </Popconfirm>
                </Flex>
              )}
            </Flex>
          ))}
        </Flex>
      )}
      <FormModal<EditValues>
        open={editing !== null}
        title={editing === 'new' ? n.addTitle : n.correctTitle}
        form={form}
        fieldNames={['name', 'unitId', 'position']}
        okText={n.save}
        okTestId="named-save"
        onCancel={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={n.name}
          rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 40 }]}
        >
          <Input data-testid="named-edit-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={n.unit}>
          <UnitTreeSelect units={units} allowClear />
        </Form.Item>
        <Form.Item name="position" label={n.position} rules={[{ max: 60 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
