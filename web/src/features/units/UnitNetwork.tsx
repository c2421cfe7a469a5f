import { useCallback, useState } from 'react';
import { Button, Descriptions, Form, Input, Select, Typography } from 'antd';
import type { UnitNetworkView } from '../../../../common/schemas/unit.ts';
import { getUnitNetwork, setUnitNetwork } from '../../api/unit.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';

type Values = {
  leaderUserId?: string | null;
  infoOfficerUserId?: string | null;
  infoOfficerName?: string;
  infoOfficerPhone?: string;
};

/**
 * 三级网络 of one unit: its heads (区队长/班组长, the unit_head accounts), its 包联领导 and its 信息员 (an
 * account or a named contact with a phone); whoever manages units sets the last two.
 */
export function UnitNetwork({ unitId }: { unitId: string }) {
  const t = useT();
  const n = t.units.network;
  const load = useCallback(() => getUnitNetwork(unitId), [unitId]);
  const network = useLoader(load);
  const [shown, setShown] = useState<UnitNetworkView | null>(null);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const view = shown?.unitId === unitId ? shown : network.data;
  if (view === undefined) return null;
  const officer = view.infoOfficer;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {n.title}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }} data-testid="unit-network">
        <Descriptions.Item label={n.heads}>
          {view.heads.length === 0 ? n.none : view.heads.map((h) => h.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={n.leader}>
          <span data-testid="unit-network-leader">{view.leader?.name ?? n.none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={n.infoOfficer}>
          <span data-testid="unit-network-officer">
            {officer === null ? n.none : `${officer.name}${officer.phone === null ? '' : ` ${officer.phone}`}`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {view.canManage && (
        <Button style={{ marginTop: 8 }} onClick={() => setEditing(true)} data-testid="unit-network-edit">
          {n.edit}
        </Button>
      )}
      <FormModal<Values>
        open={editing}
        title={n.edit}
        form={form}
        fieldNames={['leaderUserId', 'infoOfficerUserId', 'infoOfficerName', 'infoOfficerPhone']}
        initialValues={{
          leaderUserId: view.leader?.id ?? null,
          infoOfficerUserId: officer?.userId ?? null,
          infoOfficerName: officer?.userId === null ? officer.name : '',
          infoOfficerPhone: officer?.phone ?? '',
        }}
        okTestId="unit-network-save"
        onCancel={() => setEditing(false)}
        onSubmit={async (values) => {
          const name = values.infoOfficerName?.trim() ?? '';
          const phone = values.infoOfficerPhone?.trim() ?? '';
          const account = values.infoOfficerUserId ?? null;
          setShown(
            await setUnitNetwork(unitId, {
              leaderUserId: values.leaderUserId ?? null,
              infoOfficerUserId: account,
              infoOfficerName: account === null && name !== '' ? name : null,
              infoOfficerPhone: account === null && phone !== '' ? phone : null,
            }),
          );
          setEditing(false);
        }}
      >
        <Form.Item name="leaderUserId" label={n.leader}>
          <Select
            allowClear
            options={view.candidates.leaders.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="unit-network-leader-select"
          />
        </Form.Item>
        <Form.Item name="infoOfficerUserId" label={n.infoOfficerAccount}>
          <Select allowClear options={view.candidates.infoOfficers.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="infoOfficerName" label={n.infoOfficerName}>
          <Input maxLength={40} data-testid="unit-network-officer-name" />
        </Form.Item>
        <Form.Item name="infoOfficerPhone" label={n.infoOfficerPhone}>
          <Input maxLength={20} data-testid="unit-network-officer-phone" />
        </Form.Item>
      </FormModal>
    </>
  );
}
