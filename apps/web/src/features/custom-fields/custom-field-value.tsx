import './texts.ts';
import type { CustomField, CustomFieldEntity } from '@guanxi/contract';
import { Tag, Typography } from 'antd';
import type { DescriptionsItemType } from 'antd/es/descriptions';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListColumn } from '../../components/list-page/types.ts';
import { useUserNames } from '../customers/use-user-names.ts';
import { useCustomFields } from './api.ts';
import { type CustomValues, customValueText, isEmptyValue } from './custom-values.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function UserName({ id }: { id: string }) {
  const { t } = useTranslation('customFields');
  const name = useUserNames([id]).get(id);
  // without users:view the name cannot be looked up: say what it is rather than show an id
  return <>{name ?? t('value.user')}</>;
}

/** One custom value as people read it: option labels, user names, a dash when empty. */
export function CustomFieldValue({ field, value }: { field: CustomField; value: unknown }) {
  if (isEmptyValue(value)) return dash;
  if (field.type === 'user') return <UserName id={String(value)} />;
  if (field.type === 'multi-select')
    return (
      <>
        {(Array.isArray(value) ? value : [value]).map((v) => (
          <Tag key={String(v)} style={{ marginInlineEnd: 4 }}>
            {customValueText(field, v)}
          </Tag>
        ))}
      </>
    );
  return <>{customValueText(field, value)}</>;
}

/**
 * Table columns of an entity's enabled custom fields for `ListPage`: titled by the field, values
 * as people read them, sorted on the server by `cf.<key>`.
 */
export function useCustomFieldColumns<T extends { custom: CustomValues }>(
  entity: CustomFieldEntity,
): ListColumn<T>[] {
  const { data } = useCustomFields(entity);
  return useMemo(
    () =>
      (data ?? [])
        .filter((f) => f.enabled)
        .map((field) => ({
          key: `cf.${field.key}`,
          title: field.title,
          sortable: true,
          align: field.type === 'integer' || field.type === 'decimal' ? ('right' as const) : undefined,
          render: (row: T) => <CustomFieldValue field={field} value={row.custom?.[field.key]} />,
        })),
    [data],
  );
}

/**
 * Description items of a record's custom values (a detail page's section): the enabled fields,
 * and disabled ones that still hold a value, marked as such.
 */
export function useCustomFieldDescriptions(
  entity: CustomFieldEntity,
  values: CustomValues | undefined,
): DescriptionsItemType[] {
  const { t } = useTranslation('customFields');
  const { data } = useCustomFields(entity);
  return (data ?? [])
    .filter((f) => f.enabled || !isEmptyValue(values?.[f.key]))
    .map((field) => ({
      key: `cf.${field.key}`,
      label: field.enabled ? (
        field.title
      ) : (
        <span>
          {field.title} <Tag>{t('disabledTag')}</Tag>
        </span>
      ),
      children: <CustomFieldValue field={field} value={values?.[field.key]} />,
    }));
}

/**
 * Names and values of `custom.<key>` entries in a record's field history: the field's title and
 * option labels (undefined for other fields, so the page's own labels apply).
 */
export function useCustomFieldHistoryLabels(entity: CustomFieldEntity) {
  const { t } = useTranslation('customFields');
  const { data } = useCustomFields(entity);
  const byKey = new Map((data ?? []).map((f) => [`custom.${f.key}`, f]));
  return {
    fieldLabel: (field: string): string | undefined =>
      field.startsWith('custom.') ? (byKey.get(field)?.title ?? t('section')) : undefined,
    valueLabel: (field: string, value: unknown): string | undefined => {
      const f = byKey.get(field);
      return f && f.type !== 'user' ? customValueText(f, value) : undefined;
    },
  };
}
