import { z } from 'zod';

/** 打印模板: one per tenant and document type, else the built-in default. */
export const printDocumentTypes = ['quote', 'order', 'contract'] as const;
export type PrintDocumentType = (typeof printDocumentTypes)[number];

export const printTemplateLimits = {
  /** Characters of a template. */
  template: 100_000,
} as const;

export const printTypeParams = z.object({ type: z.enum(printDocumentTypes) });

/** A variable a template may use (`{{customerName}}`, `{{#lines}}…{{/lines}}`). */
export const printVariable = z.object({
  name: z.string(),
  /** `list`: a section repeated per item, with its own fields. */
  kind: z.enum(['text', 'list']),
  label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }),
  fields: z
    .array(z.object({ name: z.string(), label: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) }))
    .optional(),
});
export type PrintVariable = z.infer<typeof printVariable>;

export const printTemplate = z.object({
  type: z.enum(printDocumentTypes),
  template: z.string(),
  /** The built-in default is in use (nothing saved, or restored). */
  isDefault: z.boolean(),
  /** 0 while the default is in use. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  defaultTemplate: z.string(),
  variables: z.array(printVariable),
});
export type PrintTemplate = z.infer<typeof printTemplate>;

/**
 * `PUT /print-templates/:type`: mustache, every `{{value}}` escaped; `{{{raw}}}` and `{{&raw}}`
 * are refused (400 PRINT_TEMPLATE_UNSAFE), a template that does not parse is 400 PRINT_TEMPLATE_INVALID.
 */
export const savePrintTemplate = z
  .object({ template: z.string().min(1).max(printTemplateLimits.template), version: z.number().int() })
  .strict();
export type SavePrintTemplate = z.infer<typeof savePrintTemplate>;

export const previewPrintTemplate = z
  .object({ template: z.string().min(1).max(printTemplateLimits.template) })
  .strict();

/** A preview: the template rendered with sample data, sanitised like every printed document. */
export const printPreview = z.object({ html: z.string() });
