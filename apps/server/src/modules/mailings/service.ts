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
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Jobs } from '../../platform/jobs.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { type AudienceList, audienceOf } from '../customers/audience-service.ts';
import { leadAudience } from '../leads/audience-service.ts';
import { listSaved } from '../saved-queries/service.ts';
import {
  httpSmsProvider,
  type Message,
  type Outcome,
  type Provider,
  renderEmail,
  renderSms,
  smtpProvider,
  unknownFields,
} from './delivery.ts';
import * as repo from './repository.ts';
import { newLinkSecret, recipientOfToken, tokenValid, unsubscribeToken } from './tokens.ts';

const ENTITY = 'mailings';
export const MAILING_JOB = 'mailings.send';

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toMailing(r: Record<string, unknown>): Mailing {
  const counts = (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Mailing['counts'];
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    name: r.name as string,
    channel: r.channel as Mailing['channel'],
    subject: (r.subject as string | null) ?? null,
    body: r.body as string,
    savedQueryId: (r.saved_query_id as string | null) ?? null,
    savedQueryName: (r.saved_query_name as string | null) ?? null,
    status: r.status as Mailing['status'],
    scheduledAt: iso(r.scheduled_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
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

// ---- audience ----

/** How an address is kept: e-mail in lower case, a mobile number as its digits (and a leading +). */
export function addressKey(channel: string, address: string): string {
  const a = address.trim();
  return channel === 'email' ? a.toLowerCase() : a.replace(/[^\d+]/g, '');
}

const emailAddress = z.email();
const mobileNumber = z.string().regex(/^\+?\d{6,20}$/);
const usable = (channel: string, key: string) =>
  (channel === 'email' ? emailAddress : mobileNumber).safeParse(key).success;

type Member = {
  address: string;
  merge: Record<string, string>;
  customerId: string | null;
  contactId: string | null;
};

type SavedList = AudienceList | 'leads';

/** The saved query (mine or shared) of a list the caller may read. */
async function savedQueryFor(db: Db, p: Principal, id: string) {
  const lists: [SavedList, boolean][] = [
    ['customers', can(p, 'customers:view')],
    ['contacts', can(p, 'contacts:view')],
    ['leads', can(p, 'leads:view')],
  ];
  for (const [list, allowed] of lists) {
    if (!allowed) continue;
    const found = (await listSaved(db, p, list)).find((s) => s.id === id);
    if (found) return { list, query: found.query, name: found.name };
  }
  throw invalid(
    'savedQueryId',
    'no saved query of the customers, contacts or leads list you can read has this id',
  );
}

/** The people of a saved query with their merge values; a lead is its company and its contact. */
async function savedAudience(db: Db, c: Caller, list: SavedList, query: Record<string, string>) {
  if (list !== 'leads') return audienceOf(db, c, list, query, mailingLimits.audience);
  return (await leadAudience(db, c, query, mailingLimits.audience)).map((l) => ({
    customerId: null,
    contactId: null,
    name: l.contactName ?? l.name,
    contactName: l.contactName ?? l.name,
    customerName: l.name,
    email: l.email,
    mobile: l.mobile,
  }));
}

async function membersOf(db: Db, c: Caller, input: CreateMailing) {
  const members: Member[] = [];
  let saved: { id: string; name: string } | null = null;
  if (input.savedQueryId) {
    const found = await savedQueryFor(db, c.p, input.savedQueryId);
    saved = { id: input.savedQueryId, name: found.name };
    const audience = await savedAudience(db, c, found.list, found.query);
    for (const a of audience) {
      const raw = input.channel === 'email' ? a.email : a.mobile;
      if (!raw) continue;
      members.push({
        address: addressKey(input.channel, raw),
        merge: {
          name: a.name,
          contactName: a.contactName,
          customerName: a.customerName,
          email: a.email ?? '',
          mobile: a.mobile ?? '',
        },
        customerId: a.customerId,
        contactId: a.contactId,
      });
    }
  } else {
    for (const r of input.recipients ?? []) {
      const address = addressKey(input.channel, r.address);
      const name = r.name || (input.channel === 'email' ? address.split('@')[0] : address);
      members.push({
        address,
        merge: {
          name,
          contactName: name,
          customerName: '',
          email: input.channel === 'email' ? address : '',
          mobile: input.channel === 'sms' ? address : '',
        },
        customerId: null,
        contactId: null,
      });
    }
  }
  // one message per address (a contact listed twice, two contacts sharing a mailbox)
  const seen = new Set<string>();
  return {
    saved,
    members: members.filter(
      (m) => usable(input.channel, m.address) && !seen.has(m.address) && seen.add(m.address),
    ),
  };
}

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

const siteOf = (settings: repo.SettingsRow, requestOrigin: string) =>
  (settings.linkBaseUrl ?? requestOrigin).replace(/\/+$/, '');

function configured(settings: repo.SettingsRow | undefined, channel: string): settings is repo.SettingsRow {
  if (!settings) return false;
  return channel === 'email'
    ? Boolean(settings.smtpHost && settings.smtpPort && settings.fromAddress)
    : Boolean(settings.smsUrl);
}

/** The channel's provider, its secrets opened with the server key; null when not configured. */
function providerFor(
  key: ServerKey,
  settings: repo.SettingsRow | undefined,
  channel: string,
): Provider | null {
  if (!configured(settings, channel)) return null;
  const open = (v: string | null) => (v ? key.open(v) : null);
  return channel === 'email'
    ? smtpProvider({
        host: settings.smtpHost!,
        port: settings.smtpPort!,
        secure: settings.smtpSecure,
        user: settings.smtpUser,
        password: open(settings.smtpPassword),
        fromAddress: settings.fromAddress!,
        fromName: settings.fromName,
      })
    : httpSmsProvider({
        url: settings.smsUrl!,
        secret: open(settings.smsSecret),
        template: settings.smsTemplate,
      });
}

function messageFor(
  m: { channel: string; subject: string | null; body: string },
  to: string,
  merge: Record<string, string>,
  unsubscribeUrl: string,
): Message {
  const values = { ...merge, unsubscribeUrl };
  if (m.channel === 'email')
    return { to, ...renderEmail(m.subject ?? '', m.body, values), unsubscribeUrl, merge: values };
  const text = renderSms(m.body, values);
  return { to, subject: '', text, html: '', unsubscribeUrl, merge: values };
}

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
        sentAt: iso(r.sent_at),
      };
    }),
  };
}

// ---- the dispatcher (job) ----

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
