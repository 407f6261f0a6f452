import './texts.ts';
import { type MemberDetail, type MemberStatus, memberStatuses } from '@guanxi/contract';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useCustomerContacts } from '../contacts/api.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useUpdateMember } from './api.ts';

type Values = { contactId?: string | null; levelId?: string; status: MemberStatus };

/**
 * 编辑会员: contact (one of the customer's), level (set by hand) and status. The save carries the
 * version it was opened with; a 409 reloads the member, so the next try carries the new one.
 */
export function MemberEditModal({
  m,
  open,
  onClose,
}: {
  m: MemberDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('members');
  const update = useUpdateMember(m.id);
  const contacts = useCustomerContacts(m.customerId);
  return (
    <FormModal<Values>
      open={open}
      name="member-edit"
      title={t('actions.edit')}
      initialValues={{ contactId: m.contactId, levelId: m.levelId ?? undefined, status: m.status }}
      onCancel={onClose}
      onSubmit={async (v) => {
        await update.mutateAsync({
          version: m.version,
          contactId: v.contactId ?? null,
          ...(v.levelId ? { levelId: v.levelId } : {}),
          status: v.status,
        });
        onClose();
      }}
    >
      <Form.Item name="contactId" label={t('fields.contact')}>
        <Select
          allowClear
          loading={contacts.isPending}
          options={(contacts.data ?? []).map((c) => ({
            value: c.id,
            label: c.title ? `${c.name}（${c.title}）` : c.name,
          }))}
        />
      </Form.Item>
      <Form.Item name="levelId" label={t('fields.level')} extra={t('levelEditHint')}>
        <DictionarySelect type="member-level" allowClear={false} />
      </Form.Item>
      <Form.Item name="status" label={t('fields.status')} extra={t('statusHint')}>
        <Select
          // 注销 is final: a cancelled member keeps its status
          disabled={m.status === 'cancelled'}
          options={memberStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
