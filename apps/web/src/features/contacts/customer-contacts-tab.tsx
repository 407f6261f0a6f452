import '../customers/texts.ts';
import { EditOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import type { Contact, Customer } from '@guanxi/contract';
import { App, Button, Empty, Flex, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { justCreatedRow, useRevealRow } from '../../components/just-created.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { isChangeable } from '../customers/changeable.ts';
import { useCustomerContacts, useDeleteContact, useUpdateContact } from './api.ts';
import { ContactDrawer } from './contact-drawer.tsx';
import { PrimaryStar } from './primary-star.tsx';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const text = (v: string | null | undefined) => (v ? v : dash);

/** 联系人 tab of the 360 page: the customer's contacts, primary first; add, edit, make primary, delete. */
export function CustomerContactsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const can = useCan();
  const contacts = useCustomerContacts(customer.id);
  const update = useUpdateContact();
  const remove = useDeleteContact();
  const [drawer, setDrawer] = useState<'new' | Contact | null>(null);
  // the contact just added: marked in the table (which holds all of the customer's contacts)
  const [created, setCreated] = useState<string | null>(null);
  useRevealRow(created, !!contacts.data?.some((c) => c.id === created));
  const writable = isChangeable(customer) && customer.state !== 'pool';
  const canEdit = writable && can('contacts:edit');
  const canDelete = writable && can('contacts:delete');

  if (contacts.isError) return <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />;

  return (
    <Flex vertical gap={8}>
      {writable && can('contacts:create') ? (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
            {t('contacts.add')}
          </Button>
        </Flex>
      ) : null}
      <Table<Contact>
        size="small"
        className="list-table"
        rowKey={(c) => c.id}
        rowClassName={justCreatedRow(created)}
        loading={contacts.isPending}
        dataSource={contacts.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.none')} />,
        }}
        columns={[
          {
            key: 'name',
            title: t('contacts.fields.name'),
            render: (_, c) => (
              <Space size={6}>
                <strong>{c.name}</strong>
                {c.isPrimary ? <PrimaryStar /> : null}
              </Space>
            ),
          },
          { key: 'title', title: t('contacts.fields.title'), render: (_, c) => text(c.title) },
          { key: 'mobile', title: t('contacts.fields.mobile'), render: (_, c) => text(c.mobile) },
          { key: 'phone', title: t('contacts.fields.phone'), render: (_, c) => text(c.phone) },
          { key: 'email', title: t('contacts.fields.email'), render: (_, c) => text(c.email) },
          { key: 'wechat', title: t('contacts.fields.wechat'), render: (_, c) => text(c.wechat) },
          {
            key: 'decisionRole',
            title: t('contacts.fields.decisionRole'),
            render: (_, c) => text(c.decisionRole),
          },
          ...(canEdit || canDelete
            ? [
                {
                  key: 'actions',
                  title: tc('columns.actions'),
                  render: (_: unknown, c: Contact) => (
                    <Space size={0}>
                      {canEdit ? (
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('contacts.editNamed', { name: c.name })}
                          onClick={() => setDrawer(c)}
                        >
                          {tc('actions.edit')}
                        </Button>
                      ) : null}
                      {canEdit && !c.isPrimary ? (
                        <Button
                          type="link"
                          size="small"
                          icon={<StarOutlined aria-hidden />}
                          aria-label={t('contacts.makePrimaryNamed', { name: c.name })}
                          onClick={() =>
                            update.mutate(
                              { id: c.id, version: c.version, isPrimary: true },
                              {
                                onSuccess: () => message.success(t('contacts.madePrimary', { name: c.name })),
                                onError: (e) => showError(e),
                              },
                            )
                          }
                        >
                          {t('contacts.makePrimary')}
                        </Button>
                      ) : null}
                      {canDelete ? (
                        <ConfirmDeleteButton
                          look="link"
                          title={t('contacts.deleteConfirm', { name: c.name })}
                          ariaLabel={t('contacts.deleteNamed', { name: c.name })}
                          onConfirm={() => remove.mutateAsync({ id: c.id, version: c.version })}
                          doneMessage={t('contacts.deleted')}
                        />
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContactDrawer
        customerId={customer.id}
        target={drawer}
        onClose={() => setDrawer(null)}
        onSaved={(c) => drawer === 'new' && setCreated(c.id)}
      />
    </Flex>
  );
}
