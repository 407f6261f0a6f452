import '../texts.ts';
import type { Customer } from '@guanxi/contract';
import { Alert, App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useFormRules } from '../../../components/form-rules.ts';
import { useMergeCustomer } from '../api.ts';
import { CustomerSelect } from '../customer-select.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };

/** 合并: another customer's contacts, shares and records move here and it is deleted. */
export function MergeDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const rules = useFormRules();
  const merge = useMergeCustomer();
  return (
    <FormModal<{ sourceId: string }>
      open={open}
      title={t('dialogs.mergeTitle', { name: customer.name })}
      okText={t('actions.merge')}
      danger
      name="customer-merge"
      onCancel={onClose}
      onSubmit={async ({ sourceId }) => {
        await merge.mutateAsync({ id: customer.id, sourceId });
        message.success(t('dialogs.merged'));
        onClose();
      }}
    >
      <Form.Item name="sourceId" label={t('dialogs.mergeSource')} rules={[rules.required()]}>
        <CustomerSelect excludeIds={[customer.id]} />
      </Form.Item>
      <Alert type="warning" showIcon title={t('dialogs.mergeWarning', { name: customer.name })} />
    </FormModal>
  );
}
