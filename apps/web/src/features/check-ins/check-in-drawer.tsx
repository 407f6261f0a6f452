import { AimOutlined } from '@ant-design/icons';
import type { CheckInItem } from '@guanxi/contract';
import { App, Button, Drawer, Flex, Popconfirm, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { CheckInFacts } from '../field/check-in-result.tsx';
import { useCheckIn, useSetCustomerLocation } from './api.ts';

// Leaflet is a chunk of its own: the list shows without it, the drawer's map comes when opened.
const GeoMap = lazy(() => import('../../components/geo-map.tsx').then((m) => ({ default: m.GeoMap })));

/** One check-in: the facts, the watermarked photo and where it was made on a small map. */
export function CheckInDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('checkIns');
  const isPhone = useIsPhone();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const query = useCheckIn(id ?? undefined);
  const setLocation = useSetCustomerLocation();
  const canSetLocation = (record: CheckInItem) =>
    (record.type === 'visit-in' || record.type === 'visit-out') &&
    !!record.customerId &&
    record.lat !== null &&
    record.lng !== null &&
    can('customers:edit');

  return (
    <Drawer open={!!id} onClose={onClose} title={t('detail')} size={isPhone ? '100%' : 560} destroyOnHidden>
      <QueryState query={query}>
        {(record) => (
          <Flex vertical gap={12}>
            {record.lat !== null && record.lng !== null ? (
              <Suspense fallback={<div style={{ height: 220 }} />}>
                <GeoMap
                  height={220}
                  label={t('map')}
                  markers={[{ id: record.id, lat: record.lat, lng: record.lng, title: record.userName }]}
                />
              </Suspense>
            ) : (
              <Typography.Text type="secondary">{t('noLocation')}</Typography.Text>
            )}
            {canSetLocation(record) ? (
              <Popconfirm
                title={t('setCustomerLocationConfirm', { name: record.customerName ?? '' })}
                onConfirm={() =>
                  setLocation
                    .mutateAsync(record.id)
                    .then(() => message.success(t('customerLocationSet')), showError)
                }
              >
                <Button icon={<AimOutlined aria-hidden />} loading={setLocation.isPending}>
                  {t('setCustomerLocation')}
                </Button>
              </Popconfirm>
            ) : null}
            <CheckInFacts record={record} />
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}
