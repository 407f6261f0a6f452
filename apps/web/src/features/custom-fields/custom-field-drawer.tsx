import './texts.ts';
import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CustomField,
  type CustomFieldEntity,
  type CustomFieldOption,
  type CustomFieldType,
  customFieldLimits,
  customFieldTypes,
  optionTypes,
} from '@guanxi/contract';
import { Alert, App, Button, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { useCreateCustomField, useUpdateCustomField } from './api.ts';

type FormValues = {
  title: string;
  type: CustomFieldType;
  required: boolean;
  enabled: boolean;
  options?: CustomFieldOption[];
  dependsOn?: string | null;
  optionParents?: Record<string, string[] | undefined>;
};

type Props = {
  entity: CustomFieldEntity;
  /** `new`, the field to edit, or null when closed. */
  target: CustomField | 'new' | null;
  /** The entity's fields (candidates for the parent of a dependent dropdown). */
  fields: CustomField[];
  onClose: () => void;
  /** After a save, with the saved field. */
  onSaved?: (field: CustomField) => void;
};

/** A stable value for a new option (labels can be renamed later without touching records). */
const newOptionValue = () => `o_${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}`;

/** The keys of the fields that depend, directly or not, on `key` (they cannot become its parent). */
function dependants(fields: CustomField[], key: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of fields)
      if (f.dependsOn && (f.dependsOn === key || out.has(f.dependsOn)) && !out.has(f.key)) {
        out.add(f.key);
        grew = true;
      }
  }
  return out;
}

/**
 * Add or edit a custom field: title (≤ 16), type (fixed once created), required, options of a
 * dropdown / multi-select and its dependency on a parent dropdown (字段约束). While the field is
 * enabled its options and constraints are read-only, and the drawer says why.
 */
export function CustomFieldDrawer({ entity, target, fields, onClose, onSaved }: Props) {
  const { t } = useTranslation('customFields');
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCustomField(entity);
  const update = useUpdateCustomField(entity);
  const field = target && target !== 'new' ? target : undefined;
  const locked = !!field?.enabled;
  const type = Form.useWatch('type', form) as CustomFieldType | undefined;
  const dependsOn = Form.useWatch('dependsOn', form) as string | null | undefined;
  const options = (Form.useWatch('options', form) as CustomFieldOption[] | undefined) ?? [];
  const hasOptions = !!type && optionTypes.includes(type);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      target === 'new'
        ? {
            type: 'dropdown',
            required: false,
            enabled: true,
            options: [{ value: newOptionValue(), label: '' }],
          }
        : {
            title: target.title,
            type: target.type,
            required: target.required,
            enabled: target.enabled,
            options: target.options,
            dependsOn: target.dependsOn,
            optionParents: target.optionParents,
          },
    );
  }, [target, form]);

  const excluded = field ? dependants(fields, field.key) : new Set<string>();
  const parents = fields.filter((f) => f.type === 'dropdown' && f.id !== field?.id && !excluded.has(f.key));
  const parent = fields.find((f) => f.key === dependsOn);

  const submit = async (v: FormValues) => {
    const opts = hasOptions ? (v.options ?? []).map((o) => ({ value: o.value, label: o.label.trim() })) : [];
    const values = new Set(opts.map((o) => o.value));
    const optionParents: Record<string, string[]> = {};
    if (hasOptions && v.dependsOn)
      for (const [child, list] of Object.entries(v.optionParents ?? {}))
        if (values.has(child) && list?.length) optionParents[child] = list;
    const constraints = hasOptions
      ? { options: opts, dependsOn: v.dependsOn || null, optionParents }
      : ({} as Record<string, never>);
    try {
      const saved = field
        ? await update.mutateAsync({
            id: field.id,
            version: field.version,
            title: v.title.trim(),
            required: v.required,
            ...(locked ? {} : constraints),
          })
        : await create.mutateAsync({
            title: v.title.trim(),
            type: v.type,
            required: v.required,
            enabled: v.enabled,
            ...constraints,
          });
      message.success(field ? t('done.saved') : t('done.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      // someone else changed it: close (the list reloads), the error says so
      if (isApiError(e, 'CONFLICT')) onClose();
      throw e;
    }
  };

  return (
    <FormDrawer<FormValues>
      open={!!target}
      onClose={onClose}
      title={field ? t('form.editTitle', { title: field.title }) : t('form.createTitle')}
      width={560}
      name="custom-field-form"
      form={form}
      onSubmit={submit}
    >
      <Form.Item
        name="title"
        label={t('fields.title')}
        extra={t('form.titleHelp')}
        rules={[rules.required(), rules.maxLength(customFieldLimits.title)]}
      >
        <Input maxLength={customFieldLimits.title} showCount autoComplete="off" />
      </Form.Item>
      <Form.Item name="type" label={t('fields.type')} extra={field ? t('form.typeFixed') : undefined}>
        <Select
          disabled={!!field}
          options={customFieldTypes.map((ty) => ({ value: ty, label: t(`types.${ty}`) }))}
        />
      </Form.Item>
      <Flex gap={24} wrap>
        <Form.Item
          name="required"
          label={t('fields.required')}
          valuePropName="checked"
          extra={t('form.requiredHelp')}
        >
          <Switch />
        </Form.Item>
        {field ? null : (
          <Form.Item name="enabled" label={t('fields.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Flex>

      {hasOptions ? (
        <>
          {locked ? (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined aria-hidden />}
              title={t('form.optionsLocked')}
              description={t('form.optionsLockedHelp')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Typography.Title level={5}>{t('fields.options')}</Typography.Title>
          <Form.List
            name="options"
            rules={[
              {
                validator: (_r, list: CustomFieldOption[] | undefined) =>
                  list?.length ? Promise.resolve() : Promise.reject(new Error(t('form.optionsRequired'))),
              },
            ]}
          >
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((item, index) => (
                  <Flex key={item.key} gap={8} align="flex-start">
                    <Form.Item name={[item.name, 'value']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'label']}
                      style={{ flex: 1, marginBottom: 8 }}
                      rules={[
                        rules.required(),
                        rules.maxLength(customFieldLimits.optionLabel),
                        {
                          validator: (_r, label: string | undefined) => {
                            const all =
                              (form.getFieldValue('options') as CustomFieldOption[] | undefined) ?? [];
                            const same = all.filter(
                              (o) => o?.label?.trim() && o.label.trim() === label?.trim(),
                            );
                            return same.length > 1
                              ? Promise.reject(new Error(t('form.optionDuplicate')))
                              : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <Input
                        maxLength={customFieldLimits.optionLabel}
                        disabled={locked}
                        placeholder={t('form.optionPlaceholder')}
                        aria-label={t('form.optionLabel', { index: index + 1 })}
                      />
                    </Form.Item>
                    {locked ? null : (
                      <Button
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('actions.removeOption', { index: index + 1 })}
                        onClick={() => remove(item.name)}
                      />
                    )}
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                {locked ? (
                  <div style={{ marginBottom: 16 }} />
                ) : (
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ value: newOptionValue(), label: '' })}
                    style={{ marginBottom: 16 }}
                  >
                    {t('actions.addOption')}
                  </Button>
                )}
              </>
            )}
          </Form.List>

          <Form.Item name="dependsOn" label={t('fields.dependsOn')} extra={t('form.dependsOnHelp')}>
            <Select
              allowClear
              disabled={locked}
              placeholder={t('form.noParent')}
              options={parents.map((f) => ({ value: f.key, label: f.title }))}
            />
          </Form.Item>
          {parent ? (
            <section aria-label={t('fields.optionParents')}>
              <Typography.Title level={5}>{t('fields.optionParents')}</Typography.Title>
              {options
                .filter((o) => o?.value)
                .map((o, i) => (
                  <Form.Item
                    key={o.value}
                    name={['optionParents', o.value]}
                    label={t('form.parentsFor', {
                      label: o.label?.trim() || t('form.optionLabel', { index: i + 1 }),
                    })}
                  >
                    <Select
                      mode="multiple"
                      allowClear
                      disabled={locked}
                      placeholder={t('form.anyParent')}
                      options={parent.options.map((p) => ({ value: p.value, label: p.label }))}
                    />
                  </Form.Item>
                ))}
            </section>
          ) : null}
        </>
      ) : null}
    </FormDrawer>
  );
}
