import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 群发: one e-mail or SMS message to an audience, sent through the job queue. */
export const mailings = pgTable(
  'mailings',
  {
    ...baseColumns(),
    /** The creator keeps it (data scope: owner and department). */
    ownerId: uuid('owner_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    name: text('name').notNull(),
    /** `email` | `sms` */
    channel: text('channel').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** The saved query the audience came from (null: explicit recipients). */
    savedQueryId: uuid('saved_query_id'),
    savedQueryName: text('saved_query_name'),
    /** `draft` | `scheduled` | `sending` | `sent` | `cancelled` */
    status: text('status').notNull().default('draft'),
    scheduledAt: tz('scheduled_at'),
    startedAt: tz('started_at'),
    finishedAt: tz('finished_at'),
    /** Where the unsubscribe links point (the site the mailing was sent from). */
    linkBase: text('link_base'),
  },
  (t) => [
    index('mailings_list_idx').on(t.tenantId, t.createdAt),
    index('mailings_due_idx').on(t.status, t.scheduledAt).where(sql`${t.status} IN ('scheduled', 'sending')`),
  ],
);

/** One recipient of a mailing, with the merge values frozen when the audience was taken. */
export const mailingRecipients = pgTable(
  'mailing_recipients',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    mailingId: uuid('mailing_id').notNull(),
    /** E-mail address (lower case) or mobile number. */
    address: text('address').notNull(),
    merge: jsonb('merge').$type<Record<string, string>>().notNull(),
    customerId: uuid('customer_id'),
    contactId: uuid('contact_id'),
    /** `pending` | `sending` | `sent` | `failed` | `bounced` | `suppressed` */
    status: text('status').notNull().default('pending'),
    error: text('error'),
    /** When a dispatcher took it (the per-minute throttle counts these). */
    claimedAt: tz('claimed_at'),
    sentAt: tz('sent_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mailing_recipients_address_uq').on(t.mailingId, t.address),
    index('mailing_recipients_status_idx').on(t.mailingId, t.status),
    index('mailing_recipients_claimed_idx')
      .on(t.tenantId, t.claimedAt)
      .where(sql`${t.claimedAt} IS NOT NULL`),
  ],
);

/** Addresses that unsubscribed: every later mailing of the tenant skips them. */
export const mailingSuppressions = pgTable(
  'mailing_suppressions',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    /** The mailing whose link was used. */
    mailingId: uuid('mailing_id'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mailing_suppressions_uq').on(t.tenantId, t.channel, t.address)],
);

/** A tenant's SMTP and SMS provider settings; secrets sealed with the server key. */
export const mailingSettings = pgTable(
  'mailing_settings',
  {
    ...baseColumns(),
    smtpHost: text('smtp_host'),
    smtpPort: integer('smtp_port'),
    /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
    smtpSecure: boolean('smtp_secure').notNull().default(false),
    smtpUser: text('smtp_user'),
    smtpPassword: text('smtp_password'),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    smsUrl: text('sms_url'),
    smsSecret: text('sms_secret'),
    smsTemplate: text('sms_template'),
    /** Messages per minute across the tenant's mailings. */
    perMinute: integer('per_minute').notNull().default(60),
    /** Absolute site address for unsubscribe links (else the address the mailing was sent from). */
    linkBaseUrl: text('link_base_url'),
    /** Signs unsubscribe tokens (HMAC key; sealed). */
    linkSecret: text('link_secret').notNull(),
  },
  (t) => [uniqueIndex('mailing_settings_tenant_uq').on(t.tenantId)],
);
