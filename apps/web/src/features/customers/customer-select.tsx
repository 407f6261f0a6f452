import './texts.ts';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { fetchCustomers } from './api.ts';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'> & {
  /** Customers that cannot be chosen (e.g. the one being merged into). */
  excludeIds?: string[];
  /** The chosen customer, named before (or without) the search finding it. */
  known?: { id: string; name: string; number?: string | null } | null;
};

/** Picks one active customer in scope by searching the server (name, number, phone, pinyin initials). */
export function CustomerSelect({ excludeIds, known, ...props }: Props) {
  const { t } = useTranslation('customers');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['customers', 'options', q],
    queryFn: ({ signal }) =>
      fetchCustomers({ page: 1, pageSize: 20, q: q || undefined, state: 'active' }, signal),
    staleTime: 30_000,
  });
  const found = (data?.data ?? []).filter((c) => !excludeIds?.includes(c.id));
  const options = (known && !found.some((c) => c.id === known.id) ? [known, ...found] : found).map((c) => ({
    value: c.id,
    label: c.number ? `${c.name}（${c.number}）` : c.name,
  }));
  return (
    <Select<string>
      allowClear
      placeholder={t('select.placeholder')}
      loading={isFetching}
      notFoundContent={isFetching ? null : t('select.empty')}
      {...props}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
