import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { STAFF_ROLES } from '../../../../common/domain/access.ts';
import { format } from '../../../../common/i18n/index.ts';
import type { CourseInput, CourseView } from '../../../../common/schemas/training.ts';
import { createCourse, listCourses } from '../../api/training.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { TrainingTabs } from './TrainingTabs.tsx';

type QuestionValues = { text: string; choices: string; answer: number };
type Values = {
  title: string;
  requiredFor?: CourseInput['requiredFor'];
  hours: number;
  validityMonths?: number | null;
  withTest: boolean;
  passMark?: number;
  questions?: QuestionValues[];
};
const FIELDS = ['title', 'requiredFor', 'hours', 'validityMonths', 'passMark', 'questions'] as const;

/** The form's values as the server's course input: choices one per line, the right one counted from 1. */
function toInput(values: Values): CourseInput {
  return {
    title: values.title,
    requiredFor: values.requiredFor ?? [],
    hours: values.hours,
    validityMonths: values.validityMonths ?? null,
    test: values.withTest
      ? {
          passMark: values.passMark ?? 60,
          questions: (values.questions ?? []).map((q) => ({
            text: q.text,
            choices: q.choices
              .split('\n')
              .map((c) => c.trim())
              .filter((c) => c !== ''),
            answer: q.answer - 1,
          })),
        }
      : null,
  };
}

/** 培训课程: the courses the office keeps (and the group's above it), with the roles bound and the test. */
export function CoursesPage() {
  const t = useT();
  const c = t.training.courses;
  const { locale } = useLocale();
  const courses = useLoader(listCourses);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Values>();
  const withTest = Form.useWatch('withTest', form);

  const columns: TableColumnsType<CourseView> = [
    { title: c.courseTitle, key: 'title', dataIndex: 'title' },
    {
      title: c.requiredFor,
      key: 'requiredFor',
      render: (_, row) =>
        row.requiredFor.length === 0 ? (
          <Typography.Text type="secondary">{c.requiredNone}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {row.requiredFor.map((role) => (
              <Tag key={role}>{t.roles[role]}</Tag>
            ))}
          </Flex>
        ),
    },
    { title: c.hours, key: 'hours', width: 72, dataIndex: 'hours' },
    {
      title: c.validityMonths,
      key: 'validity',
      render: (_, row) =>
        row.validityMonths === null ? c.noExpiry : format(c.validityValue, { months: row.validityMonths }),
    },
    {
      title: c.test,
      key: 'test',
      render: (_, row) =>
        row.test === null
          ? c.noTest
          : format(c.testValue, { count: row.test.questions.length, mark: row.test.passMark }),
    },
    { title: c.unit, key: 'unit', dataIndex: 'unitName' },
    { title: c.sessionCount, key: 'sessions', width: 88, dataIndex: 'sessionCount' },
  ];

  return (
    <Card
      title={t.nav.training}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="course-create">
          {c.create}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <TrainingTabs current="courses" />
        {courses.error !== null && <Alert type="error" showIcon title={errorText(t, courses.error, locale)} />}
        <DataTable<CourseView>
          rowKey="id"
          columns={columns}
          dataSource={courses.data?.items ?? []}
          loading={courses.loading}
          locale={{ emptyText: c.empty }}
          pagination={false}
          data-testid="course-table"
        />
      </Flex>
      <FormModal<Values>
        open={creating}
        title={c.create}
        form={form}
        fieldNames={FIELDS}
        initialValues={{ hours: 2, validityMonths: 12, withTest: false, passMark: 60, questions: [] }}
        okTestId="course-submit"
        onCancel={() => setCreating(false)}
        onSubmit={async (values) => {
          await createCourse(toInput(values));
          setCreating(false);
          courses.reload();
        }}
      >
        <Form.Item
          name="title"
          label={c.courseTitle}
          rules={[{ required: true, whitespace: true, message: t.common.required }]}
        >
          <Input maxLength={100} data-testid="course-title" />
        </Form.Item>
        <Form.Item name="requiredFor" label={c.requiredFor}>
          <Checkbox.Group options={STAFF_ROLES.map((role) => ({ value: role, label: t.roles[role] }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="hours" label={c.hours} rules={[{ required: true, message: t.common.required }]}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="validityMonths" label={c.validityMonths} extra={c.validityHint}>
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="withTest" label={c.withTest} valuePropName="checked">
          <Switch data-testid="course-with-test" />
        </Form.Item>
        {withTest && (
          <>
            <Form.Item name="passMark" label={c.passMark} rules={[{ required: true, message: t.common.required }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.List name="questions">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((field, index) => (
                    <Card
                      key={field.key}
                      size="small"
                      title={format(c.question, { n: index + 1 })}
                      extra={
                        <Button
                          size="small"
                          icon={<DeleteOutlined />}
                          aria-label={c.removeQuestion}
                          onClick={() => remove(field.name)}
                        />
                      }
                    >
                      <Form.Item
                        name={[field.name, 'text']}
                        label={c.questionText}
                        rules={[{ required: true, whitespace: true, message: t.common.required }]}
                      >
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'choices']}
                        label={c.choices}
                        rules={[{ required: true, whitespace: true, message: t.common.required }]}
                      >
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'answer']}
                        label={c.answer}
                        rules={[{ required: true, message: t.common.required }]}
                      >
                        <Select
                          style={{ width: 140 }}
                          options={[1, 2, 3, 4, 5, 6].map((n) => ({ value: n, label: format(c.choiceLabel, { n }) }))}
                        />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ text: '', choices: '', answer: 1 })}>
                    {c.addQuestion}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </>
        )}
      </FormModal>
    </Card>
  );
}
