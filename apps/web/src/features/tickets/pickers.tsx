import './texts.ts';
import type { ListResponse } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import type { ListParams } from '../../components/list-page/types.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { fetchCustomerContracts } from '../contracts/api.ts';
import { fetchArticles } from '../kb/api.ts';
import { fetchOrders } from '../orders/api.ts';
import { fetchTickets } from './api.ts';

type Option = { value: string; label: string };
type BaseProps = Omit<SelectProps<string | string[]>, 'options' | 'showSearch' | 'filterOption'>;

/**
 * A select searching the server: the ticket form's related order / contract, the resolution's
 * articles and the ticket to merge into all pick that way (one query key each).
 */
function SearchSelect<T>({
  queryKey,
  fetcher,
  toOption,
  known = [],
  ...props
}: BaseProps & {
  queryKey: readonly unknown[];
  fetcher: (params: ListParams, signal?: AbortSignal) => Promise<ListResponse<T>>;
  toOption: (row: T) => Option;
  /** Labels of chosen values before the search has loaded them. */
  known?: Option[];
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: [...queryKey, q],
    queryFn: ({ signal }) => fetcher({ page: 1, pageSize: 20, q: q || undefined }, signal),
    staleTime: 30_000,
  });
  const found = (data?.data ?? []).map(toOption);
  const options = [...known.filter((k) => !found.some((o) => o.value === k.value)), ...found];
  return (
    <Select
      allowClear
      loading={isFetching}
      notFoundContent={isFetching ? null : undefined}
      {...props}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}

type Props = Omit<BaseProps, 'mode'> & { customerId?: string };

/** The customer's orders (number · date). */
export function OrderSelect({ customerId, ...props }: Props) {
  return (
    <SearchSelect
      {...props}
      disabled={props.disabled || !customerId}
      queryKey={['orders', 'options', customerId]}
      fetcher={(p, s) => fetchOrders({ ...p, customerId }, s)}
      toOption={(o) => ({ value: o.id, label: `${o.number}（${o.orderDate}）` })}
    />
  );
}

/** The customer's contracts (number · title). */
export function ContractSelect({ customerId, ...props }: Props) {
  return (
    <SearchSelect
      {...props}
      disabled={props.disabled || !customerId}
      queryKey={['contracts', 'options', customerId]}
      fetcher={(p, s) => fetchCustomerContracts(customerId ?? '')(p, s)}
      toOption={(k) => ({ value: k.id, label: `${k.number} ${k.title}` })}
    />
  );
}

/** Published knowledge-base articles, several (解决: 关联知识库文章). */
export function ArticleSelect(props: Omit<BaseProps, 'mode'>) {
  return (
    <SearchSelect
      {...props}
      mode="multiple"
      queryKey={['kb-articles', 'options', 'published']}
      fetcher={(p, s) => fetchArticles({ ...p, status: 'published' }, s)}
      toOption={(a) => ({ value: a.id, label: a.title })}
    />
  );
}

/** Another open ticket of the same customer (合并到…). */
export function TicketSelect({ customerId, excludeId, ...props }: Props & { excludeId: string }) {
  return (
    <SearchSelect
      {...props}
      queryKey={['tickets', 'options', customerId, excludeId]}
      fetcher={async (p, s) => {
        const r = await fetchTickets({ ...p, customerId }, s);
        return {
          ...r,
          data: r.data.filter((k) => k.id !== excludeId && !['archived', 'merged'].includes(k.status)),
        };
      }}
      toOption={(k) => ({ value: k.id, label: `${k.number} ${k.title}` })}
    />
  );
}
