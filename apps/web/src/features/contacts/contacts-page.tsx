import '../customers/texts.ts';
import type { Contact } from '@guanxi/contract';
import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCustomFieldColumns } from '../custom-fields/custom-field-value.tsx';
import { contactKeys, fetchContacts } from './api.ts';
import { PrimaryStar } from './primary-star.tsx';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const text = (v: string | null | undefined) => (v ? v : dash);
const urlState = { filterKeys: [] };

/** 联系人: the contacts of every customer in scope, with quick search and a link to the customer. */
export function ContactsPage() {
  const { t } = useTranslation('customers');
  const customColumns = useCustomFieldColumns<Contact>('contacts');
  const columns = useMemo<ListColumn<Contact>[]>(
    () => [
      {
        key: 'name',
        title: t('contacts.fields.name'),
        sortable: true,
        alwaysVisible: true,
        render: (c) => (
          <Space size={6}>
            <strong>{c.name}</strong>
            {c.isPrimary ? <PrimaryStar /> : null}
          </Space>
        ),
      },
      {
        key: 'customerName',
        title: t('contacts.fields.customer'),
        sortable: true,
        render: (c) => <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>,
      },
      { key: 'title', title: t('contacts.fields.title'), render: (c) => text(c.title) },
      {
        key: 'department',
        title: t('contacts.fields.department'),
        defaultHidden: true,
        render: (c) => text(c.department),
      },
      { key: 'mobile', title: t('contacts.fields.mobile'), render: (c) => text(c.mobile) },
      { key: 'phone', title: t('contacts.fields.phone'), render: (c) => text(c.phone) },
      { key: 'email', title: t('contacts.fields.email'), render: (c) => text(c.email) },
      { key: 'wechat', title: t('contacts.fields.wechat'), render: (c) => text(c.wechat) },
      {
        key: 'birthday',
        title: t('contacts.fields.birthday'),
        sortable: true,
        defaultHidden: true,
        render: (c) => text(c.birthday),
      },
      {
        key: 'isPrimary',
        title: t('contacts.primary'),
        render: (c) => (c.isPrimary ? t('contacts.yes') : dash),
      },
      ...customColumns,
    ],
    [t, customColumns],
  );
  return (
    <>
      <PageHeader title={t('contacts.title')} />
      <ListPage<Contact>
        queryKey={contactKeys.all}
        fetcher={fetchContacts}
        columns={columns}
        rowKey={(c) => c.id}
        columnPreferenceKey="columns.contacts"
        searchPlaceholder={t('contacts.searchPlaceholder')}
        emptyText={t('contacts.empty')}
        urlState={urlState}
      />
    </>
  );
}
