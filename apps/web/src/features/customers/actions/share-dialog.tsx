import '../texts.ts';
import type { Customer } from '@guanxi/contract';
import { Alert, App, Divider, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/form-modal.tsx';
import { useCan } from '../../../lib/access.ts';
import { DepartmentTreeSelect } from '../../departments/department-tree-select.tsx';
import { UserSelect } from '../../users/user-select.tsx';
import { useShareCustomer } from '../api.ts';
import { ShareList } from '../share-list.tsx';

type Props = { customer: Customer; open: boolean; onClose: () => void };
type Values = { userIds?: string[]; departmentIds?: string[]; access: 'read' | 'write' };

/** 共享: with users and/or departments, read-only or read-write; lists the current shares. */
export function ShareDialog({ customer, open, onClose }: Props) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const share = useShareCustomer();
  const [empty, setEmpty] = useState(false);

  const submit = async (v: Values) => {
    const userIds = v.userIds ?? [];
    const departmentIds = v.departmentIds ?? [];
    if (!userIds.length && !departmentIds.length) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    await share.mutateAsync({ id: customer.id, userIds, departmentIds, access: v.access });
    message.success(t('shares.shared'));
    // the dialog stays open to share with more; the new share shows in the list below
    form.resetFields();
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('dialogs.shareTitle', { name: customer.name })}
      okText={t('actions.share')}
      name="customer-share"
      form={form}
      initialValues={{ access: 'read' }}
      width={600}
      onCancel={() => {
        setEmpty(false);
        onClose();
      }}
      onSubmit={submit}
      after={
        <>
          <Divider titlePlacement="start" plain>
            {t('shares.current')}
          </Divider>
          <ShareList customer={customer} />
        </>
      }
    >
      <Form.Item name="userIds" label={t('shares.users')}>
        <UserSelect mode="multiple" excludeIds={customer.ownerId ? [customer.ownerId] : undefined} />
      </Form.Item>
      {can('departments:view') ? (
        <Form.Item name="departmentIds" label={t('shares.departments')}>
          <DepartmentTreeSelect multiple />
        </Form.Item>
      ) : null}
      <Form.Item name="access" label={t('shares.accessLabel')}>
        <Radio.Group
          options={[
            { value: 'read', label: t('shares.access.read') },
            { value: 'write', label: t('shares.access.write') },
          ]}
        />
      </Form.Item>
      {empty ? <Alert type="warning" showIcon title={t('shares.nobody')} /> : null}
      <Typography.Text type="secondary">{t('shares.help')}</Typography.Text>
    </FormModal>
  );
}
