/**
 * The data set of the `customers` scenario, kept between runs (generating 1M customers takes
 * minutes): tenant `bench` with `size` customers (2 contacts each on average) over an org tree
 * of 200 departments and 2,000 owners, tenant `bench2` with `other` customers, and three small
 * tenants the import measurements write into (and clean up).
 *
 * Built in stages recorded in a `bench_cache` table of the database itself, so an interrupted
 * build resumes where it stopped: org → load (secondary indexes dropped, COPY in committed
 * chunks of 20,000 customers) → index (re-created from their saved definitions) → ready
 * (VACUUM ANALYZE). A database of another generator version or size is rebuilt.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/client.ts';
import { regionPicker } from '../../apps/server/src/modules/customers/demo-sample-data.ts';
import {
  customerEnv,
  loadDemoContext,
  type PoolRules,
} from '../../apps/server/src/modules/customers/demo-seed.ts';
import { contacts, customers } from '../../apps/server/src/modules/customers/schema.ts';
import { poolRules } from '../../apps/server/src/modules/pools/demo-seed.ts';
import { pools } from '../../apps/server/src/modules/pools/schema.ts';
import { uuidv7 } from '../../apps/server/src/platform/ids.ts';
import {
  BLOCK,
  blocksOf,
  type ContactRow,
  type CustomerRow,
  datasetFingerprint,
  GENERATOR_VERSION,
  generateBlock,
  type Segment,
} from '../generators/customers.ts';
import { generateOrganization } from '../generators/organization.ts';
import { BENCH_PASSWORD, generateTenant } from '../generators/tenant.ts';
import { type Connection, CopyEncoder, connect, inTransaction } from './copy.ts';
import type { CachedDatabase } from './database.ts';

export type TenantRef = { id: string; code: string };

export type DatasetMeta = {
  version: number;
  /** datasetFingerprint() when built: the generator and the app's derived search keys. */
  fingerprint: string;
  size: number;
  other: number;
  departments: number;
  owners: number;
  stage: 'load' | 'index' | 'analyze' | 'ready';
  /** End of the creation span (UTC midnight of the build day), ms. */
  end: number;
  main: TenantRef;
  second: TenantRef;
  imports: TenantRef[];
  /** A supervisor (scope department_and_children) heading a subtree of ~10 departments. */
  scope: { username: string; departmentId: string; departments: number };
  progress: { segment: number; block: number };
  indexes: { name: string; def: string }[];
  timings: Record<string, number>;
  /** Migrations applied when the statistics were last gathered (a migration may change their targets). */
  analyzedAtMigration?: number;
};

const appliedMigrations = async (conn: Connection) =>
  Number(
    (await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'))[0].n,
  );

/** ANALYZE again when migrations were applied since the last time (e.g. a new statistics target). */
async function refreshStatistics(conn: Connection, meta: DatasetMeta) {
  const applied = await appliedMigrations(conn);
  if (meta.analyzedAtMigration === applied) return;
  const t = performance.now();
  await conn.query('ANALYZE customers');
  await conn.query('ANALYZE contacts');
  log(`ANALYZE after new migrations in ${secs(t)}`);
  meta.analyzedAtMigration = applied;
  await writeMeta(conn, meta);
}

export type DatasetOptions = { size: number; other: number; departments: number; owners: number };

/** Same seeds on every backend: the same names, owners and fields (ids differ). */
const SEGMENT_SEEDS = [
  { seed: 1, serialBase: 0, contactSerialBase: 20_000_000 },
  { seed: 2, serialBase: 10_000_000, contactSerialBase: 60_000_000 },
];
export const IMPORT_SEED = { seed: 3, serialBase: 15_000_000, contactSerialBase: 90_000_000 };
const DAYS = 1095;
const BLOCKS_PER_COPY = 20;

export const customerKeys = [
  'id',
  'tenantId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'number',
  'name',
  'shortName',
  'type',
  'levelId',
  'sourceId',
  'industryId',
  'statusId',
  'intentionId',
  'regionId',
  'address',
  'lat',
  'lng',
  'phone',
  'mobile',
  'email',
  'website',
  'taxNumber',
  'bankName',
  'bankAccount',
  'credit',
  'satisfaction',
  'legalRepresentative',
  'registeredCapital',
  'annualTurnover',
  'tags',
  'profile',
  'state',
  'ownerId',
  'departmentId',
  'poolId',
  'previousOwnerId',
  'ownedSince',
  'poolEnteredAt',
  'lastFollowUpAt',
  'nextFollowUpAt',
  'lastDealAt',
  'protectedUntil',
  'submittedAt',
  'nameKey',
  'phoneKey',
  'mobileKey',
  'taxKey',
  'emailKey',
  'pinyin',
  'searchGrams',
  'searchCodes',
] as const satisfies readonly (keyof CustomerRow)[];
const contactKeys = [
  'id',
  'tenantId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'customerId',
  'name',
  'gender',
  'title',
  'department',
  'mobile',
  'phone',
  'email',
  'wechat',
  'birthday',
  'decisionRole',
  'isPrimary',
  'remark',
] as const satisfies readonly (keyof ContactRow)[];

export const customerEncoder = new CopyEncoder<CustomerRow>(customers, customerKeys);
const contactEncoder = new CopyEncoder<ContactRow>(contacts, contactKeys);

const log = (msg: string) => console.log(`  [data] ${msg}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function readMeta(conn: Connection): Promise<DatasetMeta | undefined> {
  await conn.query('CREATE TABLE IF NOT EXISTS bench_cache (key text PRIMARY KEY, value jsonb NOT NULL)');
  const [row] = await conn.query<{ value: DatasetMeta }>(
    "SELECT value FROM bench_cache WHERE key = 'dataset'",
  );
  return row?.value;
}

async function writeMeta(conn: Connection, meta: DatasetMeta) {
  await conn.query(
    `INSERT INTO bench_cache (key, value) VALUES ('dataset', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(meta)],
  );
}

const poolRow = (tenantId: string, rules: PoolRules, departmentIds: string[]) => ({
  id: uuidv7(),
  tenantId,
  departmentIds,
  ...rules,
});

/** Stage org: the tenants, their org trees and pools (minutes → seconds: one argon2 hash per tenant). */
async function buildOrganization(db: Db, opts: DatasetOptions): Promise<DatasetMeta> {
  const t = performance.now();
  const main = await generateTenant(db, { code: 'bench' });
  const org = await generateOrganization(db, main, {
    departments: opts.departments,
    users: opts.owners,
    fanout: 9,
    seed: 1,
  });
  // fan-out 9: the first level-2 department heads a subtree of itself + 9 children
  const scopeDept = org.departments.find((d) => d.depth === 2) ?? org.departments[0];
  const subtree = org.departments.filter((d) => d.path.startsWith(scopeDept.path)).length;
  const head = org.users.find((u) => u.id === org.heads.get(scopeDept.id))!;
  const regional = org.departments[0];
  await db
    .insert(pools)
    .values([
      poolRow(main.tenant.id, poolRules.all, []),
      poolRow(main.tenant.id, { ...poolRules.regional, name: '一区公海' }, [regional.id]),
    ]);
  const second = await generateTenant(db, { code: 'bench2', name: '第二租户公司', isDefault: false });
  await generateOrganization(db, second, { departments: 20, users: 200, fanout: 5, seed: 2 });
  await db.insert(pools).values(poolRow(second.tenant.id, poolRules.all, []));
  const imports: TenantRef[] = [];
  for (const k of [1, 2, 3]) {
    const t3 = await generateTenant(db, {
      code: `bench-import-${k}`,
      name: `导入测试${k}`,
      isDefault: false,
    });
    await generateOrganization(db, t3, { departments: 4, users: 20, seed: 3 });
    await db.insert(pools).values(poolRow(t3.tenant.id, poolRules.all, []));
    imports.push({ id: t3.tenant.id, code: t3.tenant.code });
  }
  const today = new Date();
  log(`org: ${opts.departments} departments, ${opts.owners} users (+ 4 small tenants) in ${secs(t)}`);
  return {
    version: GENERATOR_VERSION,
    fingerprint: datasetFingerprint(),
    ...opts,
    stage: 'load',
    end: Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
    main: { id: main.tenant.id, code: main.tenant.code },
    second: { id: second.tenant.id, code: second.tenant.code },
    imports,
    scope: { username: head.username, departmentId: scopeDept.id, departments: subtree },
    progress: { segment: 0, block: 0 },
    indexes: [],
    timings: { org: performance.now() - t },
  };
}

/** The generator segment of a tenant: its owners, dictionaries, regions and pools, read back. */
export async function segmentFor(
  db: Db,
  tenantId: string,
  spec: { count: number; seed: number; serialBase: number; contactSerialBase: number },
  end: number,
  days = DAYS,
): Promise<Segment> {
  const ctx = await loadDemoContext(db, tenantId);
  const poolRows = await db.execute(sql`SELECT id, department_ids, name, recycle_no_follow_up_days,
      recycle_no_deal_days, remind_days_before, hold_limit, daily_claim_limit, cooldown_days
    FROM pools WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY created_at, name`);
  const poolList = (poolRows.rows as Record<string, unknown>[]).map((p) => ({
    id: p.id as string,
    departmentIds: p.department_ids as string[],
    rules: {
      name: p.name as string,
      recycleNoFollowUpDays: (p.recycle_no_follow_up_days as number | null) ?? 60,
      recycleNoDealDays: p.recycle_no_deal_days as number | null,
      remindDaysBefore: (p.remind_days_before as number | null) ?? 3,
      holdLimit: p.hold_limit as number | null,
      dailyClaimLimit: p.daily_claim_limit as number | null,
      cooldownDays: p.cooldown_days as number | null,
    },
  }));
  const has = (roles: string[], ...any: string[]) => roles.some((r) => any.includes(r));
  return {
    ...spec,
    env: customerEnv(
      ctx,
      end,
      poolList,
      ctx.users.filter((u) => has(u.roles, 'admin', 'marketing')),
    ),
    owners: ctx.users.filter((u) => !has(u.roles, 'admin')),
    place: regionPicker(ctx.regions),
    rule: ctx.rule,
    days,
    end,
  };
}

async function dropSecondaryIndexes(conn: Connection, meta: DatasetMeta) {
  const rows = await conn.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def
    FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('customers', 'contacts')
      AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY tablename DESC, indexname`);
  await inTransaction(conn, async () => {
    meta.indexes = rows;
    await writeMeta(conn, meta);
    for (const r of rows) await conn.query(`DROP INDEX IF EXISTS ${r.name}`);
  });
  log(`dropped ${rows.length} secondary indexes for the load (definitions kept)`);
}

async function load(db: Db, conn: Connection, meta: DatasetMeta) {
  const t = performance.now();
  const specs = [
    { tenant: meta.main, count: meta.size, ...SEGMENT_SEEDS[0] },
    { tenant: meta.second, count: meta.other, ...SEGMENT_SEEDS[1] },
  ];
  let rows = 0;
  let lastLog = performance.now();
  for (let s = meta.progress.segment; s < specs.length; s++) {
    const seg = await segmentFor(db, specs[s].tenant.id, specs[s], meta.end);
    const blocks = blocksOf(seg);
    for (let b = s === meta.progress.segment ? meta.progress.block : 0; b < blocks; b += BLOCKS_PER_COPY) {
      const customerRows: CustomerRow[] = [];
      const contactRows: ContactRow[] = [];
      const upTo = Math.min(blocks, b + BLOCKS_PER_COPY);
      for (let k = b; k < upTo; k++) {
        const out = generateBlock(seg, k);
        customerRows.push(...out.customers);
        contactRows.push(...out.contacts);
      }
      await inTransaction(conn, async () => {
        await conn.copy(customerEncoder.table, customerEncoder.columns, customerEncoder.encode(customerRows));
        await conn.copy(contactEncoder.table, contactEncoder.columns, contactEncoder.encode(contactRows));
        meta.progress = upTo >= blocks ? { segment: s + 1, block: 0 } : { segment: s, block: upTo };
        await writeMeta(conn, meta);
      });
      rows += customerRows.length;
      if (performance.now() - lastLog > 5000 || upTo >= blocks) {
        lastLog = performance.now();
        const rate = rows / ((performance.now() - t) / 1000);
        log(
          `${specs[s].tenant.code}: ${Math.min(upTo * BLOCK, seg.count).toLocaleString('en-US')} / ` +
            `${seg.count.toLocaleString('en-US')} customers (+ contacts), ${Math.round(rate).toLocaleString('en-US')} customers/s`,
        );
      }
    }
  }
  meta.timings.load = (meta.timings.load ?? 0) + (performance.now() - t);
}

async function createIndexes(conn: Connection, meta: DatasetMeta, postgres: boolean) {
  await conn.query(`SET maintenance_work_mem = '${postgres ? '1GB' : '512MB'}'`);
  for (const index of meta.indexes) {
    const [exists] = await conn.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [index.name]);
    if (exists) continue;
    const t = performance.now();
    await conn.query(index.def);
    meta.timings[`index ${index.name}`] = performance.now() - t;
    log(`index ${index.name} in ${secs(t)}`);
  }
  await conn.query('RESET maintenance_work_mem');
}

/**
 * Opens (building or finishing it when needed) the data set in `cached`; returns its description.
 * `rebuild` forces a new one.
 */
export async function ensureDataset(
  cachedIn: CachedDatabase,
  opts: DatasetOptions,
  rebuild = false,
): Promise<{ cached: CachedDatabase; meta: DatasetMeta; built: boolean }> {
  let cached = cachedIn;
  let conn = await connect(cached.database);
  let meta = await readMeta(conn);
  const matches =
    meta &&
    meta.version === GENERATOR_VERSION &&
    meta.fingerprint === datasetFingerprint() &&
    meta.size === opts.size &&
    meta.other === opts.other &&
    meta.departments === opts.departments &&
    meta.owners === opts.owners;
  if (meta?.stage === 'ready' && matches && !rebuild) {
    try {
      await refreshStatistics(conn, meta);
    } finally {
      conn.release();
    }
    return { cached, meta, built: false };
  }
  if (!matches || rebuild) {
    if (!cached.created) {
      log(
        rebuild
          ? 'rebuilding on request'
          : 'cached data set is of another version, size or search-key derivation: rebuilding',
      );
      conn.release();
      cached = await cached.rebuild();
      conn = await connect(cached.database);
      await readMeta(conn);
    }
    meta = await buildOrganization(cached.database.db, opts);
    await writeMeta(conn, meta);
    await dropSecondaryIndexes(conn, meta);
  } else {
    log(`resuming an unfinished data set at stage ${meta!.stage}`);
  }
  meta = meta!;
  try {
    if (meta.stage === 'load') {
      await load(cached.database.db, conn, meta);
      meta.stage = 'index';
      await writeMeta(conn, meta);
    }
    if (meta.stage === 'index') {
      const t = performance.now();
      await createIndexes(conn, meta, cached.database.kind === 'postgres');
      meta.timings.indexes = performance.now() - t;
      meta.stage = 'analyze';
      await writeMeta(conn, meta);
    }
    if (meta.stage === 'analyze') {
      const t = performance.now();
      // visibility map (index-only scans), GIN pending lists flushed, planner statistics
      await conn.query('VACUUM ANALYZE customers');
      await conn.query('VACUUM ANALYZE contacts');
      meta.timings.vacuum = performance.now() - t;
      meta.analyzedAtMigration = await appliedMigrations(conn);
      log(`VACUUM ANALYZE in ${secs(t)}`);
      meta.stage = 'ready';
      await writeMeta(conn, meta);
    }
  } finally {
    conn.release();
  }
  return { cached, meta, built: true };
}

export { BENCH_PASSWORD };
