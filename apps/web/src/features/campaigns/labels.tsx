import './texts.ts';
import type { CampaignStatus } from '@guanxi/contract';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney as formatDigits } from '../customers/money.ts';
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

/** Money with thousands separators by its digits (customers' `formatMoney`); nothing for none. */
export const formatMoney = (value: string | null | undefined): string =>
  value == null || value === '' ? '' : formatDigits(value);

/** Money for a figure that may be absent (cost per lead with no leads). */
export const moneyOrDash = (value: string | null | undefined) =>
  value == null ? '—' : `¥${formatMoney(value)}`;
