/**
 * The customer's no-login link to a ticket (服务工单查询): status, resolution and customer-visible
 * notes, and the rating once it is resolved. Anything not signed by the tenant's secret is 404.
 */
import type { PublicTicket, TicketFeedback } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { isoOf } from '../../platform/dates.ts';
import { notFound } from '../../platform/errors.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { iso } from './answers.ts';
import * as repo from './repository.ts';
import { secretOf } from './service.ts';
import { ticketOfToken, tokenValid } from './tokens.ts';
import { recordFeedback } from './workflow-service.ts';

async function byToken(db: Db, key: ServerKey, token: string, lock = false) {
  const id = ticketOfToken(token);
  const found = id ? await repo.findAnyTenant(db, id) : undefined;
  if (!found || !tokenValid(await secretOf(db, key, found.tenantId), found.id, token)) throw notFound();
  return lock ? (await repo.findById(db, found.tenantId, found.id, true))! : found;
}

/** What the customer's link shows: status, the resolution, customer-visible notes; never internal ones. */
export async function publicTicket(db: Db, key: ServerKey, token: string): Promise<PublicTicket> {
  const row = await byToken(db, key, token);
  const notes = await repo.activitiesOf(db, row.tenantId, row.id, true);
  return {
    number: row.number,
    title: row.title,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    resolution: row.resolvedAt ? row.resolution : null,
    notes: notes.map((n) => ({ content: n.content as string, createdAt: isoOf(n.created_at) as string })),
    satisfaction: row.satisfaction,
    canGiveFeedback: row.status === 'resolved',
  };
}

export async function publicFeedback(
  db: Db,
  key: ServerKey,
  token: string,
  input: TicketFeedback,
  ip: string,
) {
  await db.transaction(async (tx) => {
    const row = await byToken(tx, key, token, true);
    await recordFeedback(
      tx,
      { tenantId: row.tenantId, userId: null, userName: null, ip },
      row,
      input,
      'customer',
    );
  });
  return publicTicket(db, key, token);
}
