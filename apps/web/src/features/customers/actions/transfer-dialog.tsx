import type { Customer } from '@guanxi/contract';
import { App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/use-show-error.ts';
import { UserSelect } from '../../users/user-select.tsx';
import { useTransferCustomer } from '../api.ts';
import { ActionModal } from './action-modal.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 更改负责人: hand the customer to another user in the caller's scope. */
export function TransferDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ ownerId: string }>();
  const transfer = useTransferCustomer();
  return (
    <ActionModal
      open={open}
      title={t('dialogs.transferTitle')}
      okText={t('actions.transfer')}
      name="customer-transfer"
      form={form}
      saving={transfer.isPending}
      onCancel={onClose}
      onFinish={({ ownerId }) =>
        transfer.mutate(
          { id: customer.id, ownerId },
          {
            onSuccess: (c) => {
              message.success(t('dialogs.transferred', { name: c.ownerName ?? '' }));
              onClose();
            },
            onError: (e) => showError(e, form),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('dialogs.currentOwner', { name: customer.ownerName ?? '—' })}
      </Typography.Paragraph>
      <Form.Item
        name="ownerId"
        label={t('dialogs.newOwner')}
        rules={[{ required: true, message: tc('validation.required') }]}
      >
        <UserSelect excludeIds={customer.ownerId ? [customer.ownerId] : undefined} />
      </Form.Item>
    </ActionModal>
  );
}
