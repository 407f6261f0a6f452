import './texts.ts';
import type { CheckIn, CheckInArea, CheckInFlag, CheckInItem, CheckInType } from '@guanxi/contract';
import { Flex, Image, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { MapMarker } from '../../components/geo-map.tsx';
import { API_BASE } from '../../lib/api.ts';

/** Flags that put the record in doubt are red; the rest only say how it was made. */
const flagColors: Record<CheckInFlag, string> = {
  far_from_customer: 'red',
  photo_reused: 'red',
  low_accuracy: 'orange',
  no_location: 'orange',
  late_sync: 'blue',
};

const typeColors: Record<CheckInType, string> = {
  'attendance-in': 'green',
  'attendance-out': 'default',
  'visit-in': 'blue',
  'visit-out': 'geekblue',
  activity: 'purple',
};

/** A check-in's colour on a map, by type. */
const checkInMarkerColors: Record<CheckInType, string> = {
  'attendance-in': '#389e0d',
  'attendance-out': '#8c8c8c',
  'visit-in': '#1668dc',
  'visit-out': '#2f54eb',
  activity: '#722ed1',
};

/**
 * The check-ins that have a position as map markers coloured by type (后台监控 and the dashboard's
 * 签到地图); `describe` names each one (and may give it a popup).
 */
export function checkInMarkers(
  items: CheckInItem[],
  describe: (c: CheckInItem) => Pick<MapMarker, 'title' | 'popup'>,
): MapMarker[] {
  return items.flatMap((c) =>
    c.lat === null || c.lng === null
      ? []
      : [{ id: c.id, lat: c.lat, lng: c.lng, color: checkInMarkerColors[c.type], ...describe(c) }],
  );
}

export function CheckInTypeTag({ type }: { type: CheckInType }) {
  const { t } = useTranslation('checkIns');
  return <Tag color={typeColors[type]}>{t(`types.${type}`)}</Tag>;
}

/** The server's flags as readable tags; none → 正常. */
export function CheckInFlags({ flags }: { flags: CheckInFlag[] }) {
  const { t } = useTranslation('checkIns');
  if (flags.length === 0) return <Tag color="success">{t('flags.none')}</Tag>;
  return (
    <Flex wrap gap={4}>
      {flags.map((flag) => (
        <Tag key={flag} color={flagColors[flag]} style={{ marginInlineEnd: 0 }}>
          {t(`flags.${flag}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** 320 米 / 1.2 公里; unknown → —. */
export function formatDistance(t: TFunction<'checkIns'>, meters: number | null | undefined): string {
  if (meters === null || meters === undefined) return '—';
  return meters < 1000
    ? t('units.meters', { value: Math.round(meters) })
    : t('units.kilometers', { value: (meters / 1000).toFixed(meters < 10_000 ? 2 : 1) });
}

/** `formatDistance` in the current language, for components of other namespaces. */
export function useFormatDistance() {
  const { t } = useTranslation('checkIns');
  return (meters: number | null | undefined) => formatDistance(t, meters);
}

/** 上海市 浦东新区 (a municipality's city repeats its province: said once). */
export function formatArea(area: CheckInArea | null | undefined): string {
  if (!area) return '';
  const parts = [area.province, area.city, area.district, area.street].filter(
    (p, i, all): p is string => !!p && all.indexOf(p) === i,
  );
  return parts.join(' ');
}

export const photoUrl = (fileId: string, size: 'thumbnail' | 'full') =>
  `${API_BASE}/files/${fileId}/content?${size === 'thumbnail' ? 'thumbnail=1' : 'inline=1'}`;

/** The watermarked photo (what people see); a click opens it large. */
export function CheckInPhotoView({
  photo,
  size,
  alt,
}: {
  photo: CheckIn['photo'];
  size: 'thumbnail' | 'full';
  alt: string;
}) {
  const { t } = useTranslation('checkIns');
  if (!photo) return <span>{t('noPhoto')}</span>;
  return (
    <Image
      src={photoUrl(photo.fileId, size)}
      preview={{ src: photoUrl(photo.fileId, 'full') }}
      alt={alt}
      width={size === 'thumbnail' ? 48 : '100%'}
      height={size === 'thumbnail' ? 48 : undefined}
      style={
        size === 'thumbnail'
          ? { objectFit: 'cover', borderRadius: 4 }
          : { maxHeight: 360, objectFit: 'contain' }
      }
    />
  );
}
