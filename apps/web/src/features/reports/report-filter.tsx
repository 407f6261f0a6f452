import type { ReportCatalogEntry } from '@guanxi/contract';
import { Input, Select } from 'antd';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { CustomerFilter, ProductFilter } from './record-filters.tsx';

type Props = {
  filter: ReportCatalogEntry['filters'][number];
  /** The value in the page's address. */
  value?: string;
  onChange: (value: string | null) => void;
};

/** One of a report's own filters, as the control its type calls for, named by the filter. */
export function ReportFilter({ filter: f, value, onChange }: Props) {
  const named = { 'aria-label': f.name, placeholder: f.name };
  const picker = { ...named, value, style: { minWidth: 160 } };
  switch (f.type) {
    case 'department':
      return (
        <DepartmentTreeSelect {...picker} onChange={(v) => onChange((v as string | undefined) ?? null)} />
      );
    case 'user':
      return <UserSelect {...picker} onChange={(v) => onChange(v ?? null)} />;
    case 'customer':
      return <CustomerFilter {...picker} onChange={onChange} style={{ minWidth: 180 }} />;
    case 'product':
      return <ProductFilter {...picker} onChange={onChange} style={{ minWidth: 180 }} />;
    case 'dictionary':
      return f.dictionary ? <DictionarySelect {...picker} type={f.dictionary} onChange={onChange} /> : null;
    case 'choice':
      return f.choices ? (
        <Select
          {...picker}
          // a filter with a default always has a value: the report applies it when none is given
          value={value ?? f.default}
          allowClear={!f.default}
          onChange={(v?: string) => onChange(v ?? null)}
          options={f.choices.map((c) => ({ value: c.key, label: c.name }))}
          style={{ minWidth: 130 }}
        />
      ) : null;
    case 'text':
      return (
        <Input.Search
          {...named}
          defaultValue={value}
          allowClear
          onSearch={(v) => onChange(v.trim() || null)}
          style={{ width: 180 }}
        />
      );
    default:
      return null;
  }
}
