import type { Db } from '../../db/client.ts';
import type { Caller } from '../../platform/caller.ts';
import { renderPrint } from '../print-templates/published.ts';
import { getContract } from './service.ts';

/** `GET /contracts/:id/print`: the contract as its GET answers it (scope: 404 outside), through the tenant's template. */
export async function printContract(db: Db, c: Caller, id: string) {
  const record = await getContract(db, c, id);
  const printedAt = new Intl.DateTimeFormat('zh-CN', {
    timeZone: c.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date());
  const html = await renderPrint(db, c.p.tenantId, 'contract', {
    ...record,
    tenant: { name: c.p.profile.tenant.name, timezone: c.timeZone },
    printedAt,
  });
  return { title: `合同 ${record.number} ${record.title}`, html };
}
