import './texts.ts';
import type { Ticket } from '@guanxi/contract';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useUpdateTicket } from './api.ts';

/** 关联客户: a public-form ticket whose submitter matched no contact gets its customer. */
export function LinkCustomerDialog({
  ticket,
  open,
  onClose,
}: {
  ticket: Ticket;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const rules = useFormRules();
  const update = useUpdateTicket();
  return (
    <FormModal<{ customerId?: string }>
      open={open}
      name="ticket-link-customer-form"
      title={t('detail.linkCustomer')}
      okText={t('detail.linkCustomer')}
      intro={t('detail.linkHelp')}
      onCancel={onClose}
      onSubmit={async (v) => {
        try {
          await update.mutateAsync({ id: ticket.id, customerId: v.customerId!, version: ticket.version });
          message.success(t('detail.linked'));
        } catch (e) {
          if (!isApiError(e, 'CONFLICT')) throw e;
          message.error(t('conflict'));
        }
        onClose();
      }}
    >
      <Form.Item name="customerId" label={t('fields.customer')} rules={[rules.required()]}>
        <CustomerSelect />
      </Form.Item>
    </FormModal>
  );
}
