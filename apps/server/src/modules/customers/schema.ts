import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

const live = sql`deleted_at IS NULL`;

export const customers = pgTable(
  'customers',
  {
    ...baseColumns(),
    /** Allocated on submit (drafts have none). */
    number: text('number'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type', { enum: ['direct', 'distributor', 'individual'] })
      .notNull()
      .default('direct'),
    levelId: uuid('level_id'),
    sourceId: uuid('source_id'),
    industryId: uuid('industry_id'),
    statusId: uuid('status_id'),
    intentionId: uuid('intention_id'),
    regionId: uuid('region_id'),
    address: text('address'),
    lat: numeric('lat', { precision: 9, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    phone: text('phone'),
    mobile: text('mobile'),
    email: text('email'),
    website: text('website'),
    taxNumber: text('tax_number'),
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    credit: smallint('credit'),
    satisfaction: smallint('satisfaction'),
    legalRepresentative: text('legal_representative'),
    registeredCapital: numeric('registered_capital', { precision: 18, scale: 2 }),
    annualTurnover: numeric('annual_turnover', { precision: 18, scale: 2 }),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    profile: text('profile'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    /** draft: private to its creator; active: owned; pool: in a public pool without owner. */
    state: text('state', { enum: ['draft', 'active', 'pool'] }).notNull(),
    ownerId: uuid('owner_id'),
    /** The owner's department when the owner was set: what department scopes filter on. */
    departmentId: uuid('department_id'),
    poolId: uuid('pool_id'),
    previousOwnerId: uuid('previous_owner_id'),
    ownedSince: tz('owned_since'),
    poolEnteredAt: tz('pool_entered_at'),
    lastFollowUpAt: tz('last_follow_up_at'),
    nextFollowUpAt: tz('next_follow_up_at'),
    lastDealAt: tz('last_deal_at'),
    /** The latest order created or confirmed for the customer (churn reads it). */
    lastOrderAt: tz('last_order_at'),
    /** 流失风险 0–100 from recency, frequency and value of orders and follow-ups (the churn job sets it nightly). */
    riskScore: smallint('risk_score'),
    /** 确认流失: when the customer was confirmed lost (cleared when it orders again). */
    churnedAt: tz('churned_at'),
    protectedUntil: date('protected_until'),
    submittedAt: tz('submitted_at'),
    /** Invalidated (失效): kept for the records that refer to it, view-only, not chosen for new ones. */
    invalidatedAt: tz('invalidated_at'),
    invalidReason: text('invalid_reason'),
    // ---- derived on every write, for search and duplicate checks ----
    /** Name without width, case, spaces, punctuation and company suffixes. */
    nameKey: text('name_key').notNull(),
    phoneKey: text('phone_key'),
    mobileKey: text('mobile_key'),
    taxKey: text('tax_key'),
    emailKey: text('email_key'),
    /** Pinyin initials of name and short name, e.g. `zgyd`. */
    pinyin: text('pinyin').notNull().default(''),
    /** 1- and 2-character grams of name, short name (`n:`) and pinyin initials (`p:`): serve every query length. */
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    /** number + phone digits, lowercased: trigram-indexed for 3+ character queries. */
    searchCodes: text('search_codes').notNull().default(''),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('customers_number_uq').on(t.tenantId, t.number).where(sql`${t.number} IS NOT NULL`),
    /** A location is both WGS-84 coordinates or none, each within its range. */
    check(
      'customers_location_ck',
      sql`(${t.lat} IS NULL AND ${t.lng} IS NULL) OR (${t.lat} IS NOT NULL AND ${t.lng} IS NOT NULL AND ${t.lat} BETWEEN -90 AND 90 AND ${t.lng} BETWEEN -180 AND 180)`,
    ),
    index('customers_created_idx').on(t.tenantId, t.createdAt, t.id).where(live),
    index('customers_owner_idx').on(t.tenantId, t.ownerId, t.createdAt).where(live),
    // a person's new customers in a period (工作汇报's figures)
    index('customers_creator_idx').on(t.tenantId, t.createdBy, t.createdAt).where(live),
    index('customers_department_idx').on(t.tenantId, t.departmentId, t.createdAt).where(live),
    // the monthly rollup's refresh: the customers written since its watermark (deleted ones too)
    index('customers_updated_idx').on(t.tenantId, t.updatedAt),
    index('customers_pool_idx').on(t.tenantId, t.poolId, t.poolEnteredAt).where(live),
    index('customers_name_key_idx').on(t.tenantId, t.nameKey).where(live),
    index('customers_phone_key_idx').on(t.tenantId, t.phoneKey).where(live),
    index('customers_mobile_key_idx').on(t.tenantId, t.mobileKey).where(live),
    index('customers_tax_key_idx').on(t.tenantId, t.taxKey).where(live),
    index('customers_email_key_idx').on(t.tenantId, t.emailKey).where(live),
    // GIN indexes are only ever bitmap sources, and not partial: PostgreSQL never ANDs two
    // partial indexes with the same predicate, so a partial GIN could not be combined with the
    // scope's b-trees (a supervisor's search would fetch every match in the tenant to filter it)
    index('customers_grams_idx').using('gin', t.searchGrams),
    index('customers_codes_trgm_idx').using('gin', t.searchCodes.op('gin_trgm_ops')),
    /** Pinyin initials of 3+ letters: trigrams (23 letters make every pair common). */
    index('customers_pinyin_trgm_idx').using('gin', t.pinyin.op('gin_trgm_ops')),
    index('customers_creator_draft_idx').on(t.tenantId, t.createdBy).where(sql`state = 'draft' AND ${live}`),
    /** Serves custom-field equality / contains filters (`custom @> {"cf_x": …}`) of every field at once. */
    index('customers_custom_idx').using('gin', t.custom.op('jsonb_path_ops')),
  ],
);

/** Read-only or read-write access to a customer for a user or a whole department. */
export const customerShares = pgTable(
  'customer_shares',
  {
    ...baseColumns(),
    customerId: uuid('customer_id').notNull(),
    userId: uuid('user_id'),
    departmentId: uuid('department_id'),
    access: text('access', { enum: ['read', 'write'] }).notNull(),
  },
  (t) => [
    index('customer_shares_customer_idx').on(t.tenantId, t.customerId),
    uniqueIndex('customer_shares_user_uq').on(t.customerId, t.userId).where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('customer_shares_department_uq')
      .on(t.customerId, t.departmentId)
      .where(sql`${t.departmentId} IS NOT NULL`),
    index('customer_shares_user_idx').on(t.tenantId, t.userId),
    index('customer_shares_department_idx').on(t.tenantId, t.departmentId),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    ...baseColumns(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: ['male', 'female', 'unknown'] })
      .notNull()
      .default('unknown'),
    title: text('title'),
    department: text('department'),
    mobile: text('mobile'),
    phone: text('phone'),
    email: text('email'),
    wechat: text('wechat'),
    birthday: date('birthday'),
    decisionRole: text('decision_role'),
    isPrimary: boolean('is_primary').notNull().default(false),
    remark: text('remark'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    // not partial: the customer timeline reads deleted contacts history too
    index('contacts_customer_idx').on(t.tenantId, t.customerId),
    index('contacts_created_idx').on(t.tenantId, t.createdAt, t.id).where(live),
    uniqueIndex('contacts_primary_uq').on(t.customerId).where(sql`is_primary AND ${live}`),
    index('contacts_mobile_idx').on(t.tenantId, t.mobile).where(live),
    index('contacts_custom_idx').using('gin', t.custom.op('jsonb_path_ops')),
  ],
);

/**
 * 客户月度构成, what 客户构成 and 活动量's new customers read for whole months: the active customers
 * per tenant and month of creation (in the tenant's zone), in long form — one row per dimension
 * (`dim`: level, industry, source, region (the item chosen; its province, city and district are
 * looked up when read, as live), credit, satisfaction, owner, creator, total) and value (`key`,
 * as text) — at two grains from one GROUPING SETS aggregate: per department (`tenant_wide`
 * false: department scopes, and grouping or filtering by department) and over the whole tenant
 * (`tenant_wide` true: a 全部 caller's report in a few thousand rows). Kept by the rollup job
 * (rollup-service.ts).
 */
export const customerMonthRollups = pgTable(
  'customer_month_rollups',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    tenantWide: boolean('tenant_wide').notNull(),
    departmentId: uuid('department_id'),
    dim: text('dim').notNull(),
    key: text('key'),
    customers: integer('customers').notNull(),
  },
  (t) => [
    // a dimension over a few departments' months: department scopes read these (key and count
    // too: by the index alone — the rows of a department are scattered over the table's pages)
    index('customer_month_rollups_department_idx')
      .on(t.tenantId, t.dim, t.departmentId, t.month, t.key, t.customers)
      .where(sql`NOT ${t.tenantWide}`),
    // a dimension over the whole tenant's months: a 全部 caller
    index('customer_month_rollups_tenant_idx')
      .on(t.tenantId, t.dim, t.month, t.key, t.customers)
      .where(sql`${t.tenantWide}`),
    // the refresh deletes the months it aggregates again
    index('customer_month_rollups_month_idx').on(t.tenantId, t.month),
  ],
);

/** Per tenant: customers written before `watermark` are in the rollup, as of `refreshedAt`, months in `timeZone`. */
export const customerRollupState = pgTable('customer_rollup_state', {
  tenantId: uuid('tenant_id').primaryKey(),
  watermark: tz('watermark').notNull(),
  refreshedAt: tz('refreshed_at').notNull(),
  timeZone: text('time_zone').notNull(),
});
