import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import { type TicketListItem, ticketPriorities, ticketStatuses } from '@guanxi/contract';
import { Button, Form, Segmented, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { fetchTickets, ticketKeys } from './api.ts';
import { PriorityTag, SlaCell, TicketStatusTag } from './labels.tsx';
import { TicketDetail } from './ticket-detail.tsx';
import { type NewTicket, TicketDrawer } from './ticket-drawer.tsx';

const urlState = { filterKeys: ['status', 'priority', 'typeId', 'overdue'] };
const views = ['all', 'mine', 'queue'] as const;
type View = (typeof views)[number];

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
              render: (k: TicketListItem) => k.customerName,
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

/** 服务工单: 全部 / 我的 / 待领取, filters, 新建工单, a detail drawer (`?id=`). */
export function TicketsPage() {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const view = (views as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'all';
  const [openId, openRecord] = useOpenRecord();
  const [creating, setCreating] = useState<NewTicket | null>(null);
  const columns = useTicketColumns(openRecord);

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('tickets:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating({})}>
              {t('create')}
            </Button>
          ) : null
        }
      />
      <ListPage<TicketListItem>
        queryKey={ticketKeys.all}
        fetcher={fetchTickets}
        columns={columns}
        rowKey={(k) => k.id}
        rowLabel={(k) => k.number}
        columnPreferenceKey="columns.tickets"
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        fixedParams={view === 'all' ? undefined : { view }}
        toolbar={
          <Segmented<View>
            value={view}
            onChange={(v) =>
              updateParams((p) => {
                if (v === 'all') p.delete('view');
                else p.set('view', v);
                p.delete('page');
              })
            }
            options={views.map((v) => ({ value: v, label: t(`views.${v}`) }))}
          />
        }
        filterFields={[
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={ticketStatuses.map((v) => ({ value: v, label: t(`statuses.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="priority" name="priority" label={t('fields.priority')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={ticketPriorities.map((v) => ({ value: v, label: t(`priorities.${v}`) }))}
            />
          </Form.Item>,
          <Form.Item key="typeId" name="typeId" label={t('fields.type')}>
            <DictionarySelect type="service-type" allowClear placeholder={t('filters.any')} />
          </Form.Item>,
          <Form.Item key="overdue" name="overdue" label={t('filters.overdue')}>
            <Select
              allowClear
              placeholder={t('filters.any')}
              options={[
                { value: 'true', label: t('filters.overdueYes') },
                { value: 'false', label: t('filters.overdueNo') },
              ]}
            />
          </Form.Item>,
        ]}
      />
      <TicketDrawer target={creating} onClose={() => setCreating(null)} onSaved={(k) => openRecord(k.id)} />
      <TicketDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
