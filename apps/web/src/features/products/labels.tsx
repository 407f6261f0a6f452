import './texts.ts';
import type { FieldAccess, ProductStatus } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/access.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { fetchProducts, productKeys } from './api.ts';

export function ProductStatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation('products');
  return <Tag color={status === 'on-sale' ? 'green' : 'default'}>{t(`status.${status}`)}</Tag>;
}

export type ProductOption = { id: string; code: string; name: string; listPrice?: string };

type Props = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'> & {
  /** Products that cannot be chosen (e.g. already on the price list). */
  excludeIds?: string[];
  /** The chosen product's label before the search has loaded it. */
  known?: ProductOption | null;
  /** Called with the chosen product's code and name too. */
  onPick?: (product: ProductOption | undefined) => void;
};

/** Picks a product by searching the server (code, name, model, pinyin). */
export function ProductSelect({ excludeIds, known, onPick, onChange, ...props }: Props) {
  const { t } = useTranslation('products');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: productKeys.options(q),
    queryFn: ({ signal }) => fetchProducts({ page: 1, pageSize: 20, q: q || undefined }, signal),
    staleTime: 30_000,
  });
  const found = (data?.data ?? []).filter((p) => !excludeIds?.includes(p.id));
  const rows: ProductOption[] = known && !found.some((p) => p.id === known.id) ? [known, ...found] : found;
  return (
    <Select<string>
      allowClear
      placeholder={t('select.placeholder')}
      loading={isFetching}
      notFoundContent={isFetching ? null : t('select.empty')}
      {...props}
      options={rows.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(value, option) => {
        onChange?.(value, option);
        onPick?.(rows.find((p) => p.id === value));
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}

/** The caller's access to 成本 (the server leaves it out when hidden; the form hides or locks it too). */
export function useCostAccess(): FieldAccess {
  const me = useMe();
  return (me.fieldPermissions.products?.cost as FieldAccess | undefined) ?? 'edit';
}
