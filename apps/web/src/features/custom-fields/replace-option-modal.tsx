import type { CustomField, CustomFieldEntity } from '@guanxi/contract';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useReplaceCustomFieldOption } from './api.ts';

type Props = {
  entity: CustomFieldEntity;
  /** The dropdown / multi-select field, or null when closed. */
  field: CustomField | null;
  onClose: () => void;
};

/** 替换: replaces an option value by another one in every record, after a confirmation, and says how many changed. */
export function ReplaceOptionModal({ entity, field, onClose }: Props) {
  const { t } = useTranslation('customFields');
  const { t: tc } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const [form] = Form.useForm<{ from: string; to: string }>();
  const replace = useReplaceCustomFieldOption(entity);
  const from = Form.useWatch('from', form);

  useEffect(() => {
    if (field) form.resetFields();
  }, [field, form]);

  const label = (value: string) => field?.options.find((o) => o.value === value)?.label ?? value;
  const options = (field?.options ?? []).map((o) => ({ value: o.value, label: o.label }));

  const submit = ({ from, to }: { from: string; to: string }) => {
    if (!field) return;
    modal.confirm({
      title: t('replace.confirm', { from: label(from), to: label(to) }),
      okText: tc('actions.confirm'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        replace.mutateAsync({ id: field.id, from, to }).then(
          (r) => {
            message.success(t('replace.done', { count: r.count }));
            onClose();
          },
          (e) => showError(e, form),
        ),
    });
  };

  return (
    <Modal
      open={!!field}
      title={field ? t('replace.title', { title: field.title }) : ''}
      okText={t('replace.submit')}
      cancelText={tc('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={replace.isPending}
      width={isPhone ? '100%' : 480}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('replace.help')}</Typography.Paragraph>
      <Form form={form} name="replace-option" layout="vertical" onFinish={submit}>
        <Form.Item
          name="from"
          label={t('replace.from')}
          rules={[{ required: true, message: tc('validation.required') }]}
        >
          <Select
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('input.choose')}
          />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('replace.to')}
          rules={[{ required: true, message: tc('validation.required') }]}
        >
          <Select
            options={options.filter((o) => o.value !== from)}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('input.choose')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
