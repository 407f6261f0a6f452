import './texts.ts';
import type { Customer, TicketListItem } from '@guanxi/contract';
import { Button } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import { useCan } from '../../lib/access.ts';
import { fetchCustomerTickets, ticketKeys } from './api.ts';
import { useTicketColumns } from './columns.tsx';
import { type NewTicket, TicketDrawer } from './ticket-drawer.tsx';

/** 服务工单 of the customer 360: the customer's tickets in my scope, and 新建工单 for them. */
export function CustomerTicketsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('tickets');
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState<NewTicket | null>(null);
  const fetcher = useMemo(() => fetchCustomerTickets(customer.id), [customer.id]);
  const open = useCallback((id: string) => navigate(`/tickets?id=${id}`), [navigate]);
  const columns = useTicketColumns(open, false);
  return (
    <>
      <ListPage<TicketListItem>
        queryKey={[...ticketKeys.all, 'customer', customer.id]}
        fetcher={fetcher}
        columns={columns}
        rowKey={(k) => k.id}
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        bare
        toolbar={
          can('tickets:create') && customer.state === 'active' ? (
            <Button onClick={() => setCreating({ customerId: customer.id, customerName: customer.name })}>
              {t('create')}
            </Button>
          ) : undefined
        }
      />
      <TicketDrawer target={creating} onClose={() => setCreating(null)} onSaved={(k) => open(k.id)} />
    </>
  );
}
