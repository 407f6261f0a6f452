import '../texts.ts';
import type { Customer } from '@guanxi/contract';
import { App, DatePicker, Form, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useFormRules } from '../../../components/form-rules.ts';
import { useDelayCustomer } from '../api.ts';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 延期: protect the customer from pool recycling until a date. */
export function DelayDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const rules = useFormRules();
  const delay = useDelayCustomer();
  return (
    <FormModal<{ until: Dayjs }>
      open={open}
      title={t('dialogs.delayTitle')}
      okText={t('actions.delay')}
      name="customer-delay"
      initialValues={{ until: customer.protectedUntil ? dayjs(customer.protectedUntil) : undefined }}
      onCancel={onClose}
      onSubmit={async ({ until }) => {
        const c = await delay.mutateAsync({ id: customer.id, until: until.format('YYYY-MM-DD') });
        message.success(t('dialogs.delayed', { date: c.protectedUntil ?? '' }));
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">{t('dialogs.delayHelp')}</Typography.Paragraph>
      <Form.Item name="until" label={t('fields.protectedUntil')} rules={[rules.required()]}>
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          inputReadOnly
        />
      </Form.Item>
    </FormModal>
  );
}
