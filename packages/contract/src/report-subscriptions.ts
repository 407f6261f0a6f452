import { z } from 'zod';
import { recordBase, timestamp } from './common.ts';
import { reportCode, reportQuery } from './report-kit.ts';

/**
 * 报表订阅: a report with its query (period, grouping, filters) that arrives as an XLSX file by
 * e-mail, weekly or monthly at an hour of the tenant's time zone. The period is resolved when it
 * is sent (a weekly 上周 is always the week just ended); the report runs as the subscriber then,
 * so what they may no longer see is not sent.
 */

export const reportSubscriptionLimits = {
  /** Subscriptions per user. */
  perUser: 20,
  title: 100,
  /** Query parameters kept (the report's own query and filters). */
  queryKeys: 30,
} as const;

export const reportSubscriptionFrequencies = ['weekly', 'monthly'] as const;
export const reportSubscriptionFrequency = z.enum(reportSubscriptionFrequencies);
export type ReportSubscriptionFrequency = z.infer<typeof reportSubscriptionFrequency>;

/**
 * What the last run did: sent; not sent because the subscriber may no longer run the report
 * (`no-permission`), is disabled (`user-inactive`), has no e-mail (`no-email`), the tenant has
 * no SMTP server (`no-smtp`), the saved query no longer fits the report (`invalid-query`); the
 * address was refused (`bounced`); or sending failed (`failed`, tried again a few times).
 */
export const reportSubscriptionOutcomes = [
  'sent',
  'no-permission',
  'user-inactive',
  'no-email',
  'no-smtp',
  'invalid-query',
  'bounced',
  'failed',
] as const;
export const reportSubscriptionOutcome = z.enum(reportSubscriptionOutcomes);
export type ReportSubscriptionOutcome = z.infer<typeof reportSubscriptionOutcome>;

/** A report's query as a subscription keeps it (GET /reports/:code's parameters). */
export const reportSubscriptionQuery = reportQuery.refine(
  (q) => Object.keys(q).length <= reportSubscriptionLimits.queryKeys,
  'too many parameters',
);

export const reportSubscriptionLocale = z.enum(['zh-CN', 'en-US']);

/** `day`: weekly — ISO weekday 1 (Monday) … 7 (Sunday); monthly — day of the month 1 … 28. */
const schedule = {
  frequency: reportSubscriptionFrequency,
  day: z.number().int().min(1).max(28),
  hour: z.number().int().min(0).max(23),
};
const dayFits = (v: { frequency?: ReportSubscriptionFrequency; day?: number }) =>
  v.frequency !== 'weekly' || v.day === undefined || v.day <= 7;
const dayIssue = { message: 'a weekday is 1 (Monday) to 7 (Sunday)', path: ['day'] };

export const reportSubscription = z.object({
  ...recordBase,
  reportCode,
  /** The report's name in the request's language. */
  reportName: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.number()])),
  ...schedule,
  title: z.string().nullable(),
  locale: reportSubscriptionLocale,
  active: z.boolean(),
  nextRunAt: timestamp,
  lastSentAt: timestamp.nullable(),
  lastRunAt: timestamp.nullable(),
  lastOutcome: reportSubscriptionOutcome.nullable(),
  /** The failure's detail (the SMTP server's answer …) when the last run did not send. */
  lastError: z.string().nullable(),
});
export type ReportSubscription = z.infer<typeof reportSubscription>;

export const reportSubscriptionList = z.object({ data: z.array(reportSubscription) });

/** POST /report-subscriptions: the language defaults to the request's. */
export const createReportSubscription = z
  .object({
    reportCode,
    query: reportSubscriptionQuery.default({}),
    ...schedule,
    title: z.string().trim().max(reportSubscriptionLimits.title).nullish(),
    locale: reportSubscriptionLocale.optional(),
    active: z.boolean().default(true),
  })
  .refine(dayFits, dayIssue);
export type CreateReportSubscription = z.infer<typeof createReportSubscription>;

/** PATCH: what is named changes (a new query is checked against the report again). */
export const updateReportSubscription = z
  .object({
    version: z.number().int().min(0),
    query: reportSubscriptionQuery.optional(),
    frequency: schedule.frequency.optional(),
    day: schedule.day.optional(),
    hour: schedule.hour.optional(),
    title: z.string().trim().max(reportSubscriptionLimits.title).nullish(),
    locale: reportSubscriptionLocale.optional(),
    active: z.boolean().optional(),
  })
  .refine(dayFits, dayIssue);
export type UpdateReportSubscription = z.infer<typeof updateReportSubscription>;
