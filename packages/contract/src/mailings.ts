import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';
import { EMAIL_MAX, PHONE_PATTERN } from './limits.ts';

/** 群发: bulk e-mail or SMS to a saved customers/contacts query or to explicit recipients. */
export const mailingChannels = ['email', 'sms'] as const;
export type MailingChannel = (typeof mailingChannels)[number];

export const mailingStatuses = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

export const recipientStatuses = ['pending', 'sending', 'sent', 'failed', 'bounced', 'suppressed'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/** Merge fields a subject or body may use as `{{field}}`. */
export const mergeFields = [
  'name',
  'contactName',
  'customerName',
  'email',
  'mobile',
  'unsubscribeUrl',
] as const;

export const mailingLimits = {
  name: 100,
  subject: 200,
  body: 20_000,
  /** An SMS body (the provider splits long ones; more than this is a letter, not a text). */
  smsBody: 500,
  /** Explicit recipients in one request. */
  recipients: 1_000,
  /** Recipients one mailing may reach (a saved query's audience is cut off here). */
  audience: 50_000,
  perMinute: { min: 1, max: 10_000 },
} as const;

const email = z.email().max(EMAIL_MAX);
const mobile = z.string().trim().regex(PHONE_PATTERN);

export const mailingRecipientInput = z.object({
  /** An e-mail address (channel email) or a mobile number (channel sms). */
  address: z.string().trim().min(1).max(EMAIL_MAX),
  name: z.string().trim().max(100).optional(),
});

/**
 * `savedQueryId` (a saved query of the customers, contacts or leads list, run in the creator's data
 * scope) or `recipients`; `subject` is required for e-mail.
 */
export const createMailing = z
  .object({
    name: z.string().trim().min(1).max(mailingLimits.name),
    channel: z.enum(mailingChannels),
    savedQueryId: id.optional(),
    recipients: z.array(mailingRecipientInput).min(1).max(mailingLimits.recipients).optional(),
    subject: z.string().trim().max(mailingLimits.subject).optional(),
    body: z.string().trim().min(1).max(mailingLimits.body),
  })
  .superRefine((v, ctx) => {
    if (!v.savedQueryId === !v.recipients)
      ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'give savedQueryId or recipients' });
    if (v.channel === 'email' && !v.subject)
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'required for e-mail' });
    if (v.channel === 'sms' && v.body.length > mailingLimits.smsBody)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `at most ${mailingLimits.smsBody} characters`,
      });
    const check = v.channel === 'email' ? email : mobile;
    v.recipients?.forEach((r, i) => {
      if (!check.safeParse(r.address).success)
        ctx.addIssue({
          code: 'custom',
          path: ['recipients', i, 'address'],
          message: v.channel === 'email' ? 'not an e-mail address' : 'not a mobile number',
        });
    });
  });
export type CreateMailing = z.infer<typeof createMailing>;

/** Changes a draft's name, subject or message (the audience stays as taken). */
export const updateMailing = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1).max(mailingLimits.name).optional(),
  subject: z.string().trim().min(1).max(mailingLimits.subject).optional(),
  body: z.string().trim().min(1).max(mailingLimits.body).optional(),
});
export type UpdateMailing = z.infer<typeof updateMailing>;

const counts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  bounced: z.number().int(),
  suppressed: z.number().int(),
});

export const mailing = z.object({
  ...recordBase,
  name: z.string(),
  channel: z.enum(mailingChannels),
  subject: z.string().nullable(),
  body: z.string(),
  savedQueryId: z.string().nullable(),
  savedQueryName: z.string().nullable(),
  status: z.enum(mailingStatuses),
  scheduledAt: timestamp.nullable(),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  counts,
});
export type Mailing = z.infer<typeof mailing>;

export const mailingListQuery = listQuery.extend({
  status: z.enum(mailingStatuses).optional(),
  channel: z.enum(mailingChannels).optional(),
});
export type MailingListQuery = z.infer<typeof mailingListQuery>;

/** Immediately, or at `scheduledAt` (in the future). */
export const sendMailing = z.object({
  version: z.number().int(),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
});

/** A test message to one address, merged with the first recipient's values. */
export const testMailing = z.object({ to: z.string().trim().min(1).max(EMAIL_MAX) });
export const testMailingResponse = z.object({ ok: z.literal(true), to: z.string() });

export const mailingRecipient = z.object({
  id: z.string(),
  address: z.string(),
  name: z.string(),
  customerName: z.string().nullable(),
  status: z.enum(recipientStatuses),
  error: z.string().nullable(),
  sentAt: timestamp.nullable(),
});
export type MailingRecipient = z.infer<typeof mailingRecipient>;

export const mailingRecipientsQuery = listQuery.extend({ status: z.enum(recipientStatuses).optional() });

/** SMTP and SMS provider of the tenant (`mailings:admin`); passwords are never returned. */
export const mailingSettings = z.object({
  version: z.number().int(),
  smtpHost: z.string().nullable(),
  smtpPort: z.number().int().nullable(),
  smtpSecure: z.boolean(),
  smtpUser: z.string().nullable(),
  /** Whether a password is stored (it is never sent back). */
  smtpPasswordSet: z.boolean(),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  smsUrl: z.string().nullable(),
  smsSecretSet: z.boolean(),
  smsTemplate: z.string().nullable(),
  perMinute: z.number().int(),
  linkBaseUrl: z.string().nullable(),
});
export type MailingSettings = z.infer<typeof mailingSettings>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable()
    .optional();
const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .nullable()
  .optional();

/**
 * Changes the settings. A password or secret absent keeps the stored one; `null` removes it.
 */
export const updateMailingSettings = z.object({
  version: z.number().int(),
  smtpHost: optionalText(200),
  smtpPort: z.number().int().min(1).max(65_535).nullable().optional(),
  smtpSecure: z.boolean().optional(),
  smtpUser: optionalText(200),
  smtpPassword: z.string().max(500).nullable().optional(),
  fromAddress: email.nullable().optional(),
  fromName: optionalText(100),
  smsUrl: httpUrl,
  smsSecret: z.string().max(500).nullable().optional(),
  smsTemplate: optionalText(100),
  perMinute: z.number().int().min(mailingLimits.perMinute.min).max(mailingLimits.perMinute.max).optional(),
  linkBaseUrl: httpUrl,
});
export type UpdateMailingSettings = z.infer<typeof updateMailingSettings>;

/** The token of an unsubscribe link (`/u/:token`). */
export const unsubscribeToken = z.string().regex(/^[A-Za-z0-9_-]{44}$/);
export const unsubscribeRequest = z.object({ token: unsubscribeToken });
