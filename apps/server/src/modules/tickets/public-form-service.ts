/**
 * 在线报修表单: the tenant's public ticket form. An admin turns it on (an unguessable token is its
 * address) and chooses what a customer may pick; anyone with the address submits a ticket with no
 * login, bounded like the leads' web forms (honeypot, per-address and per-form limits), and gets
 * the ticket's number and its signed status link (/t/<token>) to follow it.
 *
 * The submitter is matched to the tenant's contacts by mobile or e-mail (the customers module's
 * `contactsReachedBy`). One customer reached → the ticket is theirs (with the contact). Nobody, or
 * several customers (a shared switchboard number …) → the ticket has no customer yet and keeps what
 * the submitter typed (`submitter`): the desk links the customer (关联客户) instead of the form guessing.
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  HONEYPOT_FIELD,
  type PublicTicketCreated,
  type PublicTicketForm,
  type PublicTicketSubmission,
  type TicketFormSettings,
  ticketLimits,
  type UpdateTicketFormSettings,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { publicLimit } from '../../platform/public-hits.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { contactsReachedBy } from '../customers/ticket-form-service.ts';
import { notifyMany } from '../notifications/bulk-service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import type { TicketRow } from './repository.ts';
import * as repo from './repository.ts';
import { type Links, openTicket, secretOf } from './service.ts';
import { recipients } from './sla-sweep.ts';
import { newLinkSecret, ticketToken } from './tokens.ts';

const FORM_ENTITY = 'ticket-form';

/** 16 random bytes, URL-safe: the form's public address. */
const newFormToken = () => randomBytes(16).toString('base64url');

type SettingsRow = Awaited<ReturnType<typeof repo.settingsOf>>;

const settingsRow = (db: Db, key: ServerKey, tenantId: string) =>
  repo.settingsOf(db, tenantId, () => key.seal(newLinkSecret()));

const toSettings = (r: SettingsRow): TicketFormSettings => ({
  enabled: r.formEnabled,
  token: r.formToken,
  title: r.formTitle,
  intro: r.formIntro,
  perMinute: r.formPerMinute,
  priority: r.formPriority,
  typeIds: r.formTypeIds,
  departmentId: r.formDepartmentId,
  version: r.formVersion,
});

/** What the audit row compares (never the token itself: it is the form's key). */
const auditable = (r: SettingsRow) => ({
  enabled: r.formEnabled,
  title: r.formTitle,
  intro: r.formIntro,
  perMinute: r.formPerMinute,
  priority: r.formPriority,
  typeIds: r.formTypeIds,
  departmentId: r.formDepartmentId,
});

export async function getFormSettings(db: Db, p: Principal, key: ServerKey) {
  return toSettings(await settingsRow(db, key, p.tenantId));
}

/** Changes the form (409 on a stale version); the first time it is enabled it gets its token. */
export async function updateFormSettings(
  db: Db,
  c: Caller,
  key: ServerKey,
  input: UpdateTicketFormSettings,
): Promise<TicketFormSettings> {
  const typeIds = [...new Set(input.typeIds)];
  await db.transaction(async (tx) => {
    const before = await settingsRow(tx, key, c.p.tenantId);
    checkVersion({ version: before.formVersion }, input.version);
    const known = new Set((await repo.serviceTypes(tx, c.p.tenantId, typeIds)).map((t) => t.id));
    const unknown = input.typeIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw invalid(`typeIds.${unknown}`, 'not a service type');
    if (input.departmentId && !(await repo.departmentExists(tx, c.p.tenantId, input.departmentId)))
      throw invalid('departmentId', 'no such department');
    const after = await requireUpdated(
      await repo.updateFormSettings(tx, c.p.tenantId, input.version, {
        formEnabled: input.enabled,
        formToken: before.formToken ?? (input.enabled ? newFormToken() : null),
        formTitle: input.title ?? null,
        formIntro: input.intro ?? null,
        formPerMinute: input.perMinute,
        formPriority: input.priority,
        formTypeIds: typeIds,
        formDepartmentId: input.departmentId ?? null,
      }),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: FORM_ENTITY,
      entityId: c.p.tenantId,
      changes: diff(auditable(before), auditable(after)),
    });
  });
  return getFormSettings(db, c.p, key);
}

/** A new address for the form: the old one answers 404 from now on (a leaked link is retired). */
export async function regenerateFormToken(db: Db, c: Caller, key: ServerKey, version: number) {
  await db.transaction(async (tx) => {
    const before = await settingsRow(tx, key, c.p.tenantId);
    checkVersion({ version: before.formVersion }, version);
    await requireUpdated(
      await repo.updateFormSettings(tx, c.p.tenantId, version, { formToken: newFormToken() }),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: 'regenerate-token',
      entity: FORM_ENTITY,
      entityId: c.p.tenantId,
      summary: 'token regenerated',
    });
  });
  return getFormSettings(db, c.p, key);
}

/** The enabled form of a token, else 404 (unknown, retired or switched off alike). */
async function openForm(db: Db, token: string) {
  const row = await repo.settingsByFormToken(db, token);
  if (!row?.formEnabled) throw notFound();
  return row;
}

/** The types a customer may pick: the chosen ones, or every valid service type when none were. */
const formTypes = (db: Db, row: SettingsRow) =>
  repo.serviceTypes(db, row.tenantId, row.formTypeIds.length ? row.formTypeIds : undefined);

export async function publicForm(db: Db, token: string): Promise<PublicTicketForm> {
  const row = await openForm(db, token);
  const [tenant, types] = await Promise.all([getTenant(db, row.tenantId), formTypes(db, row)]);
  return {
    tenantName: tenant.name,
    title: row.formTitle,
    intro: row.formIntro,
    types: types.map((t) => ({ id: t.id, name: t.name, nameEn: t.name_en })),
  };
}

/**
 * A form ticket no rule took waits in the queue, where nobody would notice it until the SLA
 * warning: whoever may assign tickets in its department line hears of it at once.
 */
async function tellDispatchers(tx: Db, row: TicketRow) {
  const to = await recipients(tx, row.tenantId, [
    { id: row.id, handler_id: null, department_id: row.departmentId },
  ]);
  await notifyMany(
    tx,
    to.map((r) => ({
      tenantId: row.tenantId,
      userId: r.user_id,
      kind: 'ticket.submitted',
      title: `在线报修 ${row.number} 待分派：${row.title}`,
      data: { number: row.number, title: row.title },
      link: `/tickets/${row.id}`,
      entity: 'tickets',
      entityId: row.id,
    })),
  );
}

/** A believable answer for a bot that filled the honeypot: it learns nothing, nothing is written. */
function decoyAnswer(origin: string, timeZone: string): PublicTicketCreated {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date()).replaceAll('-', '');
  return {
    number: `GD${day}-${String(randomInt(1, 10_000)).padStart(4, '0')}`,
    statusUrl: `${origin}/t/${randomBytes(32).toString('base64url').slice(0, 44)}`,
  };
}

/**
 * A customer's submission (no login). Counted first against the address's and the form's
 * per-minute limits (the seconds to wait → 429 RATE_LIMITED); an unknown, retired or switched-off
 * form is 404; a filled honeypot gets a success-like answer and nothing is written. Otherwise the
 * ticket is opened through the desk's own path (numbering, validity, SLA due instants, the
 * assignment rules) with channel `web`.
 */
export async function submitPublicForm(
  db: Db,
  links: Links,
  token: string,
  ip: string,
  input: PublicTicketSubmission,
): Promise<PublicTicketCreated | { retryAfter: number }> {
  const row = await repo.settingsByFormToken(db, token);
  const retryAfter = await publicLimit(
    db,
    ip,
    ticketLimits.perIpPerMinute,
    row ? { key: `ticket-form:${row.tenantId}`, perMinute: row.formPerMinute } : undefined,
  );
  if (retryAfter) return { retryAfter };
  const form = await openForm(db, token);
  const tenant = await getTenant(db, form.tenantId);
  if (input[HONEYPOT_FIELD]) return decoyAnswer(links.origin, tenant.timezone);
  if (!input.mobile && !input.email) throw invalid('mobile', 'a mobile number or an e-mail is required');
  if (!(await formTypes(db, form)).some((t) => t.id === input.typeId))
    throw invalid('typeId', 'not a type this form offers');
  const reached = await contactsReachedBy(db, form.tenantId, input);
  const customers = new Set(reached.map((r) => r.customerId));
  const match = customers.size === 1 ? reached[0] : undefined;
  const actor: Actor = { tenantId: form.tenantId, userId: null, userName: '在线报修表单', ip };
  const ticket = await db.transaction(async (tx) => {
    const row = await openTicket(
      tx,
      {
        tenantId: form.tenantId,
        actor,
        timeZone: tenant.timezone,
        createdBy: null,
        departmentId: await repo.formDepartment(tx, form.tenantId, form.formDepartmentId),
        submitter: {
          name: input.name,
          company: input.company ?? null,
          mobile: input.mobile ?? null,
          email: input.email ?? null,
        },
      },
      {
        typeId: input.typeId,
        customerId: match?.customerId ?? null,
        contactId: match?.contactId ?? null,
        orderId: null,
        contractId: null,
        productId: null,
        title: input.title,
        request: input.request,
        priority: form.formPriority,
        channel: 'web',
      },
    );
    if (!row.handlerId) await tellDispatchers(tx, row);
    return row;
  });
  const secret = await secretOf(db, links.key, form.tenantId);
  return { number: ticket.number, statusUrl: `${links.origin}/t/${ticketToken(secret, ticket.id)}` };
}
