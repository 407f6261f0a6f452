import './texts.ts';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import type { Campaign } from '@guanxi/contract';
import { type CampaignListItem, campaignStatuses } from '@guanxi/contract';
import { Button, DatePicker, Flex, Form, Select, Tag } from 'antd';
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
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { campaignKeys, fetchCampaigns } from './api.ts';
import { CampaignDetail } from './campaign-detail.tsx';
import { CampaignDrawer } from './campaign-drawer.tsx';
import { CampaignStatusTag, formatMoney, useChannelLabel } from './labels.tsx';

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join(',') : undefined);
  const range = values.period as [Dayjs | null, Dayjs | null] | null | undefined;
  return {
    channel: text(values.channel),
    status: list(values.status),
    ownerId: text(values.ownerId),
    // campaigns whose dates overlap the range (both days inclusive)
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
}

/**
 * 市场活动: the list in my scope with filters and a column chooser, 新建活动, a detail drawer (`?id=`).
 * The list keeps its state in memory: a new campaign is both marked in the list and opened, and the
 * list's address state would rewrite `?id=` from a stale address when it searches for the new row.
 */
export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  const can = useCan();
  const channel = useChannelLabel();
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<'new' | Campaign | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);

  const columns = useMemo<ListColumn<CampaignListItem>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (c) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => openRecord(c.id)}>
            {c.number}
          </Button>
        ),
      },
      { key: 'name', title: t('fields.name'), alwaysVisible: true, render: (c) => c.name },
      {
        key: 'channel',
        title: t('fields.channel'),
        render: (c) => <Tag>{channel(c.channel, c.channelName)}</Tag>,
      },
      { key: 'status', title: t('fields.status'), render: (c) => <CampaignStatusTag status={c.status} /> },
      {
        key: 'startDate',
        title: t('fields.period'),
        sortable: true,
        render: (c) => (c.startDate === c.endDate ? c.startDate : `${c.startDate} ~ ${c.endDate}`),
      },
      {
        key: 'budget',
        title: t('fields.budget'),
        align: 'right',
        render: (c) => (c.budget ? formatMoney(c.budget) : ''),
      },
      {
        key: 'totalExpense',
        title: t('fields.totalExpense'),
        align: 'right',
        render: (c) => formatMoney(c.totalExpense),
      },
      { key: 'leads', title: t('roi.leads'), align: 'right', render: (c) => c.leads },
      {
        key: 'customers',
        title: t('roi.customers'),
        align: 'right',
        defaultHidden: true,
        render: (c) => c.customers,
      },
      { key: 'ownerName', title: t('fields.owner'), render: (c) => c.ownerName },
      {
        key: 'departmentName',
        title: t('fields.department'),
        defaultHidden: true,
        render: (c) => c.departmentName,
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        defaultHidden: true,
        render: (c) => formatDateTime(c.createdAt),
      },
    ],
    [t, openRecord, channel],
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            <Link to="/campaigns/roi">
              <Button icon={<BarChartOutlined aria-hidden />}>{t('roiLink')}</Button>
            </Link>
            {can('campaigns:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
                {t('create')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<CampaignListItem>
        queryKey={campaignKeys.all}
        fetcher={fetchCampaigns}
        columns={columns}
        rowKey={(c) => c.id}
        rowLabel={(c) => c.name}
        columnPreferenceKey="columns.campaigns"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-startDate"
        show={shown}
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="channel" name="channel" label={t('fields.channel')}>
            <DictionarySelect type="campaign-channel" />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              mode="multiple"
              allowClear
              options={campaignStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            />
          </Form.Item>,
          <Form.Item key="period" name="period" label={t('fields.period')}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>,
          ...(can('users:view')
            ? [
                <Form.Item key="ownerId" name="ownerId" label={t('fields.owner')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <CampaignDetail id={openId} onClose={() => openRecord(null)} onEdit={(c) => setDrawer(c)} />
      {/* mounted while open only: opened from the detail, it lies over it (a drawer kept mounted
          from an earlier 新建 would open beneath) */}
      {drawer ? (
        <CampaignDrawer
          target={drawer}
          onClose={() => setDrawer(null)}
          onSaved={(c) => {
            if (drawer === 'new') {
              setShown({ id: c.id, search: c.number });
              openRecord(c.id);
            }
          }}
        />
      ) : null}
    </>
  );
}
