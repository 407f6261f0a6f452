import type { CustomerListQuery } from '@guanxi/contract';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { EXPENSIVE_READ_TIMEOUT_MS, withStatementTimeout } from '../../db/statement-timeout.ts';
import { scopePredicate } from '../../platform/access.ts';
import { type Principal, scopeOf } from '../../platform/auth/principal.ts';
import { likeEscape, listPage, notNull, orderBy } from '../../platform/pagination.ts';
import { inRelativePeriod, onOrAfterDate, onOrBeforeDate } from '../../platform/relative-dates.ts';
import { textList } from '../../platform/sql-lists.ts';
import type { CustomListSql } from '../custom-fields/service.ts';
import { type GramFrequency, gramFrequencies, rarest } from './gram-stats.ts';
import { customers } from './schema.ts';
import { customerScope, liveInScope } from './scope.ts';
import { queryGrams, searchText } from './search-keys.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerView = Record<string, unknown>;

const dictionaryJoins = [
  ['level', 'level_id'],
  ['source', 'source_id'],
  ['industry', 'industry_id'],
  ['status', 'status_id'],
  ['intention', 'intention_id'],
  ['region', 'region_id'],
] as const;

/** The list/detail select: the row, names of owner, department, pool and dictionary items, and write access. */
const columns = (p: Principal) => sql`c.*, ow.name AS owner_name, dp.name AS department_name,
  pl.name AS pool_name,
  ${sql.raw(dictionaryJoins.map(([alias]) => `${alias}.name AS ${alias}_name`).join(', '))},
  (c.deleted_at IS NULL AND ${customerScope(p, 'write')}) AS can_edit`;

/** Names of owner, department, pool and dictionary items: joined onto a page's rows only. */
const joins = sql`LEFT JOIN users ow ON ow.id = c.owner_id
  LEFT JOIN departments dp ON dp.id = c.department_id
  LEFT JOIN pools pl ON pl.id = c.pool_id
  ${sql.raw(dictionaryJoins.map(([alias, col]) => `LEFT JOIN dictionary_items ${alias} ON ${alias}.id = c.${col}`).join('\n  '))}`;

const from = (where: SQL) => sql`FROM customers c ${joins} WHERE ${where}`;

/**
 * The list's select for a page's rows (alias `c`): the same names as `columns`, each a sub-select
 * by primary key instead of a join. Nine left joins cost the planner ~2 ms a page on PostgreSQL
 * (more on PGlite), the sub-selects 0.4 ms — for 20 rows the look-ups cost the same.
 */
const pageColumns = (p: Principal) => sql`c.*,
  (SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name,
  (SELECT d.name FROM departments d WHERE d.id = c.department_id) AS department_name,
  (SELECT pl.name FROM pools pl WHERE pl.id = c.pool_id) AS pool_name,
  ${sql.raw(
    dictionaryJoins
      .map(([alias, col]) => `(SELECT i.name FROM dictionary_items i WHERE i.id = c.${col}) AS ${alias}_name`)
      .join(', '),
  )},
  (c.deleted_at IS NULL AND ${customerScope(p, 'write')}) AS can_edit`;

const sortable = {
  createdAt: notNull(sql`c.created_at`),
  updatedAt: notNull(sql`c.updated_at`),
  name: notNull(sql`c.name`),
  number: sql`c.number`,
  lastFollowUpAt: sql`c.last_follow_up_at`,
  nextFollowUpAt: sql`c.next_follow_up_at`,
  credit: sql`c.credit`,
  satisfaction: sql`c.satisfaction`,
  annualTurnover: sql`c.annual_turnover`,
  registeredCapital: sql`c.registered_capital`,
  // a sub-select, not the join: the page is sorted before names are joined on
  ownerName: sql`(SELECT u.name FROM users u WHERE u.id = c.owner_id)`,
  protectedUntil: sql`c.protected_until`,
};

/**
 * Quick search over name, short name (any length, grams index), pinyin initials (grams index for
 * 1–2 letters, trigram index for more) and number / phone digits (trigram index, 3+ characters).
 * Each branch is index-served.
 */
function quickSearch(q: string, lookUp: (grams: string[]) => string[] = (all) => all): SQL {
  const text = searchText(q);
  const has = (grams: string[]) => sql`c.search_grams @> ${textList(grams)}`;
  const like = (column: SQL) => sql`${column} LIKE ${`%${likeEscape(text)}%`}`;
  // a query of 1–2 characters is exactly its own gram (a character, or an adjacent pair of the
  // name, short name or initials), so the index answers it alone; longer ones look up their
  // pairs (`lookUp` picks which) and are rechecked in order — with strpos, not LIKE: the
  // planner prices `LIKE '%上海市%'` at 0.2 per character (96 rows estimated, 55,842 real) and
  // then sorts them all instead of reading in list order
  const short = [...text].length <= 2;
  const contains = (column: SQL) => sql`strpos(${column}, ${text}) > 0`;
  const nameRecheck = sql`(${contains(sql`replace(lower(c.name), ' ', '')`)} OR ${contains(
    sql`replace(lower(coalesce(c.short_name, '')), ' ', '')`,
  )})`;
  const nameGram = has(lookUp(queryGrams('n:', text)));
  const branches: SQL[] = [short ? nameGram : sql`(${nameGram} AND ${nameRecheck})`];
  if (/^[a-z0-9]+$/.test(text)) branches.push(short ? has(queryGrams('p:', text)) : like(sql`c.pinyin`));
  if (!short) branches.push(like(sql`c.search_codes`));
  return sql`(${sql.join(branches, sql` OR `)})`;
}

/** A quick search's total is exact up to this many matches, else the flagged estimate (精确计数 counts all). */
const SEARCH_COUNT_LIMIT = 2_000;

const isCreatedOrder = (sort: string | undefined) => !sort || sort === 'createdAt' || sort === '-createdAt';

/** No custom-field filters or sort keys (the custom-fields service builds them from a query). */
const noCustom: CustomListSql = { where: [], sortable: {} };

/** What the WHERE of a list is built from, beyond the query: custom-field SQL and gram statistics. */
type FilterContext = { timeZone: string; custom: CustomListSql; frequency?: GramFrequency };

/** Gram statistics only where they are used: a search by a caller whose scope is narrower than 全部 (see pairsFor). */
async function filterContext(
  db: Db,
  p: Principal,
  q: Partial<CustomerListQuery>,
  timeZone: string,
  custom = noCustom,
): Promise<FilterContext> {
  const narrow = q.q && scopeOf(p, 'customers') !== 'all';
  return { timeZone, custom, frequency: narrow ? await gramFrequencies(db) : undefined };
}

/**
 * Which pairs of a longer search are looked up (`frequency` is only given for narrower scopes).
 * A caller who sees the whole tenant gets all of them: the narrowest bitmap. A narrower scope
 * gets the rarest only — the planner multiplies
 * the frequencies of several pairs as if they were independent, and the pairs of one phrase are
 * not (`文化`+`化传`: 553 estimated, 24,305 real); an estimate that low keeps it from combining
 * the search with the scope's indexes, and the supervisor's search fetches every match in the
 * tenant to keep 5% of them (one pair: 105 → 26 ms p95 at 1M).
 */
function pairsFor(frequency: GramFrequency | undefined) {
  return (grams: string[]) => (frequency ? [rarest(grams, frequency)] : grams);
}

function filters(
  p: Principal,
  q: Partial<CustomerListQuery>,
  { timeZone, custom, frequency }: FilterContext,
): SQL {
  // the scope of the state asked for alone (a list always asks for one: active by default)
  const parts: SQL[] = [liveInScope(p, 'read', q.state), ...custom.where];
  if (q.state) parts.push(sql`c.state = ${q.state}`);
  if (q.valid)
    parts.push(q.valid === 'true' ? sql`c.invalidated_at IS NULL` : sql`c.invalidated_at IS NOT NULL`);
  if (q.q) parts.push(quickSearch(q.q, pairsFor(frequency)));
  const equal: [keyof CustomerListQuery, string][] = [
    ['ownerId', 'owner_id'],
    ['departmentId', 'department_id'],
    ['levelId', 'level_id'],
    ['sourceId', 'source_id'],
    ['industryId', 'industry_id'],
    ['statusId', 'status_id'],
    ['intentionId', 'intention_id'],
    ['poolId', 'pool_id'],
    ['type', 'type'],
  ];
  for (const [key, column] of equal) {
    if (q[key]) parts.push(sql`${sql.identifier('c')}.${sql.identifier(column)} = ${q[key] as string}`);
  }
  if (q.regionId) {
    parts.push(sql`c.region_id IN (WITH RECURSIVE r AS (
        SELECT id FROM dictionary_items WHERE id = ${q.regionId} AND tenant_id = ${p.tenantId}
        UNION SELECT d.id FROM dictionary_items d JOIN r ON d.parent_id = r.id) SELECT id FROM r)`);
  }
  if (q.tag) parts.push(sql`c.tags @> ARRAY[${q.tag}]::text[]`);
  if (q.createdIn) parts.push(inRelativePeriod(sql`c.created_at`, q.createdIn, timeZone));
  if (q.createdFrom) parts.push(onOrAfterDate(sql`c.created_at`, q.createdFrom, timeZone));
  if (q.createdTo) parts.push(onOrBeforeDate(sql`c.created_at`, q.createdTo, timeZone));
  if (q.nextFollowUpIn) parts.push(inRelativePeriod(sql`c.next_follow_up_at`, q.nextFollowUpIn, timeZone));
  if (q.lastFollowUpBefore)
    parts.push(
      sql`(c.last_follow_up_at IS NULL OR ${onOrBeforeDate(sql`c.last_follow_up_at`, q.lastFollowUpBefore, timeZone)})`,
    );
  return sql.join(parts, sql` AND `);
}

export async function listCustomers(
  db: Db,
  p: Principal,
  q: CustomerListQuery,
  timeZone: string,
  custom = noCustom,
) {
  const context = await filterContext(db, p, q, timeZone, custom);
  // a search has a statement timeout (503 QUERY_TIMEOUT past it), like exact totals
  const page = (on: Db) =>
    listPage(
      on,
      q,
      {
        columns: sql`c.*`,
        from: sql`FROM customers c WHERE ${filters(p, q, context)}`,
        orderBy: orderBy(q.sort, { ...sortable, ...custom.sortable }, '-createdAt', sql`c.id`),
        exact: q.exactTotal === 'true',
        decorate: { alias: 'c', columns: pageColumns(p), joins: sql`` },
        countUpTo: q.q ? SEARCH_COUNT_LIMIT : undefined,
        // a rechecked search (3+ characters) in the default order: the count picks the plan
        countFirst:
          q.q && [...searchText(q.q)].length > 2 && isCreatedOrder(q.sort) ? { alias: 'c' } : undefined,
      },
      (row) => row,
    );
  return q.q ? withStatementTimeout(db, EXPENSIVE_READ_TIMEOUT_MS, page) : page(db);
}

/**
 * How many customers a list view holds, counting no further than `cap`: a bounded cost at any
 * size (whether a list is small enough to download at once).
 */
export async function countListUpTo(
  db: Db,
  p: Principal,
  q: Partial<CustomerListQuery>,
  timeZone: string,
  cap: number,
  custom = noCustom,
): Promise<number> {
  const context = await filterContext(db, p, q, timeZone, custom);
  const result = await db.execute(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM customers c WHERE ${filters(p, q, context)} LIMIT ${cap}) x`,
  );
  return Number((result.rows[0] as { n: number }).n);
}

/**
 * One batch of an export: the list's filters in a fixed order (newest first), continuing after
 * `after` by keyset — constant cost per batch at any depth, one short query each.
 */
export async function exportBatch(
  db: Db,
  p: Principal,
  q: Partial<CustomerListQuery>,
  timeZone: string,
  after: { createdAt: string; id: string } | null,
  limit: number,
  custom = noCustom,
) {
  const context = await filterContext(db, p, q, timeZone, custom);
  const keyset = after
    ? sql` AND (c.created_at, c.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const result = await db.execute(
    // created_at as text: keyset needs its microseconds, which a JS Date drops
    sql`SELECT ${columns(p)}, c.created_at::text AS keyset_at ${from(sql`${filters(p, q, context)}${keyset}`)}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`,
  );
  return result.rows as CustomerView[];
}

/** One customer by id inside the caller's read scope, with names. */
export async function findVisible(db: Db, p: Principal, id: string): Promise<CustomerView | undefined> {
  const result = await db.execute(sql`SELECT ${columns(p)} ${from(sql`${liveInScope(p)} AND c.id = ${id}`)}`);
  return result.rows[0] as CustomerView | undefined;
}

/** Whether a customer is inside the caller's read scope: no names, so none of the joins to plan. */
export async function isVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT 1 FROM customers c WHERE ${liveInScope(p)} AND c.id = ${id}`);
  return result.rows.length > 0;
}

/** The raw row, locked, if the caller may change it. */
export async function lockWritable(tx: Db, p: Principal, id: string): Promise<CustomerRow | undefined> {
  const result = await tx.execute(
    sql`SELECT c.id FROM customers c WHERE ${liveInScope(p, 'write')} AND c.id = ${id} FOR UPDATE OF c`,
  );
  if (!result.rows.length) return undefined;
  const [row] = await tx.select().from(customers).where(eq(customers.id, id));
  return row;
}

export async function insertCustomer(tx: Db, values: typeof customers.$inferInsert) {
  const [row] = await tx.insert(customers).values(values).returning();
  return row;
}

export function updateCustomer(
  tx: Db,
  tenantId: string,
  id: string,
  version: number | undefined,
  values: Partial<typeof customers.$inferInsert>,
) {
  return tx
    .update(customers)
    .set({ ...values, updatedAt: new Date(), version: sql`${customers.version} + 1` })
    .where(
      and(
        eq(customers.tenantId, tenantId),
        eq(customers.id, id),
        version === undefined ? undefined : eq(customers.version, version),
      ),
    )
    .returning();
}

export type DuplicateKeys = {
  nameKey?: string | null;
  phones: string[];
  taxKey?: string | null;
  emailKey?: string | null;
};

/** Customers of the tenant (any state, any owner) matching one of the keys, with whether the caller sees them. */
export async function findDuplicates(db: Db, p: Principal, keys: DuplicateKeys, excludeId?: string) {
  const any: SQL[] = [];
  if (keys.nameKey) any.push(sql`c.name_key = ${keys.nameKey}`);
  for (const phone of keys.phones) any.push(sql`c.phone_key = ${phone}`, sql`c.mobile_key = ${phone}`);
  if (keys.taxKey) any.push(sql`c.tax_key = ${keys.taxKey}`);
  if (keys.emailKey) any.push(sql`c.email_key = ${keys.emailKey}`);
  if (!any.length) return [];
  const phones = textList(keys.phones);
  const result = await db.execute(sql`SELECT c.id, c.name, c.number, c.state, ow.name AS owner_name,
      pl.name AS pool_name, ${customerScope(p)} AS visible,
      c.name_key = ${keys.nameKey ?? ''} AS by_name,
      (c.phone_key = ANY(${phones}) OR c.mobile_key = ANY(${phones})) AS by_phone,
      c.tax_key = ${keys.taxKey ?? ''} AS by_tax, c.email_key = ${keys.emailKey ?? ''} AS by_email
    FROM customers c LEFT JOIN users ow ON ow.id = c.owner_id LEFT JOIN pools pl ON pl.id = c.pool_id
    WHERE c.tenant_id = ${p.tenantId} AND c.deleted_at IS NULL
      ${excludeId ? sql`AND c.id <> ${excludeId}` : sql``}
      AND (${sql.join(any, sql` OR `)})
    ORDER BY c.created_at LIMIT 20`);
  return result.rows as {
    id: string;
    name: string;
    number: string | null;
    state: 'draft' | 'active' | 'pool';
    owner_name: string | null;
    pool_name: string | null;
    visible: boolean;
    by_name: boolean;
    by_phone: boolean;
    by_tax: boolean;
    by_email: boolean;
  }[];
}

/** An active user the caller may hand customers to: inside the caller's customers scope. */
export async function assignableUser(db: Db, p: Principal, userId: string) {
  const inScope = scopePredicate(p, 'customers', { owner: sql`u.id`, department: sql`u.department_id` });
  const result = await db.execute(sql`SELECT u.id, u.name, u.department_id FROM users u
    WHERE u.tenant_id = ${p.tenantId} AND u.id = ${userId} AND u.deleted_at IS NULL AND u.status = 'active'
      AND ${inScope}`);
  return result.rows[0] as { id: string; name: string; department_id: string } | undefined;
}
