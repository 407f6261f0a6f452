import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';

export type DepartmentFormValues = { name: string; sortOrder?: number | null };

type Props = {
  /** Form name, unique on the page. */
  name: string;
  open: boolean;
  title: string;
  initial?: DepartmentFormValues;
  withSortOrder?: boolean;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (
    values: DepartmentFormValues,
    form: ReturnType<typeof Form.useForm<DepartmentFormValues>>[0],
  ) => void;
};

/** Name (and sort order) of a new sub-department or a rename. */
export function DepartmentFormModal({
  name,
  open,
  title,
  initial,
  withSortOrder,
  loading,
  onCancel,
  onSubmit,
}: Props) {
  const { t } = useTranslation('departments');
  const { t: tc } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<DepartmentFormValues>();
  // fill the form each time it opens, not on every render of the parent
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ name: initial?.name ?? '', sortOrder: initial?.sortOrder ?? null });
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={tc('actions.save')}
      cancelText={tc('actions.cancel')}
      confirmLoading={loading}
      onCancel={onCancel}
      onOk={() => form.submit()}
      forceRender
      width={isPhone ? '100%' : 480}
    >
      <Form<DepartmentFormValues>
        name={name}
        form={form}
        layout="vertical"
        onFinish={(values) => onSubmit(values, form)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.nameRequired') },
            { max: 50, message: tc('validation.maxLength', { max: 50 }) },
          ]}
        >
          <Input autoFocus maxLength={50} />
        </Form.Item>
        {withSortOrder ? (
          <Form.Item name="sortOrder" label={t('fields.sortOrder')} extra={t('sortOrderHelp')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
