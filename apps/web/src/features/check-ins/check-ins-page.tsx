import { type CheckInItem, checkInTypes } from '@guanxi/contract';
import { Button, DatePicker, Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { formatDateTimeSeconds } from '../../lib/format.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { checkInKeys, fetchCheckIns } from './api.ts';
import { CheckInDrawer } from './check-in-drawer.tsx';
import { CheckInFlags, CheckInPhotoView, CheckInTypeTag, formatArea, formatDistance } from './labels.tsx';

function mapFilters(values: Record<string, unknown>): Record<string, QueryValue> {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    date: (values.date as Dayjs | null | undefined)?.format('YYYY-MM-DD'),
    userId: text(values.userId),
    type: text(values.type),
    customerId: text(values.customerId),
  };
}

/** 签到记录: every check-in in the caller's scope, newest first, with its photo and flags. */
export function CheckInsPage() {
  const { t } = useTranslation('checkIns');
  const can = useCan();
  const [openId, setOpenId] = useState<string | null>(null);
  // what a manager checks first comes first (a phone shows only the first columns without scrolling)
  const columns = useMemo<ListColumn<CheckInItem>[]>(
    () => [
      {
        key: 'capturedAt',
        title: t('columns.capturedAt'),
        alwaysVisible: true,
        render: (r) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
            {formatDateTimeSeconds(r.capturedAt)}
          </Button>
        ),
      },
      { key: 'type', title: t('columns.type'), render: (r) => <CheckInTypeTag type={r.type} /> },
      { key: 'userName', title: t('columns.user'), render: (r) => r.userName },
      {
        key: 'customerName',
        title: t('columns.customer'),
        ellipsis: true,
        render: (r) => r.customerName ?? '',
      },
      {
        key: 'distanceMeters',
        title: t('columns.distance'),
        align: 'right',
        render: (r) => formatDistance(t, r.distanceMeters),
      },
      {
        key: 'photo',
        title: t('columns.photo'),
        width: 72,
        render: (r) => <CheckInPhotoView photo={r.photo} size="thumbnail" alt={t('photoAlt')} />,
      },
      { key: 'area', title: t('columns.area'), render: (r) => formatArea(r.area) },
      { key: 'flags', title: t('columns.flags'), render: (r) => <CheckInFlags flags={r.flags} /> },
      {
        key: 'serverTime',
        title: t('columns.serverTime'),
        render: (r) => (
          <Typography.Text type="secondary">{formatDateTimeSeconds(r.serverTime)}</Typography.Text>
        ),
      },
      {
        key: 'note',
        title: t('columns.note'),
        defaultHidden: true,
        ellipsis: true,
        render: (r) => r.note ?? '',
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <ListPage<CheckInItem>
        queryKey={checkInKeys.list}
        fetcher={fetchCheckIns}
        columns={columns}
        rowKey={(r) => r.id}
        columnPreferenceKey="columns.check-ins"
        searchable={false}
        emptyText={t('empty')}
        mapFilters={mapFilters}
        filterFields={[
          <Form.Item key="date" name="date" label={t('filters.date')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>,
          ...(can('users:view')
            ? [
                <Form.Item key="userId" name="userId" label={t('filters.user')}>
                  <UserSelect />
                </Form.Item>,
              ]
            : []),
          <Form.Item key="type" name="type" label={t('filters.type')}>
            <Select allowClear options={checkInTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))} />
          </Form.Item>,
          ...(can('customers:view')
            ? [
                <Form.Item key="customerId" name="customerId" label={t('filters.customer')}>
                  <CustomerSelect />
                </Form.Item>,
              ]
            : []),
        ]}
      />
      <CheckInDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
