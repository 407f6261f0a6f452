/**
 * Demo customers (first run, after the demo organisation and the demo pools): ~3,000 customers of
 * the demo company with contacts and shares, spread over 18 months. Deterministic: the same
 * seed gives the same names, owners and fields on every fresh start (dates are relative to now).
 * Inserted with multi-row INSERTs in one transaction; one audit row records the seed.
 */

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { numberingCounters } from '../../db/schema/platform.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudit } from '../../platform/audit.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { formatNumber, type NumberingRule, periodKey, ruleFor } from '../../platform/numbering.ts';
import { type Rng, rng } from '../../platform/random.ts';
import { getTenant } from '../organization/tenants-service.ts';
import type { PoolRules } from '../pools/published.ts';
import {
  contactCount,
  type RegionItem,
  regionPicker,
  type SampleCustomer,
  sampleContact,
  sampleCustomer,
} from './demo-sample-data.ts';
import { contacts, customerShares, customers } from './schema.ts';
import { derivedColumns, nameKey } from './search-keys.ts';

type CustomerInsert = typeof customers.$inferInsert;
type ContactInsert = typeof contacts.$inferInsert;
type ShareInsert = typeof customerShares.$inferInsert;

export type DemoUser = { id: string; name: string; departmentId: string; roles: string[] };
export type DemoDepartment = { id: string; parentId: string | null; name: string; path: string };

/** What the generator needs to know about the tenant (read by {@link loadDemoContext}). */
type DemoContext = {
  tenantId: string;
  timeZone: string;
  rule: NumberingRule;
  /** Counters already used per period (a fresh tenant has none). */
  counters: Map<string, number>;
  users: DemoUser[];
  departments: DemoDepartment[];
  /** Dictionary item ids by type and name. */
  dictionaries: Map<string, Map<string, string>>;
  regions: RegionItem[];
  /** The tenant's pools with their rules (the demo pools seed them first). */
  pools: { id: string; departmentIds: string[]; rules: PoolRules }[];
};

export type { PoolRules };

type DemoOptions = {
  /** Customers to create (drafts and pool customers included). */
  count?: number;
  seed?: number;
  now?: Date;
};

type DemoData = {
  customers: CustomerInsert[];
  contacts: ContactInsert[];
  shares: ShareInsert[];
  /** Highest sequence per numbering period after the seed. */
  counters: Map<string, number>;
};

export const DAY = 86_400_000;
const ENTITY = 'customer';

/** Reads users (with role codes), departments, dictionaries and the numbering rule of a tenant. */
export async function loadDemoContext(db: Db, tenantId: string): Promise<DemoContext> {
  const timeZone = (await getTenant(db, tenantId)).timezone;
  const users = await db.execute(sql`SELECT u.id, u.name, u.department_id,
      coalesce(array_agg(r.code ORDER BY r.code) FILTER (WHERE r.code IS NOT NULL), '{}') AS roles
    FROM users u
    LEFT JOIN user_roles ur ON ur.user_id = u.id AND ur.tenant_id = u.tenant_id
    LEFT JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
    WHERE u.tenant_id = ${tenantId} AND u.deleted_at IS NULL AND u.status = 'active'
    GROUP BY u.id ORDER BY u.username`);
  const departments = await db.execute(sql`SELECT id, parent_id, name, path FROM departments
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY path`);
  const items = await db.execute(sql`SELECT id, type, parent_id, name, code FROM dictionary_items
    WHERE tenant_id = ${tenantId} AND valid ORDER BY type, parent_id NULLS FIRST, sort_order, name`);
  const dictionaries = new Map<string, Map<string, string>>();
  const regions: RegionItem[] = [];
  for (const row of items.rows as {
    id: string;
    type: string;
    parent_id: string | null;
    name: string;
    code: string | null;
  }[]) {
    if (row.type === 'region') {
      regions.push({ id: row.id, parentId: row.parent_id, name: row.name, code: row.code });
      continue;
    }
    const byName = dictionaries.get(row.type) ?? new Map<string, string>();
    dictionaries.set(row.type, byName);
    if (!byName.has(row.name)) byName.set(row.name, row.id);
  }
  // read as plain rows: the demo seed of the pools module made them (modules don't share tables)
  const poolRows = await db.execute(sql`SELECT id, department_ids, name, recycle_no_follow_up_days,
      recycle_no_deal_days, remind_days_before, hold_limit, daily_claim_limit, cooldown_days
    FROM pools WHERE tenant_id = ${tenantId} AND deleted_at IS NULL ORDER BY created_at, name`);
  const counters = await db.execute(sql`SELECT period_key, value FROM numbering_counters
    WHERE tenant_id = ${tenantId} AND entity = ${ENTITY}`);
  return {
    tenantId,
    timeZone,
    rule: await ruleFor(db, tenantId, ENTITY),
    counters: new Map(
      (counters.rows as { period_key: string; value: number }[]).map((c) => [c.period_key, Number(c.value)]),
    ),
    users: (users.rows as { id: string; name: string; department_id: string; roles: string[] }[]).map(
      (u) => ({
        id: u.id,
        name: u.name,
        departmentId: u.department_id,
        roles: u.roles,
      }),
    ),
    departments: (
      departments.rows as { id: string; parent_id: string | null; name: string; path: string }[]
    ).map((d) => ({ id: d.id, parentId: d.parent_id, name: d.name, path: d.path })),
    dictionaries,
    regions,
    pools: (poolRows.rows as Record<string, unknown>[]).map((p) => ({
      id: p.id as string,
      departmentIds: p.department_ids as string[],
      rules: {
        name: p.name as string,
        recycleNoFollowUpDays: p.recycle_no_follow_up_days as number,
        recycleNoDealDays: p.recycle_no_deal_days as number | null,
        remindDaysBefore: p.remind_days_before as number,
        holdLimit: p.hold_limit as number | null,
        dailyClaimLimit: p.daily_claim_limit as number | null,
        cooldownDays: p.cooldown_days as number | null,
      },
    })),
  };
}

const statusWeights = [
  ['初次接触', 18],
  ['意向客户', 25],
  ['商务谈判', 14],
  ['成交客户', 32],
  ['暂停合作', 7],
  ['已流失', 4],
] as const;
const poolStatusWeights = [
  ['初次接触', 35],
  ['意向客户', 20],
  ['暂停合作', 30],
  ['已流失', 15],
] as const;
const intentionByStatus: Record<string, readonly (readonly [string | null, number])[]> = {
  成交客户: [
    ['强烈', 50],
    ['一般', 40],
    ['较弱', 10],
  ],
  商务谈判: [
    ['强烈', 60],
    ['一般', 35],
    ['较弱', 5],
  ],
  意向客户: [
    ['强烈', 30],
    ['一般', 55],
    ['较弱', 15],
  ],
  初次接触: [
    ['一般', 40],
    ['较弱', 40],
    ['无意向', 10],
    [null, 10],
  ],
  暂停合作: [
    ['一般', 20],
    ['较弱', 50],
    ['无意向', 30],
  ],
  已流失: [
    ['较弱', 30],
    ['无意向', 70],
  ],
};
const sourceWeights = [
  ['电话来访', 12],
  ['客户介绍', 18],
  ['独立开发', 25],
  ['网络推广', 18],
  ['展会', 12],
  ['门店到访', 5],
  ['广告', 6],
  ['其他', 4],
] as const;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** `YYYY-MM-DD` of an instant in a time zone. */
function isoDay(at: Date, timeZone: string) {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(at);
}

/**
 * `formatNumber` for many numbers of one day: the rule's own format of sequence 1 with the
 * sequence swapped (formatNumber builds an Intl formatter per call, ~70 µs).
 */
export function dayNumbers(rule: NumberingRule, at: Date, timeZone: string): (seq: number) => string {
  const first = formatNumber(rule, 1, at, timeZone);
  const width = rule.sequenceWidth;
  const stem = first.slice(0, first.length - width);
  if (first.slice(stem.length) !== '1'.padStart(width, '0'))
    throw new Error(`unexpected number format ${first}`);
  return (seq) => stem + String(seq).padStart(width, '0');
}

/** What {@link customerRecord} needs around a customer (shared by the demo seed and the benchmarks). */
export type CustomerEnv = {
  tenantId: string;
  timeZone: string;
  /** "Now" in ms: follow-ups, pool entries and deals are placed relative to it. */
  now: number;
  /** Dictionary item id by type and name (null when absent). */
  dict: (type: string, name: string | null) => string | null;
  /** The pool whose rules cover a department (the one a customer of it is recycled into). */
  poolFor: (departmentId: string) => { id: string; rules: PoolRules };
  /** Users who sometimes create customers for a salesperson (admin, marketing, …). */
  helpers: readonly { id: string }[];
};

/** Builds the {@link CustomerEnv} of a tenant and its pools (by the departments they cover). */
export function customerEnv(
  ctx: Pick<DemoContext, 'tenantId' | 'timeZone' | 'dictionaries' | 'departments'>,
  now: number,
  poolList: { id: string; departmentIds: string[]; rules: PoolRules }[],
  helpers: readonly { id: string }[],
): CustomerEnv {
  const paths = new Map(ctx.departments.map((d) => [d.id, d.path]));
  const general = poolList.find((p) => p.departmentIds.length === 0);
  const cache = new Map<string, { id: string; rules: PoolRules }>();
  return {
    tenantId: ctx.tenantId,
    timeZone: ctx.timeZone,
    now,
    dict: (type, name) => (name ? (ctx.dictionaries.get(type)?.get(name) ?? null) : null),
    helpers,
    poolFor: (departmentId) => {
      let hit = cache.get(departmentId);
      if (!hit) {
        const path = paths.get(departmentId) ?? '';
        const own = poolList.find((p) => p.departmentIds.some((d) => path.includes(`/${d}/`)));
        const pool = own ?? general ?? poolList[0];
        if (!pool) throw new Error('customers need a pool');
        hit = { id: pool.id, rules: pool.rules };
        cache.set(departmentId, hit);
      }
      return hit;
    },
  };
}

/**
 * One customer row from a sample: classification (level, source, status, intention), state,
 * owner and department, and follow-up / deal / pool times that fit the pool rules (active
 * customers are worked on within the pool's window; ~3% are close to it, so the nightly job has
 * owners to remind; none is overdue). The number and the derived keys are left to the caller.
 */
export function customerRecord(
  r: Rng,
  env: CustomerEnv,
  a: {
    sample: SampleCustomer;
    state: 'draft' | 'active' | 'pool';
    createdAt: number;
    owner: { id: string; departmentId: string };
  },
): CustomerInsert {
  const { sample, state, createdAt, owner } = a;
  const now = env.now;
  const pool = env.poolFor(owner.departmentId);
  const rules = pool.rules;
  const status =
    state === 'draft' ? '初次接触' : r.weighted<string>(state === 'pool' ? poolStatusWeights : statusWeights);
  const capital = Number(sample.registeredCapital ?? 0);
  const level = r.weighted<string>(
    capital >= 20_000_000
      ? [
          ['重点客户', 45],
          ['普通客户', 45],
          ['小客户', 10],
        ]
      : [
          ['重点客户', 8],
          ['普通客户', 55],
          ['小客户', 37],
        ],
  );

  let ownerId: string | null = owner.id;
  let departmentId: string | null = owner.departmentId;
  let createdBy = owner.id;
  let ownedSince = createdAt;
  let lastFollowUpAt: number | null = null;
  let nextFollowUpAt: number | null = null;
  let lastDealAt: number | null = null;
  let poolId: string | null = null;
  let previousOwnerId: string | null = null;
  let poolEnteredAt: number | null = null;
  let protectedUntil: string | null = null;
  const age = now - createdAt;

  if (state === 'active') {
    if (r.chance(0.15) && env.helpers.length) createdBy = r.pick(env.helpers).id;
    if (r.chance(0.12)) ownedSince = createdAt + r.next() * age; // transferred or claimed later
    if (status === '成交客户') lastDealAt = now - r.next() * Math.min(age, 300 * DAY);
    // Stay clear of the pool's no-deal rule, as a customer someone works on would.
    if (rules.recycleNoDealDays && !lastDealAt && now - ownedSince > (rules.recycleNoDealDays - 10) * DAY)
      ownedSince = now - (30 + r.next() * (rules.recycleNoDealDays - 45)) * DAY;
    const window = rules.recycleNoFollowUpDays;
    const safe = (window - rules.remindDaysBefore - 2) * DAY;
    const since = Math.max(createdAt, ownedSince);
    if (r.chance(0.03) && now - since > window * DAY) {
      lastFollowUpAt = now - (window - 0.5 - r.next() * (rules.remindDaysBefore - 1)) * DAY;
    } else if (now - since > safe || r.chance(0.8)) {
      lastFollowUpAt = now - r.next() * Math.min(now - since, safe);
    }
    if (r.chance(0.65))
      nextFollowUpAt = r.chance(0.3)
        ? now - (1 + r.next() * 19) * DAY
        : Math.floor((now + (0.2 + r.next() * 30) * DAY) / 3_600_000) * 3_600_000;
    if (r.chance(0.03)) protectedUntil = isoDay(new Date(now + r.between(3, 30) * DAY), env.timeZone);
  } else if (state === 'pool') {
    previousOwnerId = owner.id;
    poolId = pool.id;
    ownerId = null;
    departmentId = null;
    poolEnteredAt = age > 2 * DAY ? now - r.next() * Math.min(age - DAY, 120 * DAY) : createdAt + age / 2;
    if (r.chance(0.7)) lastFollowUpAt = createdAt + r.next() * (poolEnteredAt - createdAt);
  }

  const date = (t: number | null) => (t === null ? null : new Date(t));
  return {
    id: uuidv7(),
    tenantId: env.tenantId,
    createdAt: new Date(createdAt),
    updatedAt: new Date(Math.max(createdAt, ownedSince, lastFollowUpAt ?? 0, poolEnteredAt ?? 0)),
    createdBy,
    number: null,
    name: sample.name,
    shortName: sample.shortName,
    type: sample.type,
    levelId: env.dict('customer-level', level),
    sourceId: env.dict('customer-source', r.weighted<string>(sourceWeights)),
    industryId: env.dict('industry', sample.industry),
    statusId: env.dict('customer-status', status),
    intentionId: env.dict('customer-intention', r.weighted(intentionByStatus[status])),
    regionId: sample.regionId,
    address: sample.address,
    lat: sample.lat,
    lng: sample.lng,
    phone: sample.phone,
    mobile: sample.mobile,
    email: sample.email,
    website: sample.website,
    taxNumber: state === 'draft' && r.chance(0.5) ? null : sample.taxNumber,
    bankName: sample.bankName,
    bankAccount: sample.bankAccount,
    credit: sample.credit,
    satisfaction: sample.satisfaction,
    legalRepresentative: sample.legalRepresentative,
    registeredCapital: sample.registeredCapital,
    annualTurnover: sample.annualTurnover,
    tags: state === 'draft' ? [] : sample.tags,
    profile: sample.profile,
    state,
    ownerId,
    departmentId,
    poolId,
    previousOwnerId,
    ownedSince: date(ownedSince),
    poolEnteredAt: date(poolEnteredAt),
    lastFollowUpAt: date(lastFollowUpAt),
    nextFollowUpAt: date(nextFollowUpAt),
    lastDealAt: date(lastDealAt),
    protectedUntil,
    submittedAt: state === 'draft' ? null : new Date(createdAt),
    nameKey: '',
  };
}

/**
 * `count` contacts of a customer (the first one primary), added over its first months.
 * `firstSerial` makes their mobiles unique (serials firstSerial … firstSerial + count - 1).
 */
export function contactRecords(
  r: Rng,
  env: Pick<CustomerEnv, 'now'>,
  customer: CustomerInsert,
  sample: SampleCustomer,
  firstSerial: number,
  count: number,
): ContactInsert[] {
  const createdAt = customer.createdAt!.getTime();
  const age = env.now - createdAt;
  const out: ContactInsert[] = [];
  for (let k = 0; k < count; k++) {
    const c = sampleContact(r, sample, firstSerial + k, k === 0);
    const at = new Date(Math.min(createdAt + (k === 0 ? 0 : r.next() * Math.min(age, 90 * DAY)), env.now));
    out.push({
      id: uuidv7(),
      tenantId: customer.tenantId,
      createdAt: at,
      updatedAt: at,
      createdBy: customer.createdBy,
      customerId: customer.id!,
      ...c,
      isPrimary: k === 0,
    });
  }
  return out;
}

/**
 * Builds the demo data (pure: no database). Owners are the tenant's sales users (account
 * managers and supervisors), each customer in its owner's department; drafts belong to their
 * creator; pool customers sit in the pool covering their previous owner's department.
 */
export function buildDemoCustomers(ctx: DemoContext, opts: DemoOptions = {}): DemoData {
  const count = opts.count ?? 3000;
  const now = (opts.now ?? new Date()).getTime();
  const r = rng(opts.seed ?? 20_261_123);
  const has = (u: DemoUser, role: string) => u.roles.includes(role);
  const managers = ctx.users.filter((u) => has(u, 'account_manager'));
  const supervisors = ctx.users.filter((u) => has(u, 'sales_supervisor'));
  const sales = [...managers.map((u) => [u, 3] as const), ...supervisors.map((u) => [u, 1] as const)];
  if (!sales.length) throw new Error('the demo customers need sales users (account managers or supervisors)');
  const creators = [...managers, ...ctx.users.filter((u) => has(u, 'marketing'))];
  const helpers = ctx.users.filter((u) => !has(u, 'account_manager') && !has(u, 'sales_supervisor'));
  const admin = ctx.users.find((u) => has(u, 'admin')) ?? ctx.users[0];
  const dept = new Map(ctx.departments.map((d) => [d.id, d]));
  const place = regionPicker(ctx.regions);

  const env = customerEnv(ctx, now, ctx.pools, helpers);

  /** A moment on day `now - days`, in office hours (China time). */
  const workingTime = (daysAgo: number) => {
    const day = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
    const t = day + (1 + r.next() * 10) * 3_600_000; // 09:00–19:00 +08:00
    return Math.min(t, now - 60_000);
  };

  const customerRows: CustomerInsert[] = [];
  const contactRows: ContactInsert[] = [];
  const shareRows: ShareInsert[] = [];
  const usedKeys = new Set<string>();
  let contactSerial = 10_000_000;

  for (let i = 0; i < count; i++) {
    // a unique name (by duplicate key): draw again on the rare collision
    let sample: SampleCustomer;
    let key: string;
    do {
      sample = sampleCustomer(r, place(r), i);
      key = nameKey(sample.name);
    } while (usedKeys.has(key));
    usedKeys.add(key);

    const kind = r.next();
    const state = kind < 0.01 ? 'draft' : kind < 0.06 ? 'pool' : 'active';
    const createdAt = workingTime(state === 'draft' ? r.next() * 45 : 548 * r.next() ** 1.35);
    const owner = state === 'draft' ? r.pick(creators.length ? creators : managers) : r.weighted(sales);
    const row = customerRecord(r, env, { sample, state, createdAt, owner });
    customerRows.push(row);
    const n = contactCount(r, sample);
    contactRows.push(...contactRecords(r, env, row, sample, contactSerial, n));
    contactSerial += n;

    // ---- shares: ~3% of active customers, with a colleague or a department ----
    if (state === 'active' && r.chance(0.03)) {
      const toUser = r.chance(0.5);
      const colleague = r.pick(ctx.users.filter((u) => u.id !== row.ownerId && u.id !== admin?.id));
      const owningDept = dept.get(owner.departmentId);
      const targetDept = owningDept?.parentId ? owningDept.parentId : owner.departmentId;
      shareRows.push({
        id: uuidv7(),
        tenantId: ctx.tenantId,
        createdAt: new Date(createdAt + r.next() * (now - createdAt)),
        createdBy: row.ownerId,
        customerId: row.id!,
        userId: toUser ? colleague.id : null,
        departmentId: toUser ? null : targetDept,
        access: r.chance(0.7) ? 'read' : 'write',
      });
    }
  }

  // ---- numbers: in order of submission, per numbering period, after what the counters hold ----
  const counters = new Map(ctx.counters);
  const numbered = customerRows
    .filter((c) => c.submittedAt)
    .sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
  const days = new Map<string, { key: string; number: (seq: number) => string }>();
  for (const c of numbered) {
    // the period and the number's date part only change with the calendar day: worked out once a day
    const day = isoDay(c.submittedAt!, ctx.timeZone);
    let today = days.get(day);
    if (!today) {
      today = {
        key: periodKey(ctx.rule, c.submittedAt!, ctx.timeZone),
        number: dayNumbers(ctx.rule, c.submittedAt!, ctx.timeZone),
      };
      days.set(day, today);
    }
    const seq = (counters.get(today.key) ?? 0) + 1;
    counters.set(today.key, seq);
    c.number = today.number(seq);
  }
  // the search and duplicate keys, as every write computes them (the number is searched too)
  for (const c of customerRows) Object.assign(c, derivedColumns(c));
  return { customers: customerRows, contacts: contactRows, shares: shareRows, counters };
}

async function insertInBatches<T>(rows: T[], size: number, insert: (chunk: T[]) => PromiseLike<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type DemoSeedResult = {
  customers: number;
  drafts: number;
  pool: number;
  contacts: number;
  shares: number;
  ms: number;
};

/**
 * Seeds the demo customers of a tenant in one transaction: customers (numbers taken in blocks
 * consistent with `numbering_counters`), contacts, shares, the counters, one audit row.
 */
export async function seedDemoCustomers(
  db: Db,
  tenantId: string,
  opts: DemoOptions = {},
): Promise<DemoSeedResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    const ctx = await loadDemoContext(tx, tenantId);
    const data = buildDemoCustomers(ctx, opts);
    // multi-row INSERTs of 500 rows, each row set passed as one JSON parameter (see insertRows)
    await insertRows(tx, customers, data.customers);
    await insertRows(tx, contacts, data.contacts, 1000);
    await insertRows(tx, customerShares, data.shares, 1000);
    const counterRows = [...data.counters]
      .filter(([key, value]) => value !== ctx.counters.get(key))
      .map(([periodKey, value]) => ({ tenantId, entity: ENTITY, periodKey, value }));
    await insertInBatches(counterRows, 1000, (chunk) =>
      tx
        .insert(numberingCounters)
        .values(chunk)
        .onConflictDoUpdate({
          target: [numberingCounters.tenantId, numberingCounters.entity, numberingCounters.periodKey],
          set: { value: sql`greatest(${numberingCounters.value}, excluded.value)` },
        }),
    );
    const result = {
      customers: data.customers.length,
      drafts: data.customers.filter((c) => c.state === 'draft').length,
      pool: data.customers.filter((c) => c.state === 'pool').length,
      contacts: data.contacts.length,
      shares: data.shares.length,
    };
    await writeAudit(
      tx,
      { tenantId, userId: null, userName: 'system' },
      {
        action: 'seed',
        entity: 'customers',
        summary: `演示数据：${result.customers} 个客户（${result.drafts} 个草稿、${result.pool} 个在公海），${result.contacts} 个联系人`,
        changes: Object.fromEntries(Object.entries(result).map(([k, v]) => [k, [null, v]])),
      },
    );
    return { ...result, ms: Math.round(performance.now() - started) };
  });
}

/** The customers module's demo seed (manifest `seedDemo`). */
export async function seedDemo(db: Db, demo: DemoTenant) {
  await seedDemoCustomers(db, demo.tenantId);
}
