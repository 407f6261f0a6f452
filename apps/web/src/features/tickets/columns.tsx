import './texts.ts';
import type { TicketListItem } from '@guanxi/contract';
import { Button, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PriorityTag, SlaCell, TicketStatusTag } from './labels.tsx';

/** The columns of the page and of the customer's tab (`open`: how a number opens its ticket). */
export function useTicketColumns(open: (id: string) => void, withCustomer = true) {
  const { t } = useTranslation('tickets');
  return useMemo<ListColumn<TicketListItem>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        sortable: true,
        alwaysVisible: true,
        render: (k) => (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(k.id)}>
            {k.number}
          </Button>
        ),
      },
      {
        key: 'title',
        title: t('fields.title'),
        ellipsis: true,
        width: 200,
        render: (k) => <Typography.Text ellipsis={{ tooltip: k.title }}>{k.title}</Typography.Text>,
      },
      ...(withCustomer
        ? [
            {
              key: 'customer',
              title: t('fields.customer'),
              ellipsis: true,
              // a public-form ticket may wait for its customer: who asked, marked 未关联
              render: (k: TicketListItem) =>
                k.customerName ??
                (k.submitter ? (
                  <Typography.Text type="warning">
                    {k.submitter.company ?? k.submitter.name}（{t('unlinked')}）
                  </Typography.Text>
                ) : (
                  '—'
                )),
            },
          ]
        : []),
      { key: 'type', title: t('fields.type'), render: (k) => k.typeName },
      { key: 'priority', title: t('fields.priority'), render: (k) => <PriorityTag priority={k.priority} /> },
      { key: 'status', title: t('fields.status'), render: (k) => <TicketStatusTag status={k.status} /> },
      { key: 'handler', title: t('fields.handler'), render: (k) => k.handlerName ?? '—' },
      { key: 'sla', title: t('fields.sla'), render: (k) => <SlaCell ticket={k} /> },
      {
        key: 'channel',
        title: t('fields.channel'),
        defaultHidden: true,
        render: (k) => (k.channel ? t(`channels.${k.channel}`) : ''),
      },
      {
        key: 'department',
        title: t('fields.department'),
        defaultHidden: true,
        render: (k) => k.departmentName,
      },
      {
        key: 'createdAt',
        title: t('fields.createdAt'),
        sortable: true,
        render: (k) => k.createdAt.slice(0, 16).replace('T', ' '),
      },
    ],
    [t, open, withCustomer],
  );
}
