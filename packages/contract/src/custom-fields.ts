import { z } from 'zod';
import { recordBase } from './common.ts';
import { customFieldLimits } from './limits.ts';

/**
 * Records that carry custom fields. A later entity (follow-ups, opportunities,
 * tickets, orders) adds its name here and registers its table on the server
 * (`registerCustomFieldEntity`); nothing else changes.
 */
export const customFieldEntities = ['customers', 'contacts', 'follow-ups'] as const;
export type CustomFieldEntity = (typeof customFieldEntities)[number];

export const customFieldTypes = [
  'dropdown',
  'multi-select',
  'integer',
  'decimal',
  'text',
  'date',
  'user',
  'phone',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];
/** Types whose values are chosen from the field's own options. */
export const optionTypes: readonly CustomFieldType[] = ['dropdown', 'multi-select'];

/** At most this many fields (enabled or not) per entity. */
export const MAX_CUSTOM_FIELDS = 50;
const MAX_CUSTOM_FIELD_OPTIONS = 200;
export const CUSTOM_TEXT_MAX = 500;

/** Machine keys are generated (`cf_k3x9a2`) and never reused. */
const customFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
/** A custom-field list parameter: `cf.<key>` (equality / contains) or `cf.<key>.from|to` (range). */
export const customFieldParam = /^cf\.([a-z][a-z0-9_]{0,39})(?:\.(from|to))?$/;
/** A custom-field sort key: `cf.<key>` or `-cf.<key>`. */
export const customFieldSort = /^-?cf\.([a-z][a-z0-9_]{0,39})$/;

/** Exact decimal of a `decimal` field: up to 15 digits before and 6 after the point. */
export const customDecimal = /^-?\d{1,15}(\.\d{1,6})?$/;

const optionValue = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^,\s][^,]*$/, 'no commas');
const optionLabel = z.string().trim().min(1).max(customFieldLimits.optionLabel);
const customFieldOption = z.object({ value: optionValue, label: optionLabel });
export type CustomFieldOption = z.infer<typeof customFieldOption>;
/** On input the value may be left out: the server gives new options a stable value. */
const optionInput = z.object({ value: optionValue.optional(), label: optionLabel });

export const customField = z.object({
  ...recordBase,
  entity: z.enum(customFieldEntities),
  key: z.string(),
  title: z.string(),
  type: z.enum(customFieldTypes),
  required: z.boolean(),
  /** Disabled fields stay on old records (read-only) and leave forms, lists, exports and imports. */
  enabled: z.boolean(),
  /** Options of dropdown / multi-select fields, in order. */
  options: z.array(customFieldOption),
  /** Key of the dropdown field this one depends on (字段约束), or null. */
  dependsOn: z.string().nullable(),
  /** Child option value → the parent values under which it may be chosen (absent: under any). */
  optionParents: z.record(z.string(), z.array(z.string())),
  /** 1-based position among the entity's fields. */
  sortOrder: z.number().int(),
});
export type CustomField = z.infer<typeof customField>;

const title = z.string().trim().min(1).max(customFieldLimits.title);

export const createCustomField = z.object({
  entity: z.enum(customFieldEntities),
  title,
  type: z.enum(customFieldTypes),
  required: z.boolean().optional(),
  enabled: z.boolean().optional(),
  options: z.array(optionInput).max(MAX_CUSTOM_FIELD_OPTIONS).optional(),
  dependsOn: customFieldKey.nullish(),
  optionParents: z.record(z.string(), z.array(z.string()).max(MAX_CUSTOM_FIELD_OPTIONS)).optional(),
});
export type CreateCustomField = z.infer<typeof createCustomField>;

/** The type cannot change; options and dependencies only while the field is disabled. */
export const updateCustomField = z.object({
  version: z.number().int(),
  title: title.optional(),
  required: z.boolean().optional(),
  options: z.array(optionInput).max(MAX_CUSTOM_FIELD_OPTIONS).optional(),
  dependsOn: customFieldKey.nullish(),
  optionParents: z.record(z.string(), z.array(z.string()).max(MAX_CUSTOM_FIELD_OPTIONS)).optional(),
});
export type UpdateCustomField = z.infer<typeof updateCustomField>;

export const customFieldsQuery = z.object({ entity: z.enum(customFieldEntities) });
export const customFieldVersion = z.object({ version: z.number().int() });
export const moveCustomField = z.object({ to: z.number().int().min(1) });
export const replaceCustomFieldOption = z
  .object({
    /** The value to replace: a current option or one that only old records still hold. */
    from: z.string().trim().min(1).max(50),
    /** A current option of the field. */
    to: z.string().trim().min(1).max(50),
  })
  .refine((v) => v.from !== v.to, { message: 'from and to must differ', path: ['to'] });
export const replaceCustomFieldOptionResult = z.object({ count: z.number().int() });
