import './texts.ts';
import type { CalendarEvent, EventPerson } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';

type Props = Omit<SelectProps<string[]>, 'options' | 'showSearch' | 'filterOption' | 'mode'> & {
  /** The people already chosen, so their names show before any search. */
  known?: CalendarEvent['participants'];
};

/** Picks colleagues (参与人) among the tenant's active users, searched by name on the server. */
export function ParticipantsSelect({ known = [], ...props }: Props) {
  const { t } = useTranslation('events');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['events', 'people', q],
    queryFn: ({ signal }) =>
      api.get<{ data: EventPerson[] }>('/events/people', { q: q || undefined }, signal),
    staleTime: 30_000,
  });
  const options = (data?.data ?? []).map((u) => ({
    value: u.id,
    label: u.name,
    title: u.name,
    description: u.departmentName,
  }));
  for (const p of known)
    if (!options.some((o) => o.value === p.id))
      options.push({ value: p.id, label: p.name, title: p.name, description: null });
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      placeholder={t('participants.placeholder')}
      loading={isFetching}
      {...props}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.description ? (
            <span style={{ color: 'rgba(0,0,0,0.45)' }}> · {o.data.description}</span>
          ) : null}
        </span>
      )}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
