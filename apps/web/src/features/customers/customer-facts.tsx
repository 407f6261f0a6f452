import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Descriptions, Rate, Tag, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions';
import gcoord from 'gcoord';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCustomerDictionaryLabel } from './customer-dictionary-fields.ts';
import { customerTypeLabel } from './labels.ts';
import { formatMoney } from './money.ts';
import { useRegionPath } from './use-region-path.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;
const text = (v: string | null | undefined) => (v ? v : dash);

/** Amap's marker page for a WGS-84 location (Amap draws GCJ-02, so the point is converted first). */
export function amapMarkerUrl(lat: number, lng: number) {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return `https://uri.amap.com/marker?position=${x.toFixed(6)},${y.toFixed(6)}`;
}

/** The 360 header's key facts; fields hidden by field permissions are left out. */
export function CustomerFacts({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const isPhone = useIsPhone();
  const dict = useCustomerDictionaryLabel();
  const region = useRegionPath(c.regionId) ?? c.regionName;
  const items: DescriptionsItemType[] = [
    { key: 'number', label: t('fields.number'), children: text(c.number) },
    { key: 'type', label: t('fields.type'), children: customerTypeLabel(t, c.type) },
    c.state === 'pool'
      ? { key: 'pool', label: t('fields.poolName'), children: text(c.poolName) }
      : { key: 'owner', label: t('fields.ownerId'), children: text(c.ownerName) },
    { key: 'department', label: t('fields.departmentName'), children: text(c.departmentName) },
    {
      key: 'level',
      label: t('fields.levelId'),
      children: text(dict(c, 'levelId')),
    },
    {
      key: 'status',
      label: t('fields.statusId'),
      children: text(dict(c, 'statusId')),
    },
    {
      key: 'intention',
      label: t('fields.intentionId'),
      children: text(dict(c, 'intentionId')),
    },
    {
      key: 'industry',
      label: t('fields.industryId'),
      children: text(dict(c, 'industryId')),
    },
    {
      key: 'source',
      label: t('fields.sourceId'),
      children: text(dict(c, 'sourceId')),
    },
    ...('phone' in c ? [{ key: 'phone', label: t('fields.phone'), children: text(c.phone) }] : []),
    ...('mobile' in c ? [{ key: 'mobile', label: t('fields.mobile'), children: text(c.mobile) }] : []),
    {
      key: 'region',
      label: t('facts.regionAddress'),
      span: 2,
      children: region || c.address ? [region, c.address].filter(Boolean).join(' ') : dash,
    },
    {
      key: 'location',
      label: t('facts.location'),
      children:
        c.lat != null && c.lng != null ? (
          <span>
            {c.lat.toFixed(6)}, {c.lng.toFixed(6)}{' '}
            <Typography.Link href={amapMarkerUrl(c.lat, c.lng)} target="_blank" rel="noopener noreferrer">
              {t('facts.openMap')}
            </Typography.Link>
          </span>
        ) : (
          dash
        ),
    },
    {
      key: 'next',
      label: t('fields.nextFollowUpAt'),
      children: c.nextFollowUpAt ? formatDateTime(c.nextFollowUpAt) : dash,
    },
    {
      key: 'last',
      label: t('fields.lastFollowUpAt'),
      children: c.lastFollowUpAt ? formatDateTime(c.lastFollowUpAt) : dash,
    },
    {
      key: 'lastOrder',
      label: t('fields.lastOrderAt'),
      children: c.lastOrderAt ? formatDateTime(c.lastOrderAt) : dash,
    },
    { key: 'protected', label: t('fields.protectedUntil'), children: text(c.protectedUntil) },
    {
      key: 'credit',
      label: t('fields.credit'),
      children: c.credit ? <Rate disabled value={c.credit} style={{ fontSize: 14 }} /> : dash,
    },
    {
      key: 'satisfaction',
      label: t('fields.satisfaction'),
      children: c.satisfaction ? <Rate disabled value={c.satisfaction} style={{ fontSize: 14 }} /> : dash,
    },
    ...('annualTurnover' in c
      ? [
          {
            key: 'turnover',
            label: t('fields.annualTurnover'),
            children: c.annualTurnover ? formatMoney(c.annualTurnover) : dash,
          },
        ]
      : []),
    {
      key: 'tags',
      label: t('fields.tags'),
      span: 2,
      children: c.tags.length ? c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : dash,
    },
  ];
  // a phone shows only what is known: a long column of dashes says little
  const shown = isPhone ? items.filter((i) => i.children !== dash) : items;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }}
      items={shown}
      className="customer-facts"
    />
  );
}
