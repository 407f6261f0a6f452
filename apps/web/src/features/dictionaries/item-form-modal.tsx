import './texts.ts';
import { dictionaryItemLimits } from '@guanxi/contract';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';

export type ItemFormValues = { name: string; nameEn?: string | null; remark?: string | null };

type Props = {
  open: boolean;
  title: string;
  initial?: ItemFormValues;
  onCancel: () => void;
  /** Saves; the caller closes the modal on success. */
  onSubmit: (values: ItemFormValues) => Promise<unknown>;
};

/** Name, English name and remark of a new item or of an edit. */
export function ItemFormModal({ open, title, initial, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('dictionaries');
  const rules = useFormRules();
  return (
    <FormModal<ItemFormValues>
      open={open}
      title={title}
      name="dictionary-item"
      initialValues={{
        name: initial?.name ?? '',
        nameEn: initial?.nameEn ?? '',
        remark: initial?.remark ?? '',
      }}
      onCancel={onCancel}
      onSubmit={onSubmit}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(t('validation.nameRequired')), rules.maxLength(dictionaryItemLimits.name)]}
      >
        <Input autoFocus maxLength={dictionaryItemLimits.name} />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('fields.nameEn')}
        rules={[rules.maxLength(dictionaryItemLimits.name)]}
      >
        <Input maxLength={dictionaryItemLimits.name} />
      </Form.Item>
      <Form.Item
        name="remark"
        label={t('fields.remark')}
        rules={[rules.maxLength(dictionaryItemLimits.remark)]}
      >
        <Input.TextArea
          maxLength={dictionaryItemLimits.remark}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </Form.Item>
    </FormModal>
  );
}

/** Trimmed values; an emptied optional field is sent as null so an edit clears it. */
export function cleanValues(values: ItemFormValues) {
  const optional = (v: string | null | undefined) => v?.trim() || null;
  return { name: values.name.trim(), nameEn: optional(values.nameEn), remark: optional(values.remark) };
}
