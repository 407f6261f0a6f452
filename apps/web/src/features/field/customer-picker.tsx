import { EnvironmentOutlined, LogoutOutlined, SearchOutlined } from '@ant-design/icons';
import type { CheckInType } from '@guanxi/contract';
import { Alert, Button, Drawer, Empty, Input, List, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/access.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useMyCheckInsToday } from '../check-ins/api.ts';
import { useFormatDistance } from '../check-ins/labels.tsx';
import { usePickableCustomers } from './api.ts';
import { useLocation } from './use-location.ts';

type Props = {
  type: Extract<CheckInType, 'visit-in' | 'visit-out'>;
  onClose: () => void;
  onPick: (customer: { id: string; name: string }) => void;
};

/** 选择客户: the customers nearest the phone first, or a search by name; one tap picks. */
export function CustomerPicker({ type, onClose, onPick }: Props) {
  const { t } = useTranslation('field');
  const { t: tc } = useTranslation('checkIns');
  const isPhone = useIsPhone();
  const me = useMe();
  const distance = useFormatDistance();
  const location = useLocation(true);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const customers = usePickableCustomers(me.user.id, location.fix, q);
  // offline the saved list shows at once; online the nearest need a fix first
  // 拜访签退 is mostly at the customer of the last 拜访签到: offered first
  const today = useMyCheckInsToday(me.user.id, me.tenant.timezone);
  const lastVisit =
    type === 'visit-out'
      ? today.data?.find((c) => c.type === 'visit-in' && c.customerId && c.customerName)
      : undefined;
  const waitingForFix = !q && location.status === 'locating' && navigator.onLine;

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('picker.title', { type: tc(`types.${type}`) })}
      size={isPhone ? '100%' : 480}
      placement={isPhone ? 'bottom' : 'right'}
      destroyOnHidden
      styles={{ body: { padding: isPhone ? 12 : 16 } }}
    >
      {lastVisit ? (
        <Button
          type="primary"
          size="large"
          block
          icon={<LogoutOutlined aria-hidden />}
          style={{ height: 56, marginBottom: 12 }}
          onClick={() => onPick({ id: lastVisit.customerId!, name: lastVisit.customerName! })}
        >
          {t('picker.lastVisit', { name: lastVisit.customerName })}
        </Button>
      ) : null}
      <Input
        size="large"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('picker.search')}
        aria-label={t('picker.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {!q && (location.status === 'denied' || location.status === 'unavailable') ? (
        <Alert
          type="warning"
          showIcon
          title={t(`location.${location.status}`)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {waitingForFix || customers.isFetching ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} description={t('picker.loading')} />
      ) : customers.isError ? (
        <Alert type="error" showIcon title={customers.error.message} />
      ) : (
        <List
          aria-label={q ? t('picker.results') : t('picker.nearby')}
          header={
            <Typography.Text type="secondary">{q ? t('picker.results') : t('picker.nearby')}</Typography.Text>
          }
          dataSource={customers.data ?? []}
          locale={{ emptyText: <Empty description={q ? t('picker.noMatch') : t('picker.noneNearby')} /> }}
          renderItem={(c) => (
            <List.Item
              className="field-pick"
              role="button"
              tabIndex={0}
              aria-label={c.name}
              onClick={() => onPick({ id: c.id, name: c.name })}
              onKeyDown={(e) => (e.key === 'Enter' ? onPick({ id: c.id, name: c.name }) : undefined)}
              extra={
                c.distanceMeters !== null ? (
                  <Typography.Text strong>
                    <EnvironmentOutlined aria-hidden /> {distance(c.distanceMeters)}
                  </Typography.Text>
                ) : null
              }
            >
              <List.Item.Meta title={c.name} description={c.address ?? undefined} />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
