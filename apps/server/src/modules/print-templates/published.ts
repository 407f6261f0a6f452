import type { PrintDocumentType } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { defaultTemplates } from './defaults.ts';
import { renderTemplate } from './render.ts';
import { activeTemplate } from './repository.ts';

export type { PrintDocumentType };

/**
 * The tenant's template of the type (or the built-in default) rendered with `data`: every
 * {{value}} escaped, triple braces refused when a template is saved (and again here), the result
 * sanitised (no script, no on* handlers, no javascript: URLs, no external loads) and wrapped in the
 * fixed print stylesheet. `data` is the document as its GET answers (field permissions applied),
 * plus `tenant: { name }` (and `timezone`, optional) and `printedAt`.
 */
export async function renderPrint(
  db: Db,
  tenantId: string,
  type: PrintDocumentType,
  data: Record<string, unknown>,
): Promise<string> {
  const template = (await activeTemplate(db, tenantId, type)) ?? defaultTemplates[type];
  return renderTemplate(template, data);
}
