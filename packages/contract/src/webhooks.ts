import { z } from 'zod';
import { listQuery, recordBase, timestamp } from './common.ts';

/**
 * The events a webhook may subscribe to, grouped for the settings page. Each is raised by an audit
 * row of the record kind (see the server's `modules/webhooks/events.ts` for the mapping).
 */
export const webhookEventGroups = {
  customer: ['customer.created', 'customer.updated', 'customer.deleted'],
  contact: ['contact.created', 'contact.updated', 'contact.deleted'],
  lead: ['lead.created', 'lead.updated', 'lead.deleted'],
  opportunity: ['opportunity.created', 'opportunity.updated', 'opportunity.deleted'],
  order: ['order.created', 'order.updated', 'order.status_changed', 'order.deleted'],
  ticket: ['ticket.created', 'ticket.updated', 'ticket.deleted'],
  contract: ['contract.created', 'contract.updated', 'contract.deleted'],
  'follow-up': ['follow-up.created', 'follow-up.updated', 'follow-up.deleted'],
} as const;
export type WebhookEventGroup = keyof typeof webhookEventGroups;
export type WebhookEvent = (typeof webhookEventGroups)[WebhookEventGroup][number];
export const webhookEvents = Object.values(webhookEventGroups).flat() as WebhookEvent[];
/** Sent by `POST /webhooks/:id/test` only; never subscribed to. */
export const WEBHOOK_PING = 'ping';

const MAX_URL = 2000;
const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(MAX_URL)
  .describe('http(s) URL; a private, loopback or link-local host is refused (WEBHOOK_URL_NOT_ALLOWED)');
const eventList = z
  .array(z.enum(webhookEvents as [WebhookEvent, ...WebhookEvent[]]))
  .min(1)
  .max(webhookEvents.length);
/** 16–200 characters; absent: the server makes a strong one. */
const secretInput = z.string().min(16).max(200);

export const createWebhook = z.object({
  url: webhookUrl,
  events: eventList,
  secret: secretInput.optional(),
  description: z.string().trim().max(200).optional(),
});
export type CreateWebhook = z.infer<typeof createWebhook>;

export const updateWebhook = z.object({
  version: z.number().int(),
  url: webhookUrl.optional(),
  events: eventList.optional(),
  active: z.boolean().optional(),
  description: z.string().trim().max(200).optional(),
});
export type UpdateWebhook = z.infer<typeof updateWebhook>;

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const webhook = z.object({
  ...recordBase,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  /** Failed attempts in a row; at 20 the subscription is switched off. */
  consecutiveFailures: z.number().int(),
  disabledReason: z.string().nullable(),
  /** After a rotation: until when the previous secret still signs beside the new one (null: only one). */
  previousSecretUntil: timestamp.nullable(),
  lastDelivery: z
    .object({ status: z.enum(deliveryStatuses), responseCode: z.number().int().nullable(), at: timestamp })
    .nullable(),
});
export type Webhook = z.infer<typeof webhook>;

/** The answer of create and rotate: the only time the signing secret is shown. */
export const webhookWithSecret = webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;

export const deliveryAttempt = z.object({
  at: timestamp,
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** Network error or timeout; null when the receiver answered. */
  error: z.string().nullable(),
});

export const webhookDelivery = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  /** The first 1 kB of the last answer. */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: timestamp.nullable(),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
  attemptLog: z.array(deliveryAttempt),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const webhookDeliveryQuery = listQuery.extend({ status: z.enum(deliveryStatuses).optional() });
export const webhookDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });
export const webhookVersionBody = z.object({ version: z.number().int() });

export const webhookEventCatalog = z.object({
  data: z.array(z.object({ group: z.string(), events: z.array(z.string()) })),
});
