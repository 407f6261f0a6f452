import './texts.ts';
import type { CheckInItem, Customer, ListResponse } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CheckInDrawer } from '../check-ins/check-in-drawer.tsx';
import { CheckInFlags, CheckInPhotoView, CheckInTypeTag, useFormatDistance } from '../check-ins/labels.tsx';

/** 拜访签到 tab of the 360 page: the check-ins at this customer in the caller's check-ins scope. */
export function CustomerVisitsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('followUps');
  const distance = useFormatDistance();
  const [openId, setOpenId] = useState<string | null>(null);
  const visits = useQuery({
    queryKey: ['check-ins', 'customer', customer.id],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CheckInItem>>('/check-ins', { customerId: customer.id, pageSize: 100 }, signal),
    retry: false,
  });
  if (visits.isError)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('visits.unavailable')}
        action={<Button onClick={() => void visits.refetch()}>{t('actions.retry', { ns: 'common' })}</Button>}
      />
    );
  return (
    <>
      <Table<CheckInItem>
        size="small"
        className="list-table"
        rowKey={(r) => r.id}
        loading={visits.isPending}
        dataSource={visits.data?.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.none')} /> }}
        columns={[
          {
            key: 'time',
            title: t('visits.time'),
            render: (_, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
                {formatDateTime(r.capturedAt)}
              </Button>
            ),
          },
          { key: 'type', title: t('visits.type'), render: (_, r) => <CheckInTypeTag type={r.type} /> },
          { key: 'person', title: t('visits.person'), render: (_, r) => r.userName },
          {
            key: 'distance',
            title: t('visits.distance'),
            align: 'right',
            render: (_, r) => distance(r.distanceMeters),
          },
          { key: 'flags', title: t('visits.flags'), render: (_, r) => <CheckInFlags flags={r.flags} /> },
          {
            key: 'photo',
            title: t('visits.photo'),
            width: 72,
            render: (_, r) => <CheckInPhotoView photo={r.photo} size="thumbnail" alt={t('visits.photo')} />,
          },
        ]}
      />
      <CheckInDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
