import './texts.ts';
import { type DictionaryItem, type DictionaryType, dictionaryTypes } from '@guanxi/contract';
import { Cascader, Select, Tag } from 'antd';
import type { AriaAttributes, CSSProperties, ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaryItems } from './api.ts';
import { useItemLabel } from './item-label.ts';

type Props = Pick<AriaAttributes, 'aria-label' | 'aria-describedby' | 'aria-invalid' | 'aria-required'> & {
  type: DictionaryType;
  /** The chosen item's id. */
  value?: string | null;
  /** `null` when cleared, so a PATCH clears the field instead of leaving it out. */
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
};

type Option = { value: string; label: ReactNode; text: string; disabled?: boolean; children?: Option[] };

function InvalidTag() {
  const { t } = useTranslation('dictionaries');
  return <Tag style={{ marginInlineStart: 6 }}>{t('status.invalid')}</Tag>;
}

/** The ids from the top of the tree down to `id` (empty when unknown). */
function pathTo(byId: Map<string, DictionaryItem>, id: string | null | undefined): string[] {
  const path: string[] = [];
  let current = id ? byId.get(id) : undefined;
  while (current && !path.includes(current.id)) {
    path.unshift(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/**
 * Picks a dictionary item: a Select for flat dictionaries, a Cascader (any level) for trees. New
 * choices are valid items only; an invalid item already on the record still shows, tagged 已失效.
 * Works as an antd Form.Item control (value / onChange / id).
 */
export function DictionarySelect({ type, value, onChange, allowClear = true, placeholder, ...rest }: Props) {
  const { t } = useTranslation('dictionaries');
  const label = useItemLabel();
  const { data, isPending } = useDictionaryItems(type);
  const tree = dictionaryTypes[type].tree;

  const { options, path } = useMemo(() => {
    const items = data ?? [];
    const byId = new Map(items.map((i) => [i.id, i]));
    const path = pathTo(byId, value);
    // invalid items are offered only on the way to the current value, and cannot be chosen again
    const shown = (i: DictionaryItem) => i.valid || path.includes(i.id);
    const toOption = (i: DictionaryItem): Option => ({
      value: i.id,
      text: label(i),
      label: i.valid ? (
        label(i)
      ) : (
        <>
          {label(i)}
          <InvalidTag />
        </>
      ),
      disabled: !i.valid,
    });
    const childrenOf = new Map<string | null, DictionaryItem[]>();
    for (const item of [...items].sort((a, b) => a.sortOrder - b.sortOrder)) {
      if (!shown(item)) continue;
      const siblings = childrenOf.get(item.parentId) ?? [];
      siblings.push(item);
      childrenOf.set(item.parentId, siblings);
    }
    const level = (parentId: string | null): Option[] =>
      (childrenOf.get(parentId) ?? []).map((i) => {
        const children = tree ? level(i.id) : [];
        return children.length > 0 ? { ...toOption(i), children } : toOption(i);
      });
    return { options: level(null), path };
  }, [data, value, tree, label]);

  const common = {
    ...rest,
    allowClear,
    loading: isPending,
    placeholder: placeholder ?? t('select.placeholder'),
  };

  if (!tree) {
    return (
      <Select<string, Option>
        {...common}
        // until the items arrive, show nothing rather than the raw id
        value={isPending ? undefined : (value ?? undefined)}
        onChange={(v) => onChange?.(v ?? null)}
        options={options}
        showSearch={{ optionFilterProp: 'text' }}
      />
    );
  }

  return (
    <Cascader<Option>
      {...common}
      value={path.length > 0 ? path : undefined}
      onChange={(p) => onChange?.(p && p.length > 0 ? String(p[p.length - 1]) : null)}
      options={options}
      changeOnSelect
      showSearch={{
        filter: (input, options) =>
          options.some((o) => o.text.toLowerCase().includes(input.trim().toLowerCase())),
      }}
      displayRender={(_labels, selected) => {
        const chosen = (selected ?? []) as Option[];
        const invalid = chosen.some((o) => o.disabled);
        return (
          <>
            {chosen.map((o) => o.text).join(' / ')}
            {invalid ? <InvalidTag /> : null}
          </>
        );
      }}
    />
  );
}
