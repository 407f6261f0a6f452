import fs from 'node:fs';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { tenantByCode } from '../organization/tenants-service.ts';
import { createArchive, type RestoreResult, restoreArchive } from './archive-service.ts';

/** `backup --tenant <code> | --all --out <file>`: writes the archive; returns its manifest's summary. */
export async function backupToFile(
  db: Db,
  config: Config,
  o: { tenant?: string; all?: boolean; out: string },
): Promise<{ scope: 'tenant' | 'system'; size: number }> {
  if (Boolean(o.tenant) === Boolean(o.all)) throw new Error('give --tenant <code> or --all');
  const tenant = o.tenant ? await tenantByCode(db, o.tenant) : undefined;
  if (o.tenant && !tenant) throw new Error('no such tenant');
  const scope = tenant ? 'tenant' : 'system';
  const { archive } = await createArchive(db, {
    scope,
    tenantId: tenant?.id ?? null,
    serverKeyId: config.serverKey.id,
    s3: config.s3,
  });
  fs.writeFileSync(o.out, archive);
  return { scope, size: archive.length };
}

/**
 * `restore --file <file> [--tenant <code>]`: with --tenant, replaces that tenant (the archive must
 * be of it); without, fills an empty system. The operator at the console may do either.
 */
export async function restoreFromFile(
  db: Db,
  config: Config,
  o: { file: string; tenant?: string },
): Promise<RestoreResult> {
  return restoreArchive(db, fs.readFileSync(o.file), {
    mode: o.tenant ? 'replace-tenant' : 'empty-system',
    confirm: o.tenant,
    caller: 'operator',
    serverKeyId: config.serverKey.id,
    s3: config.s3,
  });
}
