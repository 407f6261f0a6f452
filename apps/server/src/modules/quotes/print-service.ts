import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { type PrintDocumentType, renderPrint } from '../print-templates/published.ts';

/**
 * A document as printed (quotes and orders alike): the record exactly as its GET answers it
 * (field permissions applied, so hidden cost and margin are absent), the tenant's name and the
 * time it was printed in the tenant's time zone, through the tenant's print template.
 */
export async function printDocument(
  db: Db,
  c: Caller,
  type: PrintDocumentType,
  title: string,
  record: Record<string, unknown>,
) {
  const printedAt = new Intl.DateTimeFormat('zh-CN', {
    timeZone: c.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date());
  const html = await renderPrint(db, c.p.tenantId, type, {
    ...record,
    tenant: { name: c.p.profile.tenant.name },
    printedAt,
  });
  return { title, html };
}
