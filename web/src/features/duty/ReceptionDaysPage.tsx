import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Table, Tag, TimePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReceptionDayView } from '../../../../common/schemas/duty.ts';
import { cancelReceptionDay, listReceptionDays, publishReceptionDay } from '../../api/duty.ts';
import { listUnits } from '../../api/unit.ts';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';

type Values = {
  unitId: string;
  leaderId: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  place: string;
  topic: string;
};

const loadUnits = () => listUnits(false);

/** duty.receptionDaysHeld's own filter: held (not cancelled, its day come). */
const RECEPTION_FILTERS = ['held'] as const;

/**
 * 领导接待日 (《信访工作条例》第13条): the published schedule of the units in my scope — leader, date,
 * time, place, topic — with the visits each day received; the office publishes and cancels days.
 * The portal shows the days ahead.
 */
export function ReceptionDaysPage() {
  const t = useT();
  const r = t.duty.reception;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [filter, setFilter] = useRecordFilter(RECEPTION_FILTERS);
  const load = useCallback(() => listReceptionDays(filter), [filter]);
  const list = useLoader(load);
  const units = useLoader(loadUnits);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const columns: TableColumnsType<ReceptionDayView> = [
    { title: r.date, dataIndex: 'date', key: 'date', width: 110 },
    { title: r.time, key: 'time', width: 120, render: (_, row) => `${row.startTime}–${row.endTime}` },
    { title: t.duty.unit, key: 'unit', render: (_, row) => row.unit.name },
    { title: r.caseLeader, key: 'leader', render: (_, row) => row.leader.name },
    { title: r.place, dataIndex: 'place', key: 'place', responsive: ['md'] },
    { title: r.topic, dataIndex: 'topic', key: 'topic' },
    { title: r.visits, dataIndex: 'visits', key: 'visits', width: 90, responsive: ['md'] },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, row) =>
        row.cancelled ? (
          <Tag>{r.cancelled}</Tag>
        ) : (
          list.data?.mayManage === true && (
            <Button
              size="small"
              danger
              onClick={() =>
                void cancelReceptionDay(row.id).then(
                  () => list.reload(),
                  (caught: unknown) => void message.error(errorText(t, caught, locale)),
                )
              }
            >
              {r.cancel}
            </Button>
          )
        ),
    },
  ];

  return (
    <Card
      title={r.title}
      extra={
        list.data?.mayManage === true && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="reception-publish">
            {r.publish}
          </Button>
        )
      }
    >
      {list.error !== null && <Alert type="error" title={errorText(t, list.error, locale)} />}
      <RecordFilters filter={filter} onChange={setFilter} extra={RECEPTION_FILTERS} />
      <Table<ReceptionDayView>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: r.empty }}
        scroll={{ x: true }}
      />
      <FormModal<Values>
        open={open}
        title={r.publish}
        form={form}
        fieldNames={['unitId', 'leaderId', 'date', 'time', 'place', 'topic']}
        onCancel={() => setOpen(false)}
        onSubmit={async (values) => {
          await publishReceptionDay({
            unitId: values.unitId,
            leaderId: values.leaderId,
            date: values.date.format('YYYY-MM-DD'),
            startTime: values.time[0].format('HH:mm'),
            endTime: values.time[1].format('HH:mm'),
            place: values.place.trim(),
            topic: values.topic.trim(),
          });
          setOpen(false);
          list.reload();
          void message.success(r.published);
        }}
      >
        <Form.Item name="unitId" label={t.duty.unit} rules={[{ required: true }]}>
          <UnitTreeSelect units={units.data ?? []} activeOnly />
        </Form.Item>
        <Form.Item name="leaderId" label={r.caseLeader} rules={[{ required: true }]}>
          <Select options={list.data?.candidates.leaders.map((p) => ({ value: p.id, label: p.name })) ?? []} />
        </Form.Item>
        <Form.Item name="date" label={r.date} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="time" label={r.time} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={15} />
        </Form.Item>
        <Form.Item name="place" label={r.place} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="topic" label={r.topic} rules={[{ required: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
