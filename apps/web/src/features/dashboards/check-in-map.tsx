import { Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GeoMap, type MapMarker } from '../../components/geo-map.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { tenantToday } from '../check-ins/api.ts';
import { checkInMarkers } from '../check-ins/labels.tsx';
import { useDayCheckIns } from '../monitoring/api.ts';
import './texts.ts';

/**
 * 签到地图: today's check-ins of the caller's scope (the check-ins list's own scope) as points,
 * each named by person, type, customer and time; 后台监控 has the day in full. Loaded apart from
 * the home's first paint (Leaflet is heavy).
 */
export function CheckInMap({ height }: { height: number }) {
  const { t } = useTranslation('dashboards');
  const { t: tc } = useTranslation('checkIns');
  const can = useCan();
  const me = useMe();
  const allowed = can('check-ins:view');
  const today = tenantToday(me.tenant.timezone);
  const day = useDayCheckIns(today, allowed);
  const markers = useMemo<MapMarker[]>(
    () =>
      checkInMarkers(day.data?.data ?? [], (c) => ({
        title: [c.userName, tc(`types.${c.type}`), c.customerName, dayjs(c.capturedAt).format('HH:mm')]
          .filter(Boolean)
          .join(' · '),
      })),
    [day.data, tc],
  );
  if (!allowed) return null;
  if (day.isError) return <QueryError error={day.error} onRetry={() => day.refetch()} />;
  if (!day.data) return <Skeleton active paragraph={{ rows: 5 }} />;
  return (
    <>
      {markers.length ? (
        <GeoMap markers={markers} height={height} label={t('map.label')} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.empty')} />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0', fontSize: 12 }}>
        {t('map.summary', { points: markers.length, total: day.data.total })}
        {' · '}
        <Link to="/monitoring">{t('map.monitoring')}</Link>
      </Typography.Paragraph>
    </>
  );
}
