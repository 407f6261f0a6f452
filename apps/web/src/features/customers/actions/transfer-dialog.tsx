import '../texts.ts';
import type { Customer } from '@guanxi/contract';
import { App, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useFormRules } from '../../../components/form-rules.ts';
import { UserSelect } from '../../users/user-select.tsx';
import { useTransferCustomer } from '../api.ts';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 更改负责人: hand the customer to another user in the caller's scope. */
export function TransferDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const rules = useFormRules();
  const transfer = useTransferCustomer();
  return (
    <FormModal<{ ownerId: string }>
      open={open}
      title={t('dialogs.transferTitle')}
      okText={t('actions.transfer')}
      name="customer-transfer"
      onCancel={onClose}
      onSubmit={async ({ ownerId }) => {
        const c = await transfer.mutateAsync({ id: customer.id, ownerId });
        message.success(t('dialogs.transferred', { name: c.ownerName ?? '' }));
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('dialogs.currentOwner', { name: customer.ownerName ?? '—' })}
      </Typography.Paragraph>
      <Form.Item name="ownerId" label={t('dialogs.newOwner')} rules={[rules.required()]}>
        <UserSelect excludeIds={customer.ownerId ? [customer.ownerId] : undefined} />
      </Form.Item>
    </FormModal>
  );
}
