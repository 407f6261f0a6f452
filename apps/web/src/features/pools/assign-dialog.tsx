import type { Customer } from '@guanxi/contract';
import { App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useAssignCustomer } from '../customers/api.ts';
import { UserSelect } from '../users/user-select.tsx';

type Props = { customer: Customer | null; onClose: () => void };

/** 分配: a supervisor hands a pool customer to a user. */
export function AssignDialog({ customer, onClose }: Props) {
  const { t } = useTranslation('pools');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ userId: string }>();
  const assign = useAssignCustomer();
  return (
    <Modal
      open={!!customer}
      title={t('assign.title', { name: customer?.name ?? '' })}
      okText={t('actions.assign')}
      cancelText={tc('actions.cancel')}
      confirmLoading={assign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="pool-assign"
        layout="vertical"
        preserve={false}
        onFinish={({ userId }) =>
          customer &&
          assign.mutateAsync({ id: customer.id, userId }).then(
            (c) => {
              // shown from the promise: the row that opened the dialog may be gone after the reload
              message.success(t('assign.done', { name: c.ownerName ?? '' }));
              onClose();
            },
            (e) => showError(e, form),
          )
        }
      >
        <Form.Item
          name="userId"
          label={t('assign.user')}
          rules={[{ required: true, message: tc('validation.required') }]}
        >
          <UserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
