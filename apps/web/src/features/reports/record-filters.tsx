import type { CSSProperties } from 'react';
import { useCustomer } from '../customers/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { useProduct } from '../products/api.ts';
import { ProductSelect } from '../products/labels.tsx';

type Props = {
  'aria-label': string;
  placeholder: string;
  /** The chosen record's id (from the address). */
  value?: string;
  onChange: (value: string | null) => void;
  style?: CSSProperties;
};

// A report's filter on one customer or product: a search among them, the chosen one shown by its
// name — also when the page opens from an address (a bookmark, a dashboard card) before any search.

export function CustomerFilter({ value, onChange, ...props }: Props) {
  const chosen = useCustomer(value);
  return (
    <CustomerSelect
      {...props}
      value={value}
      known={chosen.data ?? null}
      onChange={(v?: string) => onChange(v ?? null)}
    />
  );
}

export function ProductFilter({ value, onChange, ...props }: Props) {
  const chosen = useProduct(value);
  return (
    <ProductSelect
      {...props}
      value={value}
      known={chosen.data ?? null}
      onChange={(v?: string) => onChange(v ?? null)}
    />
  );
}
