import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { messageFor, providerFor } from './channels.ts';
import type { Outcome, Provider } from './delivery.ts';
import * as repo from './repository.ts';
import { unsubscribeToken } from './tokens.ts';

// The dispatcher: sends what is due, tenant by tenant, within each tenant's rate.

/** Recipients taken this long ago without an outcome were cut off by a stopped process. */
const INTERRUPTED_MINUTES = 15;
/** Rounds of one run per tenant (each at most the per-minute budget). */
const MAX_ROUNDS = 100;

/**
 * Sends what is due, for every tenant: scheduled mailings whose time has come start; each
 * tenant's pending recipients are taken, at most `perMinute` in any minute (counted from when
 * they were taken, in the transaction that locks the tenant's settings, so two runs at once
 * share the budget), unsubscribed addresses are marked suppressed, and every outcome is recorded
 * per recipient. Run by the send job and every minute.
 */
export async function dispatchMailings(db: Db, key: ServerKey, log?: FastifyBaseLogger) {
  await repo.startDue(db);
  await repo.failInterrupted(db, INTERRUPTED_MINUTES);
  let sent = 0;
  for (const tenantId of await repo.tenantsSending(db)) sent += await dispatchTenant(db, key, tenantId, log);
  return { sent };
}

async function dispatchTenant(db: Db, key: ServerKey, tenantId: string, log?: FastifyBaseLogger) {
  const providers = new Map<string, Provider | null>();
  let delivered = 0;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { claimed, settings } = await db.transaction(async (tx) => {
        const settings = await repo.findSettings(tx, tenantId, true);
        await repo.markSuppressed(tx, tenantId);
        const budget = (settings?.perMinute ?? 60) - (await repo.takenLastMinute(tx, tenantId));
        return { claimed: budget > 0 ? await repo.claim(tx, tenantId, budget) : [], settings };
      });
      if (!claimed.length) break;
      const secret = settings ? key.open(settings.linkSecret) : '';
      for (const r of claimed) {
        if (!providers.has(r.channel)) providers.set(r.channel, providerFor(key, settings, r.channel));
        const provider = providers.get(r.channel);
        const url = `${r.linkBase}/u/${unsubscribeToken(secret, r.id)}`;
        const outcome: Outcome = provider
          ? await provider.send(messageFor(r, r.address, r.merge, url))
          : { status: 'failed', error: 'no sending channel is configured' };
        await repo.recordOutcome(db, r.id, outcome.status === 'sent' ? outcome : outcome);
        if (outcome.status === 'sent') delivered++;
      }
    }
  } finally {
    for (const p of providers.values()) p?.close();
    await repo.finishDone(db, tenantId);
  }
  if (delivered) log?.info({ tenantId, delivered }, 'mailing messages sent');
  return delivered;
}
