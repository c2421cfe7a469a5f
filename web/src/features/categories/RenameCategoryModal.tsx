import { Form, Input } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { CategoryView, RenameCategoryInput } from '../../../../common/schemas/category.ts';
import { renameCategory } from '../../api/category.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useT } from '../../i18n/locale-context.ts';

const FIELDS = ['name'] as const;

type Props = { category: CategoryView | null; onCancel: () => void; onRenamed: (category: CategoryView) => void };

/** 重命名: a new name for a category; its code (what petitions store) stays. */
export function RenameCategoryModal({ category, onCancel, onRenamed }: Props) {
  const t = useT();
  const [form] = Form.useForm<RenameCategoryInput>();
  return (
    <FormModal<RenameCategoryInput>
      open={category !== null}
      title={t.categories.rename}
      form={form}
      fieldNames={FIELDS}
      initialValues={{ name: category?.name ?? '' }}
      onCancel={onCancel}
      onSubmit={async (values) => {
        if (category !== null) onRenamed(await renameCategory(category.code, { name: values.name.trim() }));
      }}
    >
      <Form.Item
        name="name"
        label={t.categories.name}
        rules={[
          { required: true, whitespace: true, message: t.common.required },
          { max: 60, message: format(t.form.maxLength, { max: 60 }) },
        ]}
      >
        <Input autoFocus data-testid="category-rename-input" />
      </Form.Item>
    </FormModal>
  );
}
