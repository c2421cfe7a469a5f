/**
 * What the office does with an item of a daily report on the morning view: register it as a petition
 * (the registration form, pre-filled with what the unit reported) or enter it in the hazard ledger
 * (排查台账) at the reporting unit. Each happens once; the item then links to its case or hazard.
 */
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { MorningView } from '../../../../common/schemas/daily-report.ts';
import { HAZARD_RISK_LEVELS } from '../../../../common/domain/screening.ts';
import { itemToHazard, itemToPetition } from '../../api/daily-report.ts';
import { hazardPath, petitionPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';
import { RegisterPetitionForm } from '../petitions/RegisterPetitionForm.tsx';

type Item = MorningView['items'][number];
/** Nested as the request is (`hazard.title` …), so the server's field issues land on their fields. */
type HazardValues = {
  hazard: { title: string; location: string; workersInvolved: number; riskLevel: (typeof HAZARD_RISK_LEVELS)[number] };
};

export function ItemActions({ item, onChanged }: { item: Item; onChanged: () => void }) {
  const t = useT();
  const r = t.report;
  const h = t.prevention.hazard;
  const { message } = App.useApp();
  const mayKeepHazards = useReach('hazard.manage') !== 'none';
  const [registering, setRegistering] = useState(false);
  const [entering, setEntering] = useState(false);
  const [form] = Form.useForm<HazardValues>();
  const text = item.text ?? '';
  return (
    <Space size={8} wrap>
      {item.petition !== null ? (
        <Link to={petitionPath(item.petition.id)}>
          {format(r.petitionLinked, { caseNumber: item.petition.caseNumber })}
        </Link>
      ) : (
        item.actions.includes('petition') && (
          <Button size="small" onClick={() => setRegistering(true)} data-testid={`morning-item-petition-${item.id}`}>
            {r.toPetition}
          </Button>
        )
      )}
      {item.hazardId !== null ? (
        <Link to={hazardPath(item.hazardId)}>{r.hazardLinked}</Link>
      ) : (
        item.kind === 'hazard' &&
        item.text !== null &&
        mayKeepHazards && (
          <Button size="small" onClick={() => setEntering(true)} data-testid={`morning-item-hazard-${item.id}`}>
            {r.toHazard}
          </Button>
        )
      )}
      <Modal
        open={registering}
        title={r.toPetition}
        footer={null}
        width={880}
        destroyOnHidden
        onCancel={() => setRegistering(false)}
      >
        <RegisterPetitionForm
          prefill={{ title: text.slice(0, 30), body: text, headcount: Math.max(1, item.headcount) }}
          submit={async (input) => {
            const answer = await itemToPetition(item.id, { petition: input });
            setRegistering(false);
            void message.success(format(r.petitionLinked, { caseNumber: answer.receipt.caseNumber }));
            onChanged();
          }}
        />
      </Modal>
      <FormModal<HazardValues>
        open={entering}
        title={r.toHazard}
        form={form}
        fieldNames={[
          ['hazard', 'title'],
          ['hazard', 'location'],
          ['hazard', 'workersInvolved'],
          ['hazard', 'riskLevel'],
        ]}
        initialValues={{
          hazard: {
            title: text.slice(0, 200),
            location: item.unitName,
            workersInvolved: item.headcount,
            riskLevel: 'medium',
          },
        }}
        okTestId="morning-hazard-save"
        onCancel={() => setEntering(false)}
        onSubmit={async (values) => {
          await itemToHazard(item.id, values);
          setEntering(false);
          onChanged();
        }}
      >
        <Form.Item
          name={['hazard', 'title']}
          label={h.title}
          rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name={['hazard', 'location']}
          label={h.location}
          rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name={['hazard', 'workersInvolved']}
          label={h.workersInvolved}
          rules={[{ required: true, message: t.common.required }]}
        >
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['hazard', 'riskLevel']}
          label={h.riskLevel}
          rules={[{ required: true, message: t.common.required }]}
        >
          <Select
            options={HAZARD_RISK_LEVELS.map((level) => ({ value: level, label: t.prevention.riskLevels[level] }))}
          />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
