import './texts.ts';
import type { CampaignStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';

const statusColors: Record<CampaignStatus, string> = {
  planned: 'blue',
  running: 'green',
  finished: 'default',
  cancelled: 'red',
};

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('campaigns');
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

/** A channel's name in the UI language (the answer carries the Chinese one). */
export function useChannelLabel(): (id: string, fallback: string) => string {
  const items = useDictionaryItems('campaign-channel');
  const label = useItemLabel();
  return useCallback(
    (id: string, fallback: string) => {
      const item = items.data?.find((i) => i.id === id);
      return item ? label(item) : fallback;
    },
    [items.data, label],
  );
}

/**
 * A decimal string as money with thousands separators (`"12350.5"` → `"12,350.50"`), by its digits
 * — never through a float, which would round big amounts.
 */
export function formatMoney(value: string | null | undefined): string {
  if (value == null || value === '') return '';
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** Money for a figure that may be absent (cost per lead with no leads). */
export const moneyOrDash = (value: string | null | undefined) =>
  value == null ? '—' : `¥${formatMoney(value)}`;
