import './texts.ts';
import type { CustomField, CustomFieldEntity } from '@guanxi/contract';
import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../users/user-select.tsx';
import { useEnabledCustomFields } from './api.ts';
import { dateProps } from './custom-fields-form-items.tsx';

const ranged = (f: CustomField) => f.type === 'integer' || f.type === 'decimal' || f.type === 'date';

/** The query parameters of a field's filter: `cf.<key>`, or `cf.<key>.from` / `.to` for ranges. */
export const customFilterKeys = (f: CustomField) =>
  ranged(f) ? [`cf.${f.key}.from`, `cf.${f.key}.to`] : [`cf.${f.key}`];

/**
 * Filter items of an entity's enabled custom fields for a list's filter bar (`filterFields`),
 * and the parameter names they use (add them to `urlState.filterKeys`, so the address keeps them).
 * Options filter by equality (a multi-select: "contains"), numbers and dates by range.
 */
export function useCustomFieldFilters(entity: CustomFieldEntity): { fields: ReactNode[]; keys: string[] } {
  const { t } = useTranslation('customFields');
  const { t: tc } = useTranslation();
  const fields = useEnabledCustomFields(entity);
  const signature = fields.map((f) => `${f.key}:${f.version}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: signature stands for fields
  return useMemo(() => {
    const any = tc('list.any');
    const items = fields.map((f) => {
      const name = `cf.${f.key}`;
      if (ranged(f)) {
        const control = (bound: 'from' | 'to') =>
          f.type === 'date' ? (
            <DatePicker
              style={{ width: '50%' }}
              placeholder={t(bound === 'from' ? 'filter.fromDate' : 'filter.toDate')}
              aria-label={`${f.title} ${t(bound === 'from' ? 'filter.fromDate' : 'filter.toDate')}`}
            />
          ) : (
            <InputNumber
              style={{ width: '50%' }}
              stringMode={f.type === 'decimal'}
              precision={f.type === 'integer' ? 0 : undefined}
              placeholder={t(bound === 'from' ? 'filter.from' : 'filter.to')}
              aria-label={`${f.title} ${t(bound === 'from' ? 'filter.from' : 'filter.to')}`}
            />
          );
        return (
          <Form.Item key={name} label={f.title}>
            <Space.Compact block>
              {(['from', 'to'] as const).map((bound) => (
                <Form.Item
                  key={bound}
                  name={`${name}.${bound}`}
                  noStyle
                  {...(f.type === 'date' ? dateProps : {})}
                >
                  {control(bound)}
                </Form.Item>
              ))}
            </Space.Compact>
          </Form.Item>
        );
      }
      let control: ReactNode;
      if (f.type === 'dropdown' || f.type === 'multi-select')
        control = (
          <Select
            allowClear
            placeholder={any}
            options={f.options.map((o) => ({ value: o.value, label: o.label }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        );
      else if (f.type === 'user') control = <UserSelect placeholder={any} />;
      else control = <Input allowClear maxLength={100} placeholder={any} />;
      return (
        <Form.Item key={name} name={name} label={f.title}>
          {control}
        </Form.Item>
      );
    });
    return { fields: items, keys: fields.flatMap(customFilterKeys) };
  }, [signature, t, tc]);
}
