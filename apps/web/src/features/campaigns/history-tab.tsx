import './texts.ts';
import type { Campaign, CampaignStatus } from '@guanxi/contract';
import { useTranslation } from 'react-i18next';
import { FieldHistory } from '../../components/field-history.tsx';
import { useCan } from '../../lib/access.ts';
import { formatValue } from '../../lib/format.ts';
import { useUserNames } from '../customers/use-user-names.ts';
import { useDepartments } from '../departments/api.ts';
import { useCampaignHistory } from './api.ts';
import { formatMoney, useChannelLabel } from './labels.tsx';

/** Field names of the audit log → the labels of the form. */
const fieldKeys: Record<string, string> = {
  name: 'fields.name',
  channelId: 'fields.channel',
  status: 'fields.status',
  startDate: 'fields.startDate',
  endDate: 'fields.endDate',
  budget: 'fields.budget',
  targetCustomers: 'fields.targetCustomers',
  products: 'fields.products',
  partners: 'fields.partners',
  description: 'fields.description',
  ownerId: 'fields.owner',
  departmentId: 'fields.department',
  participantIds: 'fields.participants',
  expenses: 'tabs.expenses',
};

/** 变更记录: who changed what and when, with channels, people and departments by name. */
export function CampaignHistoryTab({ c }: { c: Campaign }) {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation();
  const can = useCan();
  const history = useCampaignHistory(c.id);
  const channel = useChannelLabel();
  const departments = useDepartments(can('departments:view'));
  const ids = (history.data ?? [])
    .filter((h) => h.field === 'ownerId' || h.field === 'participantIds')
    .flatMap((h) => [h.before, h.after].flat())
    .filter((v): v is string => typeof v === 'string');
  const users = useUserNames(ids);
  // the people on the campaign now are known without a look-up
  const person = (id: string) =>
    users.get(id) ??
    (id === c.ownerId ? c.ownerName : undefined) ??
    c.participants.find((p) => p.id === id)?.name ??
    id;
  const department = (id: string) =>
    departments.data?.find((d) => d.id === id)?.name ?? (id === c.departmentId ? c.departmentName : id);

  const valueLabel = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'channelId') return channel(String(value), String(value));
    if (field === 'status') return t(`status.${value as CampaignStatus}`);
    if (field === 'budget') return `¥${formatMoney(String(value))}`;
    if (field === 'ownerId') return person(String(value));
    if (field === 'departmentId') return department(String(value));
    if (field === 'participantIds' && Array.isArray(value))
      return value.map((v) => person(String(v))).join('、');
    if (field === 'expenses' && Array.isArray(value)) return value.join('；');
    return formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  };

  return (
    <FieldHistory
      changes={history.data}
      loading={history.isPending}
      error={history.error}
      onRetry={() => void history.refetch()}
      fieldLabel={(f) => (fieldKeys[f] ? t(fieldKeys[f] as 'fields.name') : f)}
      valueLabel={valueLabel}
    />
  );
}
