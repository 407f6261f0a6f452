import './texts.ts';
import { departmentLimits } from '@guanxi/contract';
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';

export type DepartmentFormValues = { name: string; sortOrder?: number | null };

type Props = {
  /** Form name, unique on the page. */
  name: string;
  open: boolean;
  title: string;
  initial?: DepartmentFormValues;
  onCancel: () => void;
  /** Saves; the caller closes the modal on success. */
  onSubmit: (values: DepartmentFormValues) => Promise<unknown>;
};

/** Name and sort order of a new sub-department or a rename. */
export function DepartmentFormModal({ name, open, title, initial, onCancel, onSubmit }: Props) {
  const { t } = useTranslation('departments');
  const rules = useFormRules();
  return (
    <FormModal<DepartmentFormValues>
      open={open}
      title={title}
      name={name}
      width={480}
      initialValues={{ name: initial?.name ?? '', sortOrder: initial?.sortOrder ?? null }}
      onCancel={onCancel}
      onSubmit={onSubmit}
    >
      <Form.Item
        name="name"
        label={t('fields.name')}
        rules={[rules.required(t('validation.nameRequired')), rules.maxLength(departmentLimits.name)]}
      >
        <Input autoFocus maxLength={departmentLimits.name} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('fields.sortOrder')} extra={t('sortOrderHelp')}>
        <InputNumber
          min={departmentLimits.sortOrder.min}
          max={departmentLimits.sortOrder.max}
          precision={0}
          style={{ width: '100%' }}
        />
      </Form.Item>
    </FormModal>
  );
}
