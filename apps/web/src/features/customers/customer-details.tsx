import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Descriptions, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { useCustomFieldDescriptions } from '../custom-fields/custom-field-value.tsx';
import { formatMoney } from './money.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** The 资料 tab: every other field of the customer (business, bank, profile …). */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const custom = useCustomFieldDescriptions('customers', c.custom);
  const record = c as unknown as Record<string, unknown>;
  const field = (name: string, format?: (v: string) => string, span?: number): DescriptionsItemType[] => {
    if (!(name in record)) return []; // hidden by field permissions
    const value = record[name];
    return [
      {
        key: name,
        label: t(`fields.${name}` as 'fields.name'),
        span,
        children:
          value === null || value === undefined || value === ''
            ? dash
            : format
              ? format(String(value))
              : String(value),
      },
    ];
  };
  const items: DescriptionsItemType[] = [
    ...field('shortName'),
    ...field('email'),
    ...field('website'),
    ...field('legalRepresentative'),
    ...field('registeredCapital', formatMoney),
    ...field('annualTurnover', formatMoney),
    ...field('taxNumber'),
    ...field('bankName'),
    ...field('bankAccount'),
    ...field('createdAt', formatDateTime),
    ...field('submittedAt', formatDateTime),
    ...custom,
    {
      key: 'profile',
      label: t('fields.profile'),
      span: 'filled' as const,
      children: c.profile ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {c.profile}
        </Typography.Paragraph>
      ) : (
        dash
      ),
    },
  ];
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
}
