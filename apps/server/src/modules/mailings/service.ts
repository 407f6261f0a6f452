import {
  type CreateMailing,
  type Mailing,
  type MailingListQuery,
  type MailingRecipient,
  type MailingSettings,
  mailingLimits,
  mergeFields,
  type UpdateMailing,
  type UpdateMailingSettings,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf } from '../../platform/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { addressKey, membersOf, usable } from './audience.ts';
import { configured, messageFor, providerFor, siteOf } from './channels.ts';
import { type Outcome, unknownFields } from './delivery.ts';
import * as repo from './repository.ts';
import { newLinkSecret, recipientOfToken, tokenValid } from './tokens.ts';

const ENTITY = 'mailings';
export const MAILING_JOB = 'mailings.send';

function toMailing(r: Record<string, unknown>): Mailing {
  const counts = (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Mailing['counts'];
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    name: r.name as string,
    channel: r.channel as Mailing['channel'],
    subject: (r.subject as string | null) ?? null,
    body: r.body as string,
    savedQueryId: (r.saved_query_id as string | null) ?? null,
    savedQueryName: (r.saved_query_name as string | null) ?? null,
    status: r.status as Mailing['status'],
    scheduledAt: isoOf(r.scheduled_at),
    startedAt: isoOf(r.started_at),
    finishedAt: isoOf(r.finished_at),
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    counts: {
      total: Number(counts?.total ?? 0),
      pending: Number(counts?.pending ?? 0),
      sent: Number(counts?.sent ?? 0),
      failed: Number(counts?.failed ?? 0),
      bounced: Number(counts?.bounced ?? 0),
      suppressed: Number(counts?.suppressed ?? 0),
    },
  };
}

export async function listMailings(db: Db, p: Principal, q: MailingListQuery) {
  const page = await repo.listMailings(db, p, q);
  return { ...page, data: page.data.map(toMailing) };
}

export async function getMailing(db: Db, p: Principal, id: string): Promise<Mailing> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toMailing(row);
}

// ---- writes ----

/** 400 on the first `{{field}}` that is no merge field. */
function checkMergeFields(texts: { subject?: string | null; body?: string }) {
  const known = mergeFields as readonly string[];
  for (const [path, text] of Object.entries(texts)) {
    const unknown = unknownFields(text ?? '', known);
    if (unknown.length) throw invalid(path, `unknown merge field {{${unknown[0]}}}; use ${known.join(', ')}`);
  }
}

export async function createMailing(db: Db, c: Caller, input: CreateMailing): Promise<Mailing> {
  checkMergeFields({ subject: input.subject, body: input.body });
  const { saved, members } = await membersOf(db, c, input);
  if (!members.length) throw invalid(input.savedQueryId ? 'savedQueryId' : 'recipients', 'nobody to send to');
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await repo.insertMailing(tx, {
      id,
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      ownerId: c.p.userId,
      departmentId: c.p.departmentId,
      name: input.name,
      channel: input.channel,
      subject: input.channel === 'email' ? (input.subject ?? null) : null,
      body: input.body,
      savedQueryId: saved?.id ?? null,
      savedQueryName: saved?.name ?? null,
    });
    // ids sorted: within one millisecond uuid v7s are random, and the list reads in id order
    const ids = members.map(() => uuidv7()).sort();
    await repo.insertRecipients(
      tx,
      members.map((m, i) => ({ id: ids[i], tenantId: c.p.tenantId, mailingId: id, ...m })),
    );
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: `${input.name} (${members.length})`,
    });
  });
  return getMailing(db, c.p, id);
}

/** A draft's name, subject or message; 409 MAILING_NOT_DRAFT once it is sent or scheduled. */
export async function updateMailing(db: Db, c: Caller, id: string, input: UpdateMailing): Promise<Mailing> {
  const { version, ...values } = input;
  checkMergeFields(values);
  await db.transaction(async (tx) => {
    const before = await repo.lockVisible(tx, c.p, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    if (before.status !== 'draft') throw new AppError('MAILING_NOT_DRAFT');
    if (before.channel === 'sms' && values.body && values.body.length > mailingLimits.smsBody)
      throw invalid('body', `at most ${mailingLimits.smsBody} characters`);
    // a text message has no subject
    const changes = { ...values, ...(before.channel === 'sms' ? { subject: undefined } : {}) };
    await repo.updateMailing(tx, id, changes);
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      summary: changes.name ?? before.name,
      changes: diff(before, { ...before, ...changes }),
    });
  });
  return getMailing(db, c.p, id);
}

// ---- sending ----

/** Sends now (through the job queue) or at `scheduledAt`; the audience was taken when it was created. */
export async function sendMailing(
  db: Db,
  c: Caller,
  id: string,
  input: { version: number; scheduledAt?: string },
  requestOrigin: string,
  jobs: Jobs | undefined,
): Promise<Mailing> {
  const at = input.scheduledAt ? new Date(input.scheduledAt) : null;
  if (at && at.getTime() <= Date.now()) throw invalid('scheduledAt', 'must be in the future');
  await db.transaction(async (tx) => {
    const m = await repo.lockVisible(tx, c.p, id);
    if (!m) throw notFound();
    checkVersion(m, input.version);
    if (m.status !== 'draft') throw new AppError('MAILING_NOT_DRAFT');
    const settings = await repo.findSettings(tx, c.p.tenantId);
    if (!configured(settings, m.channel)) throw new AppError('MAILING_NOT_CONFIGURED');
    if (!(await repo.countRecipients(tx, id))) throw new AppError('MAILING_NO_RECIPIENTS');
    await repo.updateMailing(tx, id, {
      status: at ? 'scheduled' : 'sending',
      scheduledAt: at,
      startedAt: at ? null : new Date(),
      linkBase: siteOf(settings, requestOrigin),
    });
    await writeAudit(tx, c.actor, {
      action: at ? 'schedule' : 'send',
      entity: ENTITY,
      entityId: id,
      summary: at ? `${m.name} @ ${at.toISOString()}` : m.name,
    });
  });
  // scheduled ones are started by the every-minute run (jobs.ts)
  if (!at) await jobs?.send(MAILING_JOB, { mailingId: id });
  return getMailing(db, c.p, id);
}

/** Stops a scheduled or sending mailing: who has not been sent to yet stays pending. */
export async function cancelMailing(db: Db, c: Caller, id: string, version: number): Promise<Mailing> {
  await db.transaction(async (tx) => {
    const m = await repo.lockVisible(tx, c.p, id);
    if (!m) throw notFound();
    checkVersion(m, version);
    if (m.status !== 'scheduled' && m.status !== 'sending') throw new AppError('MAILING_NOT_DRAFT');
    await repo.updateMailing(tx, id, { status: 'cancelled', finishedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'cancel', entity: ENTITY, entityId: id, summary: m.name });
  });
  return getMailing(db, c.p, id);
}

/** One message to `to`, merged with the first recipient's values, marked as a test; errors are the answer. */
export async function testMailing(
  db: Db,
  key: ServerKey,
  c: Caller,
  id: string,
  to: string,
  requestOrigin: string,
) {
  const m = await repo.findVisible(db, c.p, id);
  if (!m) throw notFound();
  const channel = m.channel as string;
  const address = addressKey(channel, to);
  if (!usable(channel, address))
    throw invalid('to', channel === 'email' ? 'not an e-mail address' : 'not a mobile number');
  const settings = await repo.findSettings(db, c.p.tenantId);
  const provider = providerFor(key, settings, channel);
  if (!provider || !settings) throw new AppError('MAILING_NOT_CONFIGURED');
  const first = await repo.firstRecipient(db, id);
  // a test's link leads to the page, which says the link is not valid: nobody is unsubscribed by a test
  const url = `${siteOf(settings, requestOrigin)}/u/test`;
  const message = messageFor(
    { channel, subject: `[测试 Test] ${m.subject ?? ''}`, body: m.body as string },
    address,
    first?.merge ?? {},
    url,
  );
  let outcome: Outcome;
  try {
    outcome = await provider.send(message);
  } finally {
    provider.close();
  }
  if (outcome.status !== 'sent')
    throw new AppError('MAILING_DELIVERY_FAILED', [{ path: 'to', message: outcome.error }]);
  await db.transaction((tx) =>
    writeAudit(tx, c.actor, { action: 'test-send', entity: ENTITY, entityId: id, summary: address }),
  );
  return { ok: true as const, to: address };
}

export async function listRecipients(
  db: Db,
  p: Principal,
  id: string,
  q: { page: number; pageSize: number; cursor?: string; status?: string; q?: string },
) {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  const page = await repo.listRecipients(db, p.tenantId, id, q);
  return {
    ...page,
    data: page.data.map((r): MailingRecipient => {
      const merge = (typeof r.merge === 'string' ? JSON.parse(r.merge) : r.merge) as Record<string, string>;
      return {
        id: r.id as string,
        address: r.address as string,
        name: merge.name ?? '',
        customerName: merge.customerName || null,
        // `sending` is an instant inside the dispatcher: still pending to the reader
        status: (r.status === 'sending' ? 'pending' : r.status) as MailingRecipient['status'],
        error: (r.error as string | null) ?? null,
        sentAt: isoOf(r.sent_at),
      };
    }),
  };
}

// ---- unsubscribe (public) ----

/**
 * The address of a signed link goes on the tenant's suppression list (again: no change). A token
 * that names no recipient or whose signature is wrong is 404, the same answer for both.
 */
export async function unsubscribe(db: Db, key: ServerKey, token: string) {
  const recipientId = recipientOfToken(token);
  const found = recipientId ? await repo.recipientForToken(db, recipientId) : undefined;
  if (!found || !tokenValid(key.open(found.link_secret), found.id, token)) throw notFound();
  await db.transaction(async (tx) => {
    const added = await repo.suppress(tx, {
      id: uuidv7(),
      tenantId: found.tenant_id,
      channel: found.channel,
      address: found.address,
      mailingId: found.mailing_id,
    });
    if (added) {
      const actor: Actor = { tenantId: found.tenant_id, userId: null, userName: null };
      await writeAudit(tx, actor, {
        action: 'unsubscribe',
        entity: ENTITY,
        entityId: found.mailing_id,
        summary: `${found.channel}:${found.address}`,
      });
    }
  });
  return { ok: true as const };
}

// ---- settings ----

function toSettings(row: repo.SettingsRow | undefined): MailingSettings {
  return {
    version: row?.version ?? 0,
    smtpHost: row?.smtpHost ?? null,
    smtpPort: row?.smtpPort ?? null,
    smtpSecure: row?.smtpSecure ?? false,
    smtpUser: row?.smtpUser ?? null,
    smtpPasswordSet: Boolean(row?.smtpPassword),
    fromAddress: row?.fromAddress ?? null,
    fromName: row?.fromName ?? null,
    smsUrl: row?.smsUrl ?? null,
    smsSecretSet: Boolean(row?.smsSecret),
    smsTemplate: row?.smsTemplate ?? null,
    perMinute: row?.perMinute ?? 60,
    linkBaseUrl: row?.linkBaseUrl ?? null,
  };
}

/** The tenant's settings; before the first save, the defaults with version 0. */
export async function getSettings(db: Db, p: Principal): Promise<MailingSettings> {
  return toSettings(await repo.findSettings(db, p.tenantId));
}

/** Secrets are sealed here and never come back; the audit says that one changed, not its value. */
export async function updateSettings(
  db: Db,
  key: ServerKey,
  c: Caller,
  input: UpdateMailingSettings,
): Promise<MailingSettings> {
  const { version, smtpPassword, smsSecret, ...plain } = input;
  const sealed = (v: string | null | undefined) => (v === undefined ? undefined : v ? key.seal(v) : null);
  const values = {
    ...Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)),
    ...(smtpPassword !== undefined ? { smtpPassword: sealed(smtpPassword) } : {}),
    ...(smsSecret !== undefined ? { smsSecret: sealed(smsSecret) } : {}),
  };
  await db.transaction(async (tx) => {
    const before = await repo.findSettings(tx, c.p.tenantId, true);
    if (!before) {
      if (version !== 0) throw conflict();
      await repo.insertSettings(tx, {
        id: uuidv7(),
        tenantId: c.p.tenantId,
        createdBy: c.p.userId,
        linkSecret: key.seal(newLinkSecret()),
        ...values,
      });
    } else {
      await requireUpdated(await repo.updateSettings(tx, c.p.tenantId, version, values), async () => true);
    }
    const changes = diff(toSettings(before) as unknown as Record<string, unknown>, {
      ...toSettings(before),
      ...plain,
      ...(smtpPassword !== undefined ? { smtpPasswordSet: Boolean(smtpPassword) } : {}),
      ...(smsSecret !== undefined ? { smsSecretSet: Boolean(smsSecret) } : {}),
    });
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'mailing-settings',
      summary: 'SMTP / SMS',
      changes,
    });
  });
  return getSettings(db, c.p);
}
