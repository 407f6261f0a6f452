import type { Customer } from '@guanxi/contract';
import { App, DatePicker, Form, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../lib/use-show-error.ts';
import { useDelayCustomer } from '../api.ts';
import { ActionModal } from './action-modal.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 延期: protect the customer from pool recycling until a date. */
export function DelayDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ until: Dayjs }>();
  const delay = useDelayCustomer();
  return (
    <ActionModal
      open={open}
      title={t('dialogs.delayTitle')}
      okText={t('actions.delay')}
      name="customer-delay"
      form={form}
      saving={delay.isPending}
      onCancel={onClose}
      onFinish={({ until }) =>
        delay.mutate(
          { id: customer.id, until: until.format('YYYY-MM-DD') },
          {
            onSuccess: (c) => {
              message.success(t('dialogs.delayed', { date: c.protectedUntil ?? '' }));
              onClose();
            },
            onError: (e) => showError(e, form),
          },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('dialogs.delayHelp')}</Typography.Paragraph>
      <Form.Item
        name="until"
        label={t('fields.protectedUntil')}
        initialValue={customer.protectedUntil ? dayjs(customer.protectedUntil) : undefined}
        rules={[{ required: true, message: tc('validation.required') }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          inputReadOnly
        />
      </Form.Item>
    </ActionModal>
  );
}
