import { Form, type FormInstance, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';

export type ItemFormValues = { name: string; nameEn?: string | null; remark?: string | null };

/** The API's limits (contract: name and English name ≤ 50, remark ≤ 500). */
const NAME_MAX = 50;
const REMARK_MAX = 500;

type Props = {
  open: boolean;
  title: string;
  initial?: ItemFormValues;
  loading?: boolean;
  onCancel: () => void;
  onSubmit: (values: ItemFormValues, form: FormInstance<ItemFormValues>) => void;
};

/** Name, English name and remark of a new item or of an edit. */
export function ItemFormModal({ open, title, initial, loading, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('dictionaries');
  const { t: tc } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<ItemFormValues>();
  // fill the form each time it opens, not on every render of the parent
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on open
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        name: initial?.name ?? '',
        nameEn: initial?.nameEn ?? '',
        remark: initial?.remark ?? '',
      });
    }
  }, [open]);
  const maxLength = (max: number) => ({ max, message: tc('validation.maxLength', { max }) });
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
      width={isPhone ? '100%' : 520}
    >
      <Form<ItemFormValues>
        name="dictionary-item"
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
            maxLength(NAME_MAX),
          ]}
        >
          <Input autoFocus maxLength={NAME_MAX} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('fields.nameEn')} rules={[maxLength(NAME_MAX)]}>
          <Input maxLength={NAME_MAX} />
        </Form.Item>
        <Form.Item name="remark" label={t('fields.remark')} rules={[maxLength(REMARK_MAX)]}>
          <Input.TextArea maxLength={REMARK_MAX} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Trimmed values; an emptied optional field is sent as null so an edit clears it. */
export function cleanValues(values: ItemFormValues) {
  const optional = (v: string | null | undefined) => v?.trim() || null;
  return { name: values.name.trim(), nameEn: optional(values.nameEn), remark: optional(values.remark) };
}
