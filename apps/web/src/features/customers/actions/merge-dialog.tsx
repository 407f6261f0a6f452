import type { Customer } from '@guanxi/contract';
import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/use-show-error.ts';
import { useMergeCustomer } from '../api.ts';
import { CustomerSelect } from '../customer-select.tsx';
import { ActionModal } from './action-modal.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 合并: another customer's contacts, shares and records move here and it is deleted. */
export function MergeDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ sourceId: string }>();
  const merge = useMergeCustomer();
  return (
    <ActionModal
      open={open}
      title={t('dialogs.mergeTitle', { name: customer.name })}
      okText={t('actions.merge')}
      danger
      name="customer-merge"
      form={form}
      saving={merge.isPending}
      onCancel={onClose}
      onFinish={({ sourceId }) =>
        merge.mutate(
          { id: customer.id, sourceId },
          {
            onSuccess: () => {
              message.success(t('dialogs.merged'));
              onClose();
            },
            onError: (e) => showError(e, form),
          },
        )
      }
    >
      <Form.Item
        name="sourceId"
        label={t('dialogs.mergeSource')}
        rules={[{ required: true, message: tc('validation.required') }]}
      >
        <CustomerSelect excludeIds={[customer.id]} />
      </Form.Item>
      <Alert type="warning" showIcon title={t('dialogs.mergeWarning', { name: customer.name })} />
    </ActionModal>
  );
}
