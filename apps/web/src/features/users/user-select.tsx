import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { fetchUsers } from './api.ts';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'> & {
  /** Label of the current value when it is not among the search results (e.g. the supervisor's name). */
  currentLabel?: string | null;
  /** Ids that cannot be chosen (e.g. the user being edited as their own supervisor). */
  excludeIds?: string[];
};

/** Picks one user by searching the server (name, username, phone). */
export function UserSelect({ currentLabel, excludeIds, value, ...props }: Props) {
  const { t } = useTranslation('users');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['users', 'options', q],
    queryFn: ({ signal }) => fetchUsers({ page: 1, pageSize: 20, q: q || undefined }, signal),
    staleTime: 30_000,
  });
  const options = (data?.data ?? [])
    .filter((u) => !excludeIds?.includes(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.username})` }));
  if (value && currentLabel && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: currentLabel });
  }
  return (
    <Select<string>
      allowClear
      placeholder={t('select.placeholder')}
      loading={isFetching}
      notFoundContent={isFetching ? null : t('select.empty')}
      {...props}
      value={value}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
