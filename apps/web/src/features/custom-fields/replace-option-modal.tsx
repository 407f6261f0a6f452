import './texts.ts';
import type { CustomField, CustomFieldEntity } from '@guanxi/contract';
import { App, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useReplaceCustomFieldOption } from './api.ts';

type Props = {
  entity: CustomFieldEntity;
  /** The dropdown / multi-select field, or null when closed. */
  field: CustomField | null;
  onClose: () => void;
};

type Values = { from: string; to: string };

/** 替换: replaces an option value by another one in every record, after a confirmation, and says how many changed. */
export function ReplaceOptionModal({ entity, field, onClose }: Props) {
  const { t } = useTranslation('customFields');
  const { t: tc } = useTranslation();
  const { message, modal } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const replace = useReplaceCustomFieldOption(entity);
  const from = Form.useWatch('from', form);

  const label = (value: string) => field?.options.find((o) => o.value === value)?.label ?? value;
  const options = (field?.options ?? []).map((o) => ({ value: o.value, label: o.label }));

  // every record changes: asked once more, with both labels spelt out
  const confirmed = (values: Values) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('replace.confirm', { from: label(values.from), to: label(values.to) }),
        okText: tc('actions.confirm'),
        cancelText: tc('actions.cancel'),
        okButtonProps: { danger: true },
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  const submit = async (values: Values) => {
    if (!field || !(await confirmed(values))) return;
    const r = await replace.mutateAsync({ id: field.id, ...values });
    message.success(t('replace.done', { count: r.count }));
    onClose();
  };

  return (
    <FormModal<Values>
      open={!!field}
      title={field ? t('replace.title', { title: field.title }) : ''}
      okText={t('replace.submit')}
      name="replace-option"
      form={form}
      width={480}
      intro={<Typography.Paragraph type="secondary">{t('replace.help')}</Typography.Paragraph>}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Form.Item name="from" label={t('replace.from')} rules={[rules.required()]}>
        <Select
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('input.choose')}
        />
      </Form.Item>
      <Form.Item name="to" label={t('replace.to')} rules={[rules.required()]}>
        <Select
          options={options.filter((o) => o.value !== from)}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('input.choose')}
        />
      </Form.Item>
    </FormModal>
  );
}
