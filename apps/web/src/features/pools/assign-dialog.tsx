import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useAssignCustomer } from '../customers/api.ts';
import { UserSelect } from '../users/user-select.tsx';

type Props = { customer: Customer | null; onClose: () => void };

/** 分配: a supervisor hands a pool customer to a user. */
export function AssignDialog({ customer, onClose }: Props) {
  const { t } = useTranslation('pools');
  const { message } = App.useApp();
  const rules = useFormRules();
  const assign = useAssignCustomer();
  return (
    <FormModal<{ userId: string }>
      open={!!customer}
      title={t('assign.title', { name: customer?.name ?? '' })}
      okText={t('actions.assign')}
      name="pool-assign"
      onCancel={onClose}
      onSubmit={async ({ userId }) => {
        if (!customer) return;
        const c = await assign.mutateAsync({ id: customer.id, userId });
        // said from the promise: the row that opened the dialog may be gone after the reload
        message.success(t('assign.done', { name: c.ownerName ?? '' }));
        onClose();
      }}
    >
      <Form.Item name="userId" label={t('assign.user')} rules={[rules.required()]}>
        <UserSelect />
      </Form.Item>
    </FormModal>
  );
}
