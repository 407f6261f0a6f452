import type { CheckIn } from '@guanxi/contract';
import { Descriptions, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTimeSeconds } from '../../lib/format.ts';
import {
  CheckInFlags,
  CheckInPhotoView,
  CheckInTypeTag,
  formatArea,
  useFormatDistance,
} from '../check-ins/labels.tsx';

type Props = {
  record: CheckIn & { customerName?: string | null; note?: string | null; userName?: string };
  /** Narrow places (the phone, a drawer) put the photo under the facts. */
  column?: number;
};

/** What the server made of a check-in: times, distance, area, flags and the watermarked photo. */
export function CheckInFacts({ record, column = 1 }: Props) {
  const { t } = useTranslation('checkIns');
  const distance = useFormatDistance();
  const items = [
    { key: 'type', label: t('columns.type'), children: <CheckInTypeTag type={record.type} /> },
    ...(record.userName ? [{ key: 'user', label: t('columns.user'), children: record.userName }] : []),
    ...(record.customerName
      ? [{ key: 'customer', label: t('columns.customer'), children: record.customerName }]
      : []),
    { key: 'captured', label: t('columns.capturedAt'), children: formatDateTimeSeconds(record.capturedAt) },
    { key: 'server', label: t('columns.serverTime'), children: formatDateTimeSeconds(record.serverTime) },
    { key: 'distance', label: t('columns.distance'), children: distance(record.distanceMeters) },
    { key: 'area', label: t('columns.area'), children: formatArea(record.area) || '—' },
    {
      key: 'accuracy',
      label: t('columns.accuracy'),
      children: record.accuracy === null ? '—' : t('units.meters', { value: Math.round(record.accuracy) }),
    },
    { key: 'flags', label: t('columns.flags'), children: <CheckInFlags flags={record.flags} /> },
    ...(record.note ? [{ key: 'note', label: t('columns.note'), children: record.note }] : []),
  ];
  // the photo first: it is what proves the visit
  return (
    <Flex vertical gap={12}>
      <CheckInPhotoView photo={record.photo} size="full" alt={t('photoAlt')} />
      <Descriptions
        size="small"
        bordered
        column={column}
        items={items}
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
      />
    </Flex>
  );
}
