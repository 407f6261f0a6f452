import './texts.ts';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormModal } from '../../components/form-modal.tsx';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCreateMember } from './api.ts';

type Values = { customerId: string; levelId?: string };

/** 新建会员 from a customer (one per customer: the server says so on the customer field). */
export function MemberFormModal({
  open,
  onClose,
  customer,
}: {
  open: boolean;
  onClose: () => void;
  /** Set: the member of this customer (the customer page's 设为会员); the field is fixed. */
  customer?: { id: string; name: string; number?: string | null };
}) {
  const { t } = useTranslation('members');
  const navigate = useNavigate();
  const create = useCreateMember();
  return (
    <FormModal<Values>
      open={open}
      name="member"
      title={t('newMember')}
      initialValues={{ customerId: customer?.id }}
      onCancel={onClose}
      onSubmit={async (v) => {
        const m = await create.mutateAsync({
          customerId: v.customerId,
          ...(v.levelId ? { levelId: v.levelId } : {}),
        });
        onClose();
        navigate(`/members/${m.id}`);
      }}
    >
      <Form.Item name="customerId" label={t('fields.customer')} rules={[{ required: true }]}>
        <CustomerSelect disabled={!!customer} known={customer} />
      </Form.Item>
      <Form.Item name="levelId" label={t('fields.level')} extra={t('levelHint')}>
        <DictionarySelect type="member-level" />
      </Form.Item>
    </FormModal>
  );
}
