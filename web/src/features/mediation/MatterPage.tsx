import { useCallback, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, FileWordOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import {
  OBLIGATION_PARTIES,
  type MatterView,
  type ObligationParty,
  type ObligationView,
} from '../../../../common/schemas/mediation.ts';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import {
  agreementDocxUrl,
  agreementPrintUrl,
  closeMatter,
  fulfilObligation,
  getMatter,
  linkPetitions,
  recordAgreement,
  recordMeeting,
} from '../../api/mediation.ts';
import { listPetitions } from '../../api/petition.ts';
import { MEDIATION_PATH, petitionPath } from '../../app/paths.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';

type MeetingValues = { heldAt: Dayjs; place: string; parties: string; minutes: string };
type AgreementValues = {
  text: string;
  signedOn: Dayjs;
  obligations: { party: ObligationParty; description: string; dueOn: Dayjs }[];
};
type FulfilValues = { fulfilledOn: Dayjs; evidence: string };
type Dialog = 'meeting' | 'agreement' | ObligationView | null;

const DAY = 'YYYY-MM-DD';

/**
 * One 企地联调 matter (人民调解法第28–33条): the petitions linked (from a search of the list), the
 * meetings with minutes and parties, the agreement with each side's obligations (print, .docx),
 * fulfilment with evidence, and closing — refused while an obligation is open.
 */
export function MatterPage() {
  const { id = '' } = useParams();
  const t = useT();
  const m = t.mediation;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => getMatter(id), [id]);
  const loaded = useLoader(load);
  const [replaced, setReplaced] = useState<MatterView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PetitionSummaryView[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [searching, setSearching] = useState(false);
  const [meetingForm] = Form.useForm<MeetingValues>();
  const [agreementForm] = Form.useForm<AgreementValues>();
  const [fulfilForm] = Form.useForm<FulfilValues>();

  const matter = replaced ?? loaded.data;
  if (matter === undefined) {
    if (loaded.loading) return <PageSpinner />;
    return (
      <Result
        status="warning"
        title={errorText(t, loaded.error, locale)}
        extra={<Link to={MEDIATION_PATH}>{m.back}</Link>}
      />
    );
  }
  const open = matter.state === 'open';

  const changed = (next: MatterView) => {
    setReplaced(next);
    setError(null);
    void message.success(t.common.saved);
  };
  const run = async (work: () => Promise<MatterView>) => {
    setError(null);
    try {
      changed(await work());
    } catch (caught) {
      setError(errorText(t, caught, locale));
    }
  };
  const search = async () => {
    if (query.trim().length < 2) return;
    setSearching(true);
    try {
      const list = await listPetitions({ q: query.trim(), page: 1, pageSize: 100, sort: 'received_desc' });
      setFound(list.items);
      setPicked([]);
    } catch (caught) {
      setError(errorText(t, caught, locale));
    } finally {
      setSearching(false);
    }
  };

  const linkedIds = new Set(matter.petitions.map((p) => p.petitionId));
  const petitionColumns: TableColumnsType<MatterView['petitions'][number]> = [
    {
      title: t.petitions.caseNumber,
      key: 'caseNumber',
      render: (_, row) => <Link to={petitionPath(row.petitionId)}>{row.caseNumber}</Link>,
    },
    { title: t.petitions.caseTitle, key: 'title', dataIndex: 'title' },
    { title: t.common.status, key: 'state', render: (_, row) => <PetitionStateTag state={row.state} /> },
  ];
  const obligationColumns: TableColumnsType<ObligationView> = [
    { title: '#', key: 'seq', dataIndex: 'seq', width: 48 },
    { title: m.party, key: 'party', render: (_, row) => m.parties2[row.party] },
    { title: m.obligation, key: 'description', dataIndex: 'description' },
    { title: m.dueOn, key: 'dueOn', dataIndex: 'dueOn' },
    {
      title: t.common.status,
      key: 'status',
      render: (_, row) =>
        row.fulfilledOn === null ? (
          <Tag color="warning">{m.pending}</Tag>
        ) : (
          <Flex vertical gap={2}>
            <span>
              <Tag color={row.onTime === true ? 'success' : 'error'}>{row.onTime === true ? m.onTime : m.late}</Tag>
              {row.fulfilledOn}
            </span>
            <Typography.Text type="secondary">{row.evidence}</Typography.Text>
          </Flex>
        ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, row) =>
        open && row.fulfilledOn === null ? (
          <Button size="small" onClick={() => setDialog(row)} data-testid={`obligation-fulfil-${row.seq}`}>
            {m.fulfil}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            <span data-testid="matter-title-text">{matter.title}</span>
            <Tag color={open ? 'processing' : 'success'} data-testid="matter-state">
              {m.states[matter.state]}
            </Tag>
          </Space>
        }
        extra={
          <Link to={MEDIATION_PATH}>
            <ArrowLeftOutlined /> {m.back}
          </Link>
        }
      >
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={m.topic}>{m.topics[matter.topic]}</Descriptions.Item>
            <Descriptions.Item label={m.locality}>{matter.locality}</Descriptions.Item>
            <Descriptions.Item label={m.organisation}>{matter.organisationName ?? t.common.none}</Descriptions.Item>
            {matter.closedAt !== null && (
              <Descriptions.Item label={m.closedAt}>{formatDateTime(matter.closedAt, locale)}</Descriptions.Item>
            )}
          </Descriptions>
          {error !== null && <Alert type="error" showIcon title={error} data-testid="matter-error" />}
          {open && (
            <span>
              <Popconfirm
                title={m.closeConfirm}
                okText={t.common.confirm}
                cancelText={t.common.cancel}
                okButtonProps={{ 'data-testid': 'matter-close-confirm' }}
                onConfirm={() => void run(() => closeMatter(matter.id))}
              >
                <Button type="primary" data-testid="matter-close">
                  {m.close}
                </Button>
              </Popconfirm>
            </span>
          )}
        </Flex>
      </Card>

      <Card size="small" title={`${m.petitions}（${matter.petitions.length}）`}>
        <Flex vertical gap={12}>
          {open && (
            <Flex vertical gap={8}>
              <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
                <Input
                  value={query}
                  placeholder={m.searchPlaceholder}
                  onChange={(event) => setQuery(event.target.value)}
                  onPressEnter={() => void search()}
                  data-testid="matter-search"
                />
                <Button onClick={() => void search()} loading={searching} data-testid="matter-search-run">
                  {t.common.search}
                </Button>
              </Space.Compact>
              {found !== null && (
                <>
                  <Table<PetitionSummaryView>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    scroll={{ y: 240, x: true }}
                    dataSource={found}
                    rowSelection={{
                      selectedRowKeys: picked,
                      onChange: (keys) => setPicked(keys.map(String)),
                      getCheckboxProps: (row) => ({ disabled: linkedIds.has(row.id) }),
                    }}
                    columns={[
                      { title: t.petitions.caseNumber, key: 'n', dataIndex: 'caseNumber', width: 150 },
                      { title: t.petitions.caseTitle, key: 'title', dataIndex: 'title' },
                    ]}
                    data-testid="matter-search-results"
                  />
                  <Space wrap>
                    <Button
                      disabled={picked.length === 0}
                      onClick={() =>
                        void run(() => linkPetitions(matter.id, { petitionIds: picked })).then(() => setPicked([]))
                      }
                      data-testid="matter-link-picked"
                    >
                      {m.linkPicked}（{picked.length}）
                    </Button>
                    <Button
                      type="primary"
                      disabled={found.length === 0}
                      onClick={() => void run(() => linkPetitions(matter.id, { search: query.trim() }))}
                      data-testid="matter-link-search"
                    >
                      {m.linkSearch}（{found.length}）
                    </Button>
                  </Space>
                </>
              )}
            </Flex>
          )}
          <DataTable
            rowKey="petitionId"
            columns={petitionColumns}
            dataSource={matter.petitions}
            locale={{ emptyText: m.noPetitions }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="matter-petitions"
          />
        </Flex>
      </Card>

      <Card
        size="small"
        title={m.meetings}
        extra={
          open && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('meeting')} data-testid="meeting-add">
              {m.addMeeting}
            </Button>
          )
        }
      >
        <List
          dataSource={matter.meetings}
          locale={{ emptyText: m.noMeetings }}
          data-testid="matter-meetings"
          renderItem={(meeting) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Typography.Text strong>
                  {formatDateTime(meeting.heldAt, locale)} · {meeting.place}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {m.parties}：{meeting.parties}
                </Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {meeting.minutes}
                </Typography.Paragraph>
              </Flex>
            </List.Item>
          )}
        />
      </Card>

      <Card
        size="small"
        title={m.agreement}
        extra={
          matter.agreement === null ? (
            open && (
              <Button size="small" type="primary" onClick={() => setDialog('agreement')} data-testid="agreement-add">
                {m.makeAgreement}
              </Button>
            )
          ) : (
            <Space wrap>
              <Button
                size="small"
                icon={<PrinterOutlined />}
                href={agreementPrintUrl(matter.id)}
                target="_blank"
                data-testid="agreement-print"
              >
                {m.print}
              </Button>
              <Button
                size="small"
                icon={<FileWordOutlined />}
                href={agreementDocxUrl(matter.id)}
                data-testid="agreement-docx"
              >
                {m.docx}
              </Button>
            </Space>
          )
        }
      >
        {matter.agreement === null ? (
          <Typography.Text type="secondary">{m.noAgreement}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {m.signedOn}：{matter.agreement.signedOn}
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="agreement-text">
              {matter.agreement.text}
            </Typography.Paragraph>
            <Typography.Text strong>{m.obligations}</Typography.Text>
            <DataTable<ObligationView>
              rowKey="id"
              columns={obligationColumns}
              dataSource={matter.obligations}
              pagination={false}
              data-testid="matter-obligations"
            />
          </Flex>
        )}
      </Card>

      <FormModal<MeetingValues>
        open={dialog === 'meeting'}
        title={m.addMeeting}
        form={meetingForm}
        fieldNames={['heldAt', 'place', 'parties', 'minutes']}
        initialValues={{ heldAt: dayjs().second(0) }}
        okTestId="meeting-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          const next = await recordMeeting(matter.id, {
            heldAt: values.heldAt.format(),
            place: values.place,
            parties: values.parties,
            minutes: values.minutes,
          });
          setDialog(null);
          changed(next);
        }}
      >
        <Form.Item name="heldAt" label={m.heldAt} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="place"
          label={m.place}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="meeting-place" />
        </Form.Item>
        <Form.Item
          name="parties"
          label={m.parties}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="meeting-parties" />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={m.minutes}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} data-testid="meeting-minutes" />
        </Form.Item>
      </FormModal>

      <FormModal<AgreementValues>
        open={dialog === 'agreement'}
        title={m.makeAgreement}
        form={agreementForm}
        fieldNames={['text', 'signedOn', 'obligations']}
        initialValues={{
          signedOn: dayjs(),
          obligations: [{ party: 'enterprise', description: '', dueOn: dayjs().add(30, 'day') }],
        }}
        okTestId="agreement-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          const next = await recordAgreement(matter.id, {
            text: values.text,
            signedOn: values.signedOn.format(DAY),
            obligations: values.obligations.map((o) => ({
              party: o.party,
              description: o.description,
              dueOn: o.dueOn.format(DAY),
            })),
          });
          setDialog(null);
          changed(next);
        }}
      >
        <Form.Item
          name="text"
          label={m.agreementText}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} data-testid="agreement-text-input" />
        </Form.Item>
        <Form.Item name="signedOn" label={m.signedOn} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker />
        </Form.Item>
        <Typography.Text strong>{m.obligations}</Typography.Text>
        <Form.List name="obligations">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${m.obligation} ${index + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                    )
                  }
                  data-testid={`obligation-row-${index}`}
                >
                  <Form.Item
                    name={[field.name, 'party']}
                    label={m.party}
                    rules={[{ required: true, message: t.common.required }]}
                  >
                    <Select options={OBLIGATION_PARTIES.map((value) => ({ value, label: m.parties2[value] }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={m.obligation}
                    rules={[{ required: true, whitespace: true, message: t.common.required }]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 2 }}
                      maxLength={1000}
                      data-testid={`obligation-description-${index}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'dueOn']}
                    label={m.dueOn}
                    rules={[{ required: true, message: t.common.required }]}
                  >
                    <DatePicker />
                  </Form.Item>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ party: 'locality', description: '', dueOn: dayjs().add(30, 'day') })}
                data-testid="obligation-add"
              >
                {m.addObligation}
              </Button>
            </Flex>
          )}
        </Form.List>
      </FormModal>

      <FormModal<FulfilValues>
        open={typeof dialog === 'object' && dialog !== null}
        title={m.fulfil}
        form={fulfilForm}
        fieldNames={['fulfilledOn', 'evidence']}
        initialValues={{ fulfilledOn: dayjs() }}
        okTestId="fulfil-submit"
        onCancel={() => setDialog(null)}
        onSubmit={async (values) => {
          if (typeof dialog !== 'object' || dialog === null) return;
          const next = await fulfilObligation(matter.id, dialog.id, {
            fulfilledOn: values.fulfilledOn.format(DAY),
            evidence: values.evidence,
          });
          setDialog(null);
          changed(next);
        }}
      >
        {typeof dialog === 'object' && dialog !== null && (
          <Typography.Paragraph type="secondary">
            #{dialog.seq} {dialog.description}
          </Typography.Paragraph>
        )}
        <Form.Item name="fulfilledOn" label={m.fulfilledOn} rules={[{ required: true, message: t.common.required }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={m.evidence}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="fulfil-evidence" />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
