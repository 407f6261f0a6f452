import './texts.ts';
import { MessageOutlined, PlusOutlined } from '@ant-design/icons';
import type { FollowUp } from '@guanxi/contract';
import { Badge, Button, DatePicker, Form, Segmented, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type MineOrTeam, useMineOrTeam } from '../../lib/use-mine-or-team.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { fetchFollowUps, followUpKeys } from './api.ts';
import { FollowUpDetail } from './follow-up-detail.tsx';
import { FollowUpDrawer, type FollowUpStart } from './follow-up-drawer.tsx';
import { AttitudeTag } from './labels.tsx';

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const range = values.period as [Dayjs | null, Dayjs | null] | null | undefined;
  return {
    type: text(values.type),
    userId: text(values.userId),
    customerId: text(values.customerId),
    // days of the tenant, both inclusive
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
}

const urlState = { filterKeys: ['type', 'userId', 'customerId'] };

/** 跟进记录: mine or my team's (the follow-ups scope), filters, 写跟进, a detail drawer (`?id=`). */
export function FollowUpsPage() {
  const { t } = useTranslation('followUps');
  const can = useCan();
  const [view, setView] = useMineOrTeam('follow-ups');
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<{ new: FollowUpStart } | FollowUp | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);

  const columns = useMemo<ListColumn<FollowUp>[]>(
    () => [
      {
        key: 'occurredAt',
        title: t('fields.occurredAt'),
        sortable: true,
        alwaysVisible: true,
        render: (f) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(f.id)}>
            {formatDateTime(f.occurredAt)}
          </Button>
        ),
      },
      {
        key: 'customerName',
        title: t('fields.customerId'),
        render: (f) => <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link>,
      },
      {
        key: 'content',
        title: t('fields.content'),
        ellipsis: true,
        width: 320,
        render: (f) => <Typography.Text ellipsis={{ tooltip: f.content }}>{f.content}</Typography.Text>,
      },
      { key: 'typeName', title: t('fields.type'), render: (f) => <Tag>{f.typeName}</Tag> },
      { key: 'userName', title: t('fields.userId'), render: (f) => f.userName },
      { key: 'contactName', title: t('fields.contactId'), render: (f) => f.contactName ?? '' },
      { key: 'topicName', title: t('fields.topic'), defaultHidden: true, render: (f) => f.topicName ?? '' },
      { key: 'stageName', title: t('fields.stage'), defaultHidden: true, render: (f) => f.stageName ?? '' },
      {
        key: 'attitude',
        title: t('fields.attitude'),
        render: (f) => (f.attitude ? <AttitudeTag attitude={f.attitude} /> : ''),
      },
      {
        key: 'nextFollowUpAt',
        title: t('fields.nextFollowUpAt'),
        render: (f) => formatDateTime(f.nextFollowUpAt),
      },
      {
        key: 'commentCount',
        title: t('fields.commentCount'),
        align: 'center',
        render: (f) =>
          f.commentCount ? (
            <Badge count={f.commentCount} size="small" color="blue">
              <MessageOutlined aria-label={t('fields.commentCount')} />
            </Badge>
          ) : (
            ''
          ),
      },
    ],
    [t, openRecord],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('follow-ups:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer({ new: {} })}>
              {t('write')}
            </Button>
          ) : null
        }
      />
      <ListPage<FollowUp>
        queryKey={followUpKeys.all}
        fetcher={fetchFollowUps}
        columns={columns}
        rowKey={(f) => f.id}
        columnPreferenceKey="columns.follow-ups"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-occurredAt"
        urlState={urlState}
        show={shown}
        fixedParams={view === 'mine' ? { mine: 'true' } : undefined}
        toolbar={
          <Segmented
            value={view}
            onChange={(v) => setView(v as MineOrTeam)}
            options={[
              { value: 'mine', label: t('views.mine') },
              { value: 'team', label: t('views.team') },
            ]}
          />
        }
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="type" name="type" label={t('fields.type')}>
            <DictionarySelect type="follow-up-type" />
          </Form.Item>,
          <Form.Item key="period" name="period" label={t('fields.period')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>,
          ...(can('users:view')
            ? [
                <Form.Item key="userId" name="userId" label={t('fields.userId')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
          ...(can('customers:view')
            ? [
                <Form.Item key="customerId" name="customerId" label={t('fields.customerId')}>
                  <CustomerSelect />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <FollowUpDrawer
        target={drawer}
        onClose={() => setDrawer(null)}
        onSaved={(f) => {
          if (drawer && 'new' in drawer) setShown({ id: f.id, search: f.content.slice(0, 20) });
        }}
      />
      <FollowUpDetail id={openId} onClose={() => openRecord(null)} onEdit={(f) => setDrawer(f)} />
    </>
  );
}
