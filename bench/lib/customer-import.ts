/**
 * Import throughput of the `customers` scenario: the same customer rows (a CSV written from the
 * generator) loaded three ways into the fully indexed customers table, each into its own empty
 * tenant, with the process's memory sampled:
 *
 *  I1  the import service end to end (modules/imports: the stored file read twice — validate
 *      every row, then write in 500-row transactions with duplicate check and a number block);
 *  I2  its write pass alone, batch after batch (convertRow → planCustomers → writeCustomers of
 *      modules/customers/import-service.ts + audit per batch; the service also converts the next
 *      batch while one is written);
 *  C   COPY of the rows I1 created (same values, new ids) in one transaction.
 *
 * Everything written is deleted again (and the table vacuumed), so the cached data set is reused
 * unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/client.ts';
import { loadDemoContext } from '../../apps/server/src/modules/customers/demo-seed.ts';
import { planCustomers, writeCustomers } from '../../apps/server/src/modules/customers/import-service.ts';
import { convertRow } from '../../apps/server/src/modules/imports/fields.ts';
import { readRows } from '../../apps/server/src/modules/imports/read-rows.ts';
import * as importRepo from '../../apps/server/src/modules/imports/repository.ts';
import { Resolver } from '../../apps/server/src/modules/imports/resolver.ts';
import { runImport } from '../../apps/server/src/modules/imports/run.ts';
import { start } from '../../apps/server/src/modules/imports/service.ts';
import { writeAudit } from '../../apps/server/src/platform/audit.ts';
import { toPrincipal } from '../../apps/server/src/platform/auth/hook.ts';
import type { Principal } from '../../apps/server/src/platform/auth/principal.ts';
import { findUserPrincipal } from '../../apps/server/src/platform/auth/principal-repository.ts';
import { uuidv7 } from '../../apps/server/src/platform/ids.ts';
import type { Jobs } from '../../apps/server/src/platform/jobs.ts';
import { blocksOf, type CustomerRow, generateBlock } from '../generators/customers.ts';
import { connect, inTransaction } from './copy.ts';
import { customerEncoder, type DatasetMeta, IMPORT_SEED, segmentFor } from './customer-dataset.ts';

export type MemorySample = { beforeMb: number; afterMb: number; peakMb: number };
export type ImportFigure = {
  key: 'service' | 'writePass' | 'copy';
  name: string;
  rows: number;
  seconds: number;
  rowsPerSec: number;
  memory: MemorySample;
};
export type ImportResult = { rows: number; figures: ImportFigure[]; cleanupSeconds: number };

const mb = (n: number) => Math.round(n / 1048576);

/** Runs `fn` while sampling RSS every 50 ms. */
async function withMemory<T>(fn: () => Promise<T>): Promise<{ out: T; memory: MemorySample }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const out = await fn();
    const after = process.memoryUsage().rss;
    return { out, memory: { beforeMb: mb(before), afterMb: mb(after), peakMb: mb(Math.max(peak, after)) } };
  } finally {
    clearInterval(timer);
  }
}

/** The column headers of the CSV (the import's zh-CN labels) and the field each maps to. */
const columns: [string, string][] = [
  ['客户名称', 'name'],
  ['简称', 'shortName'],
  ['客户类型', 'type'],
  ['客户等级', 'levelId'],
  ['客户来源', 'sourceId'],
  ['行业', 'industryId'],
  ['客户状态', 'statusId'],
  ['客户意向', 'intentionId'],
  ['地区', 'regionId'],
  ['地址', 'address'],
  ['电话', 'phone'],
  ['手机', 'mobile'],
  ['邮箱', 'email'],
  ['网址', 'website'],
  ['税号', 'taxNumber'],
  ['开户行', 'bankName'],
  ['银行账号', 'bankAccount'],
  ['信用等级', 'credit'],
  ['满意度', 'satisfaction'],
  ['法人代表', 'legalRepresentative'],
  ['注册资本', 'registeredCapital'],
  ['年营业额', 'annualTurnover'],
  ['标签', 'tags'],
  ['公司简介', 'profile'],
  ['负责人', 'ownerId'],
];
const typeWords = { direct: '直接客户', distributor: '经销商', individual: '个人' } as const;

/** Writes `rows` generated customers as the CSV a user would import (names, not ids); returns its path. */
async function writeCsv(db: Db, meta: DatasetMeta, rows: number): Promise<string> {
  const tenantId = meta.imports[0].id;
  const seg = await segmentFor(db, tenantId, { count: rows, ...IMPORT_SEED }, meta.end, 1);
  const ctx = await loadDemoContext(db, tenantId);
  const names = new Map<string, string>();
  for (const byName of ctx.dictionaries.values()) for (const [name, id] of byName) names.set(id, name);
  const regions = new Map(ctx.regions.map((r) => [r.id, r]));
  const regionPath = (id: string): string => {
    const r = regions.get(id)!;
    return r.parentId ? `${regionPath(r.parentId)}/${r.name}` : r.name;
  };
  const users = await db.execute(sql`SELECT id, username FROM users WHERE tenant_id = ${tenantId}`);
  const usernames = new Map(
    (users.rows as { id: string; username: string }[]).map((u) => [u.id, u.username]),
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-import-')), 'customers.csv');
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, stringify([columns.map(([h]) => h)], { bom: true }));
  const cell = (c: CustomerRow, key: string): string => {
    const v = (c as Record<string, unknown>)[key];
    if (v === null || v === undefined) return '';
    if (key === 'type') return typeWords[v as keyof typeof typeWords];
    if (key === 'regionId') return regionPath(v as string);
    if (key.endsWith('Id') && key !== 'ownerId') return names.get(v as string) ?? '';
    if (key === 'ownerId') return usernames.get(v as string) ?? '';
    if (Array.isArray(v)) return v.join(',');
    return String(v);
  };
  for (let b = 0; b < blocksOf(seg); b++) {
    const block = generateBlock(seg, b).customers.map((c) => {
      // an import creates active customers owned by someone: pool / draft rows keep their last owner
      const owner = c.ownerId ?? c.previousOwnerId ?? c.createdBy;
      return columns.map(([, key]) => (key === 'ownerId' ? (usernames.get(owner!) ?? '') : cell(c, key)));
    });
    fs.writeSync(out, stringify(block));
  }
  fs.closeSync(out);
  return file;
}

async function adminPrincipal(db: Db, tenantId: string): Promise<Principal> {
  const [admin] = (
    await db.execute(sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND username = 'admin'`)
  ).rows as { id: string }[];
  const row = await findUserPrincipal(db, tenantId, admin.id);
  if (!row) throw new Error('import tenant has no admin');
  return toPrincipal(row, 'job');
}

async function countCustomers(db: Db, tenantId: string) {
  const r = await db.execute(sql`SELECT count(*)::int8 AS n FROM customers WHERE tenant_id = ${tenantId}`);
  return Number((r.rows[0] as { n: number }).n);
}

/**
 * I1: the import as an upload starts it (service.start stores the file and queues the job; the
 * queue is left out) and the job runs it (service.runImport, called here directly).
 */
async function importService(db: Db, p: Principal, file: string): Promise<number> {
  const queue = { send: async () => 'bench' } as unknown as Jobs;
  const { id } = await start(
    db,
    queue,
    p,
    'zh-CN',
    {
      entity: 'customers',
      mode: 'create',
      mapping: Object.fromEntries(columns),
      fileName: 'bench.csv',
      format: 'csv',
    },
    fs.createReadStream(file),
  );
  const t = performance.now();
  await runImport(db, id, 'zh-CN');
  const seconds = (performance.now() - t) / 1000;
  const job = await importRepo.findImportById(db, id);
  if (job?.status !== 'done')
    throw new Error(
      `import ended ${job?.status}: ${job?.message} ${JSON.stringify(job?.errors?.slice(0, 3))}`,
    );
  return seconds;
}

/** I2: the import's write pass over the same file: convert, plan (duplicate check), write per 500 rows. */
async function writePass(db: Db, p: Principal, file: string): Promise<number> {
  const t = performance.now();
  const resolver = await Resolver.load(db, p);
  const actor = { tenantId: p.tenantId, userId: p.userId, userName: p.name };
  const timeZone = p.profile.tenant.timezone;
  const flush = async (batch: Record<string, string>[]) => {
    const converted = batch.map((cells) => convertRow('customers', cells, resolver, 'zh-CN'));
    const bad = converted.find((c) => c.errors.length);
    if (bad) throw new Error(`row rejected: ${JSON.stringify(bad.errors)}`);
    const values = converted.map((c) => c.values);
    const plans = await planCustomers(db, p, values, 'create');
    await db.transaction(async (tx) => {
      const counts = await writeCustomers(
        tx,
        p,
        actor,
        timeZone,
        values.map((v, i) => ({ values: v, plan: plans[i] })),
      );
      await writeAudit(tx, actor, {
        action: 'import',
        entity: 'customers',
        summary: 'bench',
        changes: { created: [null, counts.created] },
      });
    });
  };
  let headers: string[] | undefined;
  let batch: Record<string, string>[] = [];
  const fields = new Map(columns);
  for await (const record of readRows(fs.createReadStream(file), 'csv')) {
    if (!headers) {
      headers = record;
      continue;
    }
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (record[i]) cells[fields.get(h)!] = record[i];
    });
    batch.push(cells);
    if (batch.length === 500) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  return (performance.now() - t) / 1000;
}

/** C: the rows I1 created, as COPY text files of 10,000 rows (new ids, tenant of C). */
async function dumpForCopy(db: Db, from: string, to: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-copy-'));
  const files: string[] = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (
      await db.execute(sql`SELECT * FROM customers WHERE tenant_id = ${from} AND id > ${after}
      ORDER BY id LIMIT 10000`)
    ).rows as Record<string, unknown>[];
    if (!rows.length) break;
    after = rows[rows.length - 1].id as string;
    const camel = rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r))
        o[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
      o.id = uuidv7();
      o.tenantId = to;
      return o as CustomerRow;
    });
    const file = path.join(dir, `${files.length}.tsv`);
    fs.writeFileSync(file, customerEncoder.encode(camel));
    files.push(file);
  }
  return files;
}

export async function measureImport(
  db: Db,
  database: Parameters<typeof connect>[0],
  meta: DatasetMeta,
  rows: number,
  log: (s: string) => void,
): Promise<ImportResult> {
  const [t1, t2, t3] = meta.imports.map((t) => t.id);
  await cleanup(db, database, meta, false);
  log(`import: writing a CSV of ${rows.toLocaleString('en-US')} customers`);
  const file = await writeCsv(db, meta, rows);
  const figures: ImportFigure[] = [];
  const figure = (
    key: ImportFigure['key'],
    name: string,
    n: number,
    seconds: number,
    memory: MemorySample,
  ) => {
    figures.push({ key, name, rows: n, seconds, rowsPerSec: n / seconds, memory });
    log(`${name}: ${n.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s`);
  };

  const p1 = await adminPrincipal(db, t1);
  const i1 = await withMemory(() => importService(db, p1, file));
  figure(
    'service',
    'I1 import service (validate pass + write pass)',
    await countCustomers(db, t1),
    i1.out,
    i1.memory,
  );

  const p2 = await adminPrincipal(db, t2);
  const i2 = await withMemory(() => writePass(db, p2, file));
  figure(
    'writePass',
    'I2 import write pass (convert, duplicate check, insert)',
    await countCustomers(db, t2),
    i2.out,
    i2.memory,
  );

  const files = await dumpForCopy(db, t1, t3);
  const conn = await connect(database);
  try {
    const c = await withMemory(async () => {
      const t = performance.now();
      await inTransaction(conn, async () => {
        for (const f of files)
          await conn.copy(customerEncoder.table, customerEncoder.columns, fs.readFileSync(f, 'utf8'));
      });
      return (performance.now() - t) / 1000;
    });
    figure(
      'copy',
      'C  COPY of the same rows into the indexed table',
      await countCustomers(db, t3),
      c.out,
      c.memory,
    );
  } finally {
    conn.release();
    fs.rmSync(path.dirname(files[0] ?? file), { recursive: true, force: true });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const t = performance.now();
  await cleanup(db, database, meta, true);
  return { rows, figures, cleanupSeconds: (performance.now() - t) / 1000 };
}

/** Removes what the import measurements wrote (customers, jobs, counters) from the import tenants. */
async function cleanup(
  db: Db,
  database: Parameters<typeof connect>[0],
  meta: DatasetMeta,
  vacuumToo: boolean,
) {
  const ids = meta.imports.map((t) => t.id);
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const deleted = await db.execute(
    sql`WITH d AS (DELETE FROM customers WHERE tenant_id IN (${list}) RETURNING 1) SELECT count(*)::int8 AS n FROM d`,
  );
  await db.execute(
    sql`DELETE FROM import_chunks WHERE import_id IN (SELECT id FROM imports WHERE tenant_id IN (${list}))`,
  );
  await db.execute(sql`DELETE FROM imports WHERE tenant_id IN (${list})`);
  await db.execute(sql`DELETE FROM numbering_counters WHERE tenant_id IN (${list})`);
  if (vacuumToo || Number((deleted.rows[0] as { n: number }).n) > 0) await vacuum(database);
}

async function vacuum(database: Parameters<typeof connect>[0]) {
  const conn = await connect(database);
  try {
    await conn.query('VACUUM ANALYZE customers');
  } finally {
    conn.release();
  }
}
