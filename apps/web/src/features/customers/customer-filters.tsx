import './texts.ts';
import { customerLimits, customerTypes, relativeDates } from '@guanxi/contract';
import { Form, Input, Select } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { customerDictionaryFieldNames, customerDictionaryFields } from './customer-dictionary-fields.ts';
import { customerTypeLabel } from './labels.ts';

/** The customer list's filters (values are the query parameters as they are). */
export function customerFilterFields(
  t: TFunction<'customers'>,
  any: string,
  options: { owner: boolean },
): ReactNode[] {
  return [
    ...customerDictionaryFieldNames.map((name) => (
      <Form.Item key={name} name={name} label={t(`fields.${name}`)}>
        <DictionarySelect type={customerDictionaryFields[name].type} placeholder={any} />
      </Form.Item>
    )),
    <Form.Item key="type" name="type" label={t('fields.type')}>
      <Select
        allowClear
        placeholder={any}
        options={customerTypes.map((type) => ({ value: type, label: customerTypeLabel(t, type) }))}
      />
    </Form.Item>,
    ...(options.owner
      ? [
          <Form.Item key="ownerId" name="ownerId" label={t('fields.ownerId')}>
            <UserSelect placeholder={any} />
          </Form.Item>,
        ]
      : []),
    <Form.Item key="tag" name="tag" label={t('fields.tag')}>
      <Input allowClear maxLength={customerLimits.tag} placeholder={t('filters.tagPlaceholder')} />
    </Form.Item>,
    <Form.Item key="valid" name="valid" label={t('filters.valid')}>
      <Select
        allowClear
        placeholder={any}
        options={[
          { value: 'true', label: t('filters.validTrue') },
          { value: 'false', label: t('filters.validFalse') },
        ]}
      />
    </Form.Item>,
    <Form.Item key="createdIn" name="createdIn" label={t('filters.createdIn')}>
      <Select
        allowClear
        placeholder={any}
        options={relativeDates.map((p) => ({ value: p, label: t(`periods.${p}`) }))}
      />
    </Form.Item>,
  ];
}
