import { z } from 'zod';
import { timestamp } from './common.ts';

/**
 * 邮件提醒: every in-app notification may also go by e-mail, per the user's own settings. Kinds
 * are grouped into categories the user switches on and off; the server (which e-mails) and the
 * web (which shows the switches) read the same list and mapping from here.
 */
export const notificationCategories = [
  'follow-ups',
  'approvals',
  'assignments',
  'pools',
  'service',
  'churn',
  'announcements',
  'contracts',
  'receivables',
  'other',
] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

/**
 * Which category a notification kind belongs to: the first rule that matches — an exact kind,
 * `prefix.*` or `*.suffix` — else `other`, so a kind added later is mailed without a change here.
 * Assignments come first: being given a lead, deal or ticket is one thing to switch off, whatever it is.
 */
export const notificationCategoryRules: readonly (readonly [pattern: string, NotificationCategory])[] = [
  ['*.assigned', 'assignments'],
  ['opportunity.*', 'assignments'],
  ['event.*', 'follow-ups'],
  ['follow-up.*', 'follow-ups'],
  ['work-report.*', 'follow-ups'],
  ['approval.*', 'approvals'],
  ['quote.*', 'approvals'],
  ['marketing-plan.*', 'approvals'],
  ['pool.*', 'pools'],
  ['ticket.*', 'service'],
  ['churn.*', 'churn'],
  ['announcement.*', 'announcements'],
  ['contract.*', 'contracts'],
  ['receivables.*', 'receivables'],
  ['order.paid', 'receivables'],
];

const matches = (pattern: string, kind: string) =>
  pattern.startsWith('*.')
    ? kind.endsWith(pattern.slice(1))
    : pattern.endsWith('.*')
      ? kind.startsWith(pattern.slice(0, -1))
      : kind === pattern;

export function notificationCategoryOf(kind: string): NotificationCategory {
  return notificationCategoryRules.find(([pattern]) => matches(pattern, kind))?.[1] ?? 'other';
}

/** `off`: none; `instant`: within minutes (a few one by one, more in one e-mail); `digest`: once a day. */
export const notificationEmailModes = ['off', 'instant', 'digest'] as const;
export type NotificationEmailMode = (typeof notificationEmailModes)[number];

/** What a user who never saved gets: a daily digest at 08:00 of everything. */
export const defaultNotificationSettings = { email: 'digest', digestHour: 8 } as const;

const categorySwitches = z
  .object(Object.fromEntries(notificationCategories.map((c) => [c, z.boolean().optional()])))
  .strict() as z.ZodType<Partial<Record<NotificationCategory, boolean>>>;

/** GET /notification-settings: the caller's own, with what sending needs. */
export const notificationSettings = z.object({
  email: z.enum(notificationEmailModes),
  /** The hour of the day (0–23, the tenant's time zone) the digest goes. */
  digestHour: z.number().int(),
  /** Every category, on or off. */
  categories: z.record(z.enum(notificationCategories), z.boolean()),
  /** 0 before the first save. */
  version: z.number().int(),
  /** Where reminders go (the user's e-mail address); none → nothing is sent. */
  emailAddress: z.string().nullable(),
  /** Whether the tenant has an SMTP server (群发 settings); none → nothing is sent. */
  smtpConfigured: z.boolean(),
  lastDigestAt: timestamp.nullable(),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

/** PUT /notification-settings: a category left out is on. */
export const updateNotificationSettings = z
  .object({
    email: z.enum(notificationEmailModes),
    digestHour: z.number().int().min(0).max(23),
    categories: categorySwitches,
    version: z.number().int().min(0),
  })
  .strict();
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettings>;
