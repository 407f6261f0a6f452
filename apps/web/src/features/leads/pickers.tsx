import './texts.ts';
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useAssignees, useCampaignOptions } from './api.ts';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'>;

/** Picks whom to give a lead to: active users in my leads scope, searched by name. */
export function AssigneeSelect(props: Props) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useAssignees(q, true);
  return (
    <Select<string>
      loading={isFetching}
      {...props}
      options={(data ?? []).map((u) => ({
        value: u.id,
        label: u.departmentName ? `${u.name} · ${u.departmentName}` : u.name,
      }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
    />
  );
}

/** Picks a campaign (市场活动) by name; `currentLabel` names the value when it is not among the results. */
export function CampaignSelect({ currentLabel, value, ...props }: Props & { currentLabel?: string | null }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useCampaignOptions(q, true);
  const options = (data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (value && currentLabel && !options.some((o) => o.value === value))
    options.unshift({ value, label: currentLabel });
  return (
    <Select<string>
      allowClear
      loading={isFetching}
      {...props}
      value={value}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
    />
  );
}
