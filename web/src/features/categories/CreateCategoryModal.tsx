import { Form, Input } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { CategoryView } from '../../../../common/schemas/category.ts';
import { createCategory } from '../../api/category.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

type Values = { code: string; name: string; nationalCategory?: string };
const FIELDS = ['code', 'name', 'nationalCategory'] as const;

type Props = {
  open: boolean;
  /** The top level to add under; null adds a top level. */
  parent: CategoryView | null;
  /** A free code to propose. */
  suggestedCode: string;
  onCancel: () => void;
  onCreated: (category: CategoryView) => void;
};

/** 新增分类: a top level (with its national category) or a second level under `parent`. */
export function CreateCategoryModal({ open, parent, suggestedCode, onCancel, onCreated }: Props) {
  const t = useT();
  const c = t.categories;
  const [form] = Form.useForm<Values>();
  const submit = async (values: Values) => {
    const national = values.nationalCategory?.trim();
    onCreated(
      await createCategory({
        code: values.code.trim(),
        name: values.name.trim(),
        ...(parent === null ? {} : { parentCode: parent.code }),
        ...(parent !== null || national === undefined || national === '' ? {} : { nationalCategory: national }),
      }),
    );
  };
  return (
    <FormModal<Values>
      open={open}
      title={parent === null ? c.addTop : format(c.addChildTitle, { parent: parent.name })}
      form={form}
      fieldNames={FIELDS}
      initialValues={{ code: suggestedCode }}
      okText={t.common.create}
      okTestId="category-create-ok"
      onCancel={onCancel}
      onSubmit={submit}
    >
      <Form.Item
        name="code"
        label={c.code}
        extra={parent === null ? c.codeHintTop : format(c.codeHintChild, { example: `${parent.code}01` })}
        rules={[
          { required: true, whitespace: true, message: t.common.required },
          {
            pattern: parent === null ? /^\d{2}$/ : new RegExp(`^${parent.code}\\d{2}$`),
            message: parent === null ? c.codeHintTop : format(c.codeHintChild, { example: `${parent.code}01` }),
          },
        ]}
      >
        <Input maxLength={parent === null ? 2 : 4} data-testid="category-code" />
      </Form.Item>
      <Form.Item
        name="name"
        label={c.name}
        rules={[
          { required: true, whitespace: true, message: t.common.required },
          { max: 60, message: format(t.form.maxLength, { max: 60 }) },
        ]}
      >
        <Input autoFocus data-testid="category-name" />
      </Form.Item>
      {parent === null && (
        <Form.Item
          name="nationalCategory"
          label={c.national}
          rules={[{ max: 40, message: format(t.form.maxLength, { max: 40 }) }]}
        >
          <Input />
        </Form.Item>
      )}
    </FormModal>
  );
}
