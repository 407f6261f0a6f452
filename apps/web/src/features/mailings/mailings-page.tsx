import './texts.ts';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import type { Mailing } from '@guanxi/contract';
import { mailingChannels, mailingStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { fetchMailings, mailingKeys } from './api.ts';
import { MailingStatusTag, ProgressText } from './labels.tsx';
import { MailingDetail } from './mailing-detail.tsx';
import { MailingForm } from './mailing-form.tsx';

const urlState = { filterKeys: ['status', 'channel'] };

/** 群发: mailings in my scope, 新建群发, a detail drawer (`?id=`) with sending and recipients. */
export function MailingsPage() {
  const { t } = useTranslation('mailings');
  const can = useCan();
  const [openId, openRecord] = useOpenRecord();
  const [creating, setCreating] = useState(false);

  const columns = useMemo<ListColumn<Mailing>[]>(
    () => [
      {
        key: 'name',
        title: t('fields.name'),
        sortable: true,
        alwaysVisible: true,
        render: (r) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(r.id)}>
            {r.name}
          </Button>
        ),
      },
      { key: 'channel', title: t('fields.channel'), render: (r) => t(`channels.${r.channel}`) },
      { key: 'status', title: t('fields.status'), render: (r) => <MailingStatusTag status={r.status} /> },
      { key: 'progress', title: t('fields.progress'), render: (r) => <ProgressText counts={r.counts} /> },
      {
        key: 'audience',
        title: t('fields.audience'),
        defaultHidden: true,
        render: (r) => r.savedQueryName ?? t('audience.explicit'),
      },
      { key: 'ownerName', title: t('fields.owner'), render: (r) => r.ownerName },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        render: (r) => formatDateTime(r.createdAt),
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('mailings:admin') ? (
              <Link to="/settings/mailing">
                <Button icon={<SettingOutlined aria-hidden />}>{t('settingsButton')}</Button>
              </Link>
            ) : null}
            {can('mailings:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<Mailing>
        queryKey={mailingKeys.all}
        fetcher={fetchMailings}
        columns={columns}
        rowKey={(r) => r.id}
        columnPreferenceKey="columns.mailings"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              options={mailingStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            />
          </Form.Item>,
          <Form.Item key="channel" name="channel" label={t('fields.channel')}>
            <Select
              allowClear
              options={mailingChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            />
          </Form.Item>,
        ]}
      />
      <MailingForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(m) => {
          setCreating(false);
          openRecord(m.id);
        }}
      />
      <MailingDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
