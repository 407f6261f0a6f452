import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Rate, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { ListColumn } from '../../components/list-page/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { CustomerDictionaryLabel } from './customer-dictionary-fields.ts';
import { CustomerStateTag, InvalidTag } from './customer-state-tag.tsx';
import { customerTypeLabel } from './labels.ts';
import { formatMoney } from './money.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function text(value: string | null | undefined) {
  return value ? value : dash;
}

function day(value: string | null | undefined) {
  return value ? formatDateTime(value).slice(0, 10) : dash;
}

/** The customer list's columns; fields hidden by field permissions are absent and show a dash. */
export function customerColumns(
  t: TFunction<'customers'>,
  options: { pool?: boolean; dict: CustomerDictionaryLabel },
): ListColumn<Customer>[] {
  const { dict } = options;
  return [
    { key: 'number', title: t('fields.number'), sortable: true, render: (c) => text(c.number) },
    {
      key: 'name',
      title: t('fields.name'),
      sortable: true,
      alwaysVisible: true,
      render: (c) => (
        <Space size={6} wrap={false}>
          <Link to={`/customers/${c.id}`} className="customer-name-link">
            <strong>{c.name}</strong>
          </Link>
          <InvalidTag customer={c} />
        </Space>
      ),
    },
    { key: 'shortName', title: t('fields.shortName'), defaultHidden: true, render: (c) => text(c.shortName) },
    { key: 'type', title: t('fields.type'), render: (c) => customerTypeLabel(t, c.type) },
    {
      key: 'state',
      title: t('fields.state'),
      defaultHidden: true,
      render: (c) => <CustomerStateTag state={c.state} />,
    },
    {
      key: 'levelName',
      title: t('fields.levelId'),
      render: (c) => text(dict(c, 'levelId')),
    },
    {
      key: 'statusName',
      title: t('fields.statusId'),
      render: (c) => text(dict(c, 'statusId')),
    },
    {
      key: 'intentionName',
      title: t('fields.intentionId'),
      render: (c) => text(dict(c, 'intentionId')),
    },
    {
      key: 'industryName',
      title: t('fields.industryId'),
      defaultHidden: true,
      render: (c) => text(dict(c, 'industryId')),
    },
    {
      key: 'sourceName',
      title: t('fields.sourceId'),
      defaultHidden: true,
      render: (c) => text(dict(c, 'sourceId')),
    },
    {
      key: 'regionName',
      title: t('fields.regionId'),
      render: (c) => text(dict(c, 'regionId')),
    },
    { key: 'phone', title: t('fields.phone'), render: (c) => text(c.phone ?? c.mobile) },
    { key: 'mobile', title: t('fields.mobile'), defaultHidden: true, render: (c) => text(c.mobile) },
    ...(options.pool
      ? [{ key: 'poolName', title: t('fields.poolName'), render: (c: Customer) => text(c.poolName) }]
      : [
          {
            key: 'ownerName',
            title: t('fields.ownerId'),
            sortable: true,
            render: (c: Customer) => text(c.ownerName),
          },
          {
            key: 'departmentName',
            title: t('fields.departmentName'),
            defaultHidden: true,
            render: (c: Customer) => text(c.departmentName),
          },
        ]),
    {
      key: 'tags',
      title: t('fields.tags'),
      render: (c) =>
        c.tags.length
          ? c.tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 4 }}>
                {tag}
              </Tag>
            ))
          : dash,
    },
    {
      key: 'credit',
      title: t('fields.credit'),
      sortable: true,
      defaultHidden: true,
      render: (c) =>
        c.credit ? <Rate disabled count={5} value={c.credit} style={{ fontSize: 12 }} /> : dash,
    },
    {
      key: 'satisfaction',
      title: t('fields.satisfaction'),
      sortable: true,
      defaultHidden: true,
      render: (c) =>
        c.satisfaction ? <Rate disabled count={5} value={c.satisfaction} style={{ fontSize: 12 }} /> : dash,
    },
    {
      key: 'annualTurnover',
      title: t('fields.annualTurnover'),
      sortable: true,
      defaultHidden: true,
      align: 'right',
      render: (c) => (c.annualTurnover ? formatMoney(c.annualTurnover) : dash),
    },
    {
      key: 'registeredCapital',
      title: t('fields.registeredCapital'),
      sortable: true,
      defaultHidden: true,
      align: 'right',
      render: (c) => (c.registeredCapital ? formatMoney(c.registeredCapital) : dash),
    },
    {
      key: 'lastFollowUpAt',
      title: t('fields.lastFollowUpAt'),
      sortable: true,
      render: (c) => day(c.lastFollowUpAt),
    },
    {
      key: 'lastOrderAt',
      title: t('fields.lastOrderAt'),
      defaultHidden: true,
      render: (c) => day(c.lastOrderAt),
    },
    {
      key: 'nextFollowUpAt',
      title: t('fields.nextFollowUpAt'),
      sortable: true,
      render: (c) => day(c.nextFollowUpAt),
    },
    {
      key: 'protectedUntil',
      title: t('fields.protectedUntil'),
      sortable: true,
      defaultHidden: true,
      render: (c) => text(c.protectedUntil),
    },
    { key: 'createdAt', title: t('fields.createdAt'), sortable: true, render: (c) => day(c.createdAt) },
  ];
}
