import './texts.ts';
import {
  CUSTOM_TEXT_MAX,
  type CustomField,
  type CustomFieldEntity,
  customDecimal,
  PHONE_MAX,
  PHONE_PATTERN,
} from '@guanxi/contract';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { enterConfirmsOnly } from '../../components/picker-keys.ts';
import { UserSelect } from '../users/user-select.tsx';
import { useEnabledCustomFields } from './api.ts';
import { allowedOptions, isEmptyValue } from './custom-values.ts';

/** Dates travel as `YYYY-MM-DD` strings; the picker works with dayjs. */
export const dateProps = {
  getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

type ItemProps = { field: CustomField; fields: CustomField[] };

/** The control of one field, with its rules; a dependent dropdown offers what its parent allows. */
function CustomFieldItem({ field, fields }: ItemProps) {
  const { t } = useTranslation('customFields');
  const { t: tc } = useTranslation();
  const form = Form.useFormInstance();
  const parent = field.dependsOn ? fields.find((f) => f.key === field.dependsOn) : undefined;
  const parentName = ['custom', parent?.key ?? '-'];
  const parentValue = Form.useWatch(parentName, form) as unknown;
  const name = ['custom', field.key];
  const current = Form.useWatch(name, form) as unknown;

  // the user changed the parent to a value that does not allow the child's choice: clear the child
  // (a record loaded with old, inconsistent values is left alone: the server checks changes only)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the parent clears
  useEffect(() => {
    if (!parent || isEmptyValue(current) || !form.isFieldTouched(parentName)) return;
    const allowed = new Set(allowedOptions(field, parentValue).map((o) => o.value));
    const chosen = Array.isArray(current) ? (current as string[]) : [current as string];
    const kept = chosen.filter((v) => allowed.has(v) || !field.options.some((o) => o.value === v));
    if (kept.length !== chosen.length) form.setFieldValue(name, Array.isArray(current) ? kept : null);
  }, [parentValue]);

  const rules: Rule[] = field.required
    ? [
        {
          required: true,
          message: tc('validation.required'),
          type: field.type === 'multi-select' ? 'array' : undefined,
        },
      ]
    : [];
  let control: ReactNode;
  switch (field.type) {
    case 'dropdown':
    case 'multi-select': {
      const options = allowedOptions(field, parentValue).map((o) => ({ value: o.value, label: o.label }));
      // a value the field no longer offers stays shown on the record it is on
      for (const v of Array.isArray(current) ? current : current ? [current] : [])
        if (!options.some((o) => o.value === v)) options.push({ value: String(v), label: String(v) });
      const needsParent = !!parent && isEmptyValue(parentValue) && options.length === 0;
      control = (
        <Select
          allowClear
          mode={field.type === 'multi-select' ? 'multiple' : undefined}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={
            needsParent ? t('input.chooseParentFirst', { title: parent?.title }) : t('input.choose')
          }
        />
      );
      break;
    }
    case 'integer':
      control = <InputNumber precision={0} style={{ width: '100%' }} inputMode="numeric" />;
      break;
    case 'decimal':
      rules.push({ pattern: customDecimal, message: t('input.decimalInvalid') });
      control = <Input inputMode="decimal" />;
      break;
    case 'date':
      control = <DatePicker onKeyDown={enterConfirmsOnly} style={{ width: '100%' }} />;
      break;
    case 'user':
      control = <UserSelect />;
      break;
    case 'phone':
      rules.push({ pattern: PHONE_PATTERN, message: tc('validation.phone') });
      control = <Input inputMode="tel" maxLength={PHONE_MAX} />;
      break;
    default:
      rules.push({ max: CUSTOM_TEXT_MAX, message: tc('validation.maxLength', { max: CUSTOM_TEXT_MAX }) });
      control = <Input maxLength={CUSTOM_TEXT_MAX} />;
  }
  return (
    <Form.Item
      name={name}
      label={field.title}
      rules={rules}
      {...(field.type === 'date' ? dateProps : {})}
      {...(field.type === 'integer' ? { normalize: (v: number | null) => v ?? null } : {})}
    >
      {control}
    </Form.Item>
  );
}

type Props = {
  entity: CustomFieldEntity;
  /** The section's heading (default 自定义字段); nothing at all shows when the entity has no enabled field. */
  title?: string;
};

/**
 * The enabled custom fields of an entity as form items under `custom.<key>`, in a section of their
 * own, with the right input per type, required rules and dependent dropdowns. Values are already
 * what the API takes (dates as `YYYY-MM-DD`); `customForCreate` / `customChanges` prepare a save.
 */
export function CustomFieldsFormItems({ entity, title }: Props) {
  const { t } = useTranslation('customFields');
  const fields = useEnabledCustomFields(entity);
  if (!fields.length) return null;
  const heading = title ?? t('section');
  return (
    <section className="form-section" aria-label={heading}>
      <Typography.Title level={5} className="form-section-title">
        {heading}
      </Typography.Title>
      <Row gutter={16}>
        {fields.map((field) => (
          <Col key={field.key} xs={24} sm={12}>
            <CustomFieldItem field={field} fields={fields} />
          </Col>
        ))}
      </Row>
    </section>
  );
}
