import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { type Agent, multipart } from '../../test/agent.ts';
import { makeCustomer } from '../../test/factories.ts';
import { cloneTemplate, createTestContext, type TestContext } from '../../test/test-app.ts';
import { type Manifest, packArchive, sha256, unpackArchive, wholeChecksum } from './archive.ts';
import { createArchive, openArchive, restoreArchive } from './archive-service.ts';

let t: TestContext;
let admin: Agent;
let empty: Database;

/** A database as migrations leave it: every table of `public` empty (a fresh server's, before its first start). */
async function emptyDatabase() {
  const database = await cloneTemplate();
  const tables = await database.db.execute(sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  for (const { tablename } of tables.rows as { tablename: string }[])
    await database.db.execute(sql`TRUNCATE ${sql.identifier(tablename)}`);
  return database;
}

/** This server's key: what the archives are made and restored under. */
const key = () => t.config.serverKey.id;

const archiveOf = (db: Database['db'], tenantId: string) =>
  createArchive(db, { scope: 'tenant', tenantId, serverKeyId: t.config.serverKey.id });

/** Per table and file: rows and checksums, what a restore must reproduce. */
const contents = (m: Manifest) => ({
  tables: m.tables.map(({ name, rows, sha256 }) => ({ name, rows, sha256 })),
  files: m.files.map(({ id, size, sha256 }) => ({ id, size, sha256 })),
});

/** The archive with one entry rewritten (and its gzip rebuilt, so only our checksums can notice). */
function rewritten(archive: Buffer, name: string, edit: (data: Buffer) => Buffer) {
  const entries = unpackArchive(archive);
  const order = [...entries.keys()].filter((k) => k !== 'manifest.json').concat('manifest.json');
  return packArchive(
    order.map((n) => ({ name: n, data: n === name ? edit(entries.get(n)!) : entries.get(n)! })),
  );
}

const refusal = async (run: Promise<unknown>) => {
  const err = await run.then(
    () => null,
    (e) => e,
  );
  return (err as { code?: string } | null)?.code;
};

const operator = 'operator' as const;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  for (let i = 0; i < 3; i++) await makeCustomer(admin, { name: `备份客户${i}`, tags: ['备份'] });
  const customer = await makeCustomer(admin, { name: '有附件的客户' });
  const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#36c' } })
    .png()
    .toBuffer();
  const body = multipart(
    { entity: 'customers', entityId: customer.id },
    { file: { name: '合同扫描.png', content: image, type: 'image/png' } },
  );
  const uploaded = await admin.request('POST', '/api/v1/files', body.payload, { headers: body.headers });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  empty = await emptyDatabase();
});
afterAll(async () => {
  await empty?.close();
  await t.close();
});

describe('backup archive: a tenant out and into an empty database', () => {
  it('restores the same rows and checksums per table, and the same file bytes', async () => {
    const { archive, manifest } = await archiveOf(t.database.db, t.tenant.id);
    expect(gunzipSync(archive).subarray(257, 262).toString()).toBe('ustar'); // a plain tar.gz
    expect(manifest).toMatchObject({ scope: 'tenant', tenant: { code: 'acme' } });
    const customers = manifest.tables.find((x) => x.name === 'customers')!;
    expect(customers.rows).toBeGreaterThanOrEqual(4);
    expect(manifest.files).toHaveLength(2); // the image and its thumbnail
    const names = manifest.tables.map((x) => x.name);
    expect(names).toContain('tenants');
    // volatile and system-level tables do not travel in a tenant archive
    for (const never of ['sessions', 'login_attempts', 'backups', 'file_chunks', 'secret_key_check'])
      expect(names).not.toContain(never);

    const result = await restoreArchive(empty.db, archive, {
      mode: 'empty-system',
      serverKeyId: key(),
      caller: operator,
    });
    expect(result.tables.customers).toBe(customers.rows);
    const again = await archiveOf(empty.db, t.tenant.id);
    expect(contents(again.manifest)).toEqual(contents(manifest));
    // the restored admin can sign in on the restored data: it is the one tenant there, now the default
    const tenants = await empty.db.execute(sql`SELECT code, is_default FROM tenants`);
    expect(tenants.rows).toEqual([{ code: 'acme', is_default: true }]);
  });

  it('refuses a tampered archive, a newer or older schema, and a non-empty target', async () => {
    const { archive } = await archiveOf(t.database.db, t.tenant.id);
    const flipped = Buffer.from(archive);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    expect(
      await refusal(
        restoreArchive(empty.db, flipped, { mode: 'empty-system', serverKeyId: key(), caller: operator }),
      ),
    ).toMatch(/^BACKUP_(CHECKSUM_MISMATCH|MALFORMED)$/);
    const edited = rewritten(archive, 'tables/customers.jsonl', (d) =>
      Buffer.from(d.toString().replace('备份客户0', '备份客户X')),
    );
    expect(
      await refusal(
        restoreArchive(empty.db, edited, { mode: 'empty-system', serverKeyId: key(), caller: operator }),
      ),
    ).toBe('BACKUP_CHECKSUM_MISMATCH');
    const withMigration = (delta: number) =>
      rewritten(archive, 'manifest.json', (d) => {
        const m = JSON.parse(d.toString());
        m.migration.index += delta;
        return Buffer.from(JSON.stringify(m));
      });
    expect(
      await refusal(
        restoreArchive(empty.db, withMigration(1), {
          mode: 'empty-system',
          serverKeyId: key(),
          caller: operator,
        }),
      ),
    ).toBe('BACKUP_SCHEMA_NEWER');
    expect(
      await refusal(
        restoreArchive(empty.db, withMigration(-1), {
          mode: 'empty-system',
          serverKeyId: key(),
          caller: operator,
        }),
      ),
    ).toBe('BACKUP_SCHEMA_OLDER');
    expect(
      await refusal(
        restoreArchive(empty.db, Buffer.from('not an archive'), {
          mode: 'empty-system',
          serverKeyId: key(),
          caller: operator,
        }),
      ),
    ).toBe('BACKUP_MALFORMED');
    // the template database holds two tenants and their customers: not empty
    expect(
      await refusal(
        restoreArchive(t.database.db, archive, {
          mode: 'empty-system',
          serverKeyId: key(),
          caller: operator,
        }),
      ),
    ).toBe('RESTORE_TARGET_NOT_EMPTY');
  });

  it('refuses an archive whose sealed credentials another server key would have to open', async () => {
    // a TOTP enrolment under way: its secret is sealed under this server's key
    const sealed = t.config.serverKey.seal('JBSWY3DPEHPK3PXP');
    await t.database.db.execute(
      sql`UPDATE users SET totp_pending_secret = ${sealed} WHERE tenant_id = ${t.tenant.id} AND username = 'admin'`,
    );
    const { archive } = await archiveOf(t.database.db, t.tenant.id);
    await t.database.db.execute(
      sql`UPDATE users SET totp_pending_secret = NULL WHERE tenant_id = ${t.tenant.id} AND username = 'admin'`,
    );
    const elsewhere = { mode: 'replace-tenant', confirm: 'acme', caller: operator } as const;
    const err = await restoreArchive(t.database.db, archive, {
      ...elsewhere,
      serverKeyId: '0123456789ab',
    }).then(
      () => null,
      (e: { code: string; details: { message: string }[] }) => e,
    );
    expect(err).toMatchObject({ code: 'BACKUP_KEY_MISMATCH', details: [{ message: key() }] });
    // under the key that sealed it, the same archive opens
    expect(openArchive(archive, key()).manifest.serverKeyId).toBe(key());
  });

  it('replace-tenant puts the tenant back as it was and leaves the other tenant untouched', async () => {
    const otherBefore = await archiveOf(t.database.db, t.other.id);
    const { archive, manifest } = await archiveOf(t.database.db, t.tenant.id);
    await makeCustomer(admin, { name: '备份之后的客户' });
    const auditBefore = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_logs`);

    const confirmMismatch = restoreArchive(t.database.db, archive, {
      mode: 'replace-tenant',
      confirm: 'other',
      serverKeyId: key(),
      caller: operator,
    });
    expect(await refusal(confirmMismatch)).toBe('RESTORE_CONFIRM_MISMATCH');
    // another tenant's admin may not replace acme
    const foreign = restoreArchive(t.database.db, archive, {
      mode: 'replace-tenant',
      confirm: 'acme',
      serverKeyId: key(),
      caller: { tenantId: t.other.id, systemAdmin: false },
    });
    expect(await refusal(foreign)).toBe('FORBIDDEN');

    await restoreArchive(t.database.db, archive, {
      mode: 'replace-tenant',
      confirm: 'acme',
      serverKeyId: key(),
      caller: { tenantId: t.tenant.id, systemAdmin: true },
    });
    const after = await archiveOf(t.database.db, t.tenant.id);
    // the audit log is append-only: it keeps what was written since the backup
    const withoutAudit = (m: Manifest) => ({
      ...contents(m),
      tables: contents(m).tables.filter((x) => x.name !== 'audit_logs'),
    });
    expect(withoutAudit(after.manifest)).toEqual(withoutAudit(manifest));
    const auditAfter = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_logs`);
    expect((auditAfter.rows[0] as { n: number }).n).toBe((auditBefore.rows[0] as { n: number }).n);
    expect(contents((await archiveOf(t.database.db, t.other.id)).manifest)).toEqual(
      contents(otherBefore.manifest),
    );
    // the admin's session survived (the admin exists in the archive)
    expect((await admin.get('/api/v1/customers?pageSize=1')).statusCode).toBe(200);
  });

  it('refuses a doctored archive that carries another tenant’s rows, even with checksums recomputed', async () => {
    const { archive } = await archiveOf(t.database.db, t.tenant.id);
    const entries = unpackArchive(archive);
    const m = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
    const file = 'tables/customers.jsonl';
    const doctored = Buffer.from(entries.get(file)!.toString().replaceAll(t.tenant.id, t.other.id));
    entries.set(file, doctored);
    const entry = m.tables.find((x) => x.file === file)!;
    entry.sha256 = sha256(doctored);
    m.checksum = wholeChecksum(m);
    entries.set('manifest.json', Buffer.from(JSON.stringify(m)));
    const repacked = packArchive([...entries].map(([name, data]) => ({ name, data })));
    const run = restoreArchive(t.database.db, repacked, {
      mode: 'replace-tenant',
      confirm: 'acme',
      serverKeyId: key(),
      caller: operator,
    });
    expect(await refusal(run)).toBe('BACKUP_MALFORMED');
  });
});
