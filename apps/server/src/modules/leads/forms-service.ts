import { randomBytes } from 'node:crypto';
import {
  type CreateLeadForm,
  HONEYPOT_FIELD,
  type LeadForm,
  leadLimits,
  type PublicFormSubmission,
  type PublicLeadForm,
  type UpdateLeadForm,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { publicLimit } from '../../platform/public-hits.ts';
import * as repo from './repository.ts';
import { checkReferences, insertLead, iso, type NewLead, ruleOwner, str } from './service.ts';

const FORM_ENTITY = 'lead-forms';

// 线索表单: the public web forms that bring leads in (token, honeypot, limits), and what a visitor sends

function toForm(r: Record<string, unknown>): LeadForm {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at ?? r.createdAt) as string,
    updatedAt: iso(r.updated_at ?? r.updatedAt) as string,
    name: r.name as string,
    token: r.token as string,
    campaignId: str(r.campaign_id ?? r.campaignId),
    sourceId: str(r.source_id ?? r.sourceId),
    title: r.title as string,
    intro: str(r.intro),
    fields: (r.fields as LeadForm['fields']) ?? [],
    perMinute: Number(r.per_minute ?? r.perMinute),
    active: Boolean(r.active),
    leads: Number(r.leads ?? 0),
  };
}

export async function listForms(db: Db, p: Principal) {
  return (await repo.listForms(db, p.tenantId)).map(toForm);
}

async function getForm(db: Db, p: Principal, id: string) {
  const form = (await listForms(db, p)).find((f) => f.id === id);
  if (!form) throw notFound();
  return form;
}

/** A form must ask for a way to reach the person (a submission needs a mobile or an e-mail). */
function checkFields(fields: string[] | undefined) {
  if (fields && !fields.includes('mobile') && !fields.includes('email'))
    throw invalid('fields', 'a form asks for a mobile number or an e-mail');
}

/** A new form gets an unguessable token (128 bits, URL-safe): its public address. */
export async function createForm(db: Db, c: Caller, input: CreateLeadForm): Promise<LeadForm> {
  checkFields(input.fields);
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, c.p.tenantId, input, 'sourceId');
    const row = await repo.insertForm(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      name: input.name,
      token: randomBytes(16).toString('base64url'),
      campaignId: input.campaignId ?? null,
      sourceId: input.sourceId ?? null,
      title: input.title,
      intro: input.intro ?? null,
      fields: input.fields ?? ['contactName', 'mobile', 'email', 'remark'],
      perMinute: input.perMinute ?? 600,
      active: input.active ?? true,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: FORM_ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, {
        name: row.name,
        campaignId: row.campaignId,
        sourceId: row.sourceId,
        active: row.active,
      }),
    });
    return row.id;
  });
  return getForm(db, c.p, id);
}

export async function updateForm(db: Db, c: Caller, id: string, input: UpdateLeadForm): Promise<LeadForm> {
  const { version, ...values } = input;
  checkFields(values.fields);
  await db.transaction(async (tx) => {
    const before = await repo.findForm(tx, c.p.tenantId, id, true);
    if (!before) throw notFound();
    checkVersion(before, version);
    await checkReferences(tx, c.p.tenantId, values, 'sourceId', before);
    const rows = await repo.updateForm(tx, id, version, values);
    const after = await requireUpdated(rows, async () => true);
    const pick = (f: typeof after) => ({
      name: f.name,
      title: f.title,
      intro: f.intro,
      campaignId: f.campaignId,
      sourceId: f.sourceId,
      fields: f.fields,
      perMinute: f.perMinute,
      active: f.active,
    });
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: FORM_ENTITY,
      entityId: id,
      summary: after.name,
      changes: diff(pick(before), pick(after)),
    });
  });
  return getForm(db, c.p, id);
}

export async function deleteForm(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await repo.findForm(tx, c.p.tenantId, id, true);
    if (!before) throw notFound();
    checkVersion(before, version);
    await repo.updateForm(tx, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: FORM_ENTITY,
      entityId: id,
      summary: before.name,
    });
  });
}

/** What the public page shows of an open form; 404 for an unknown, closed or deleted one. */
export async function publicForm(db: Db, token: string): Promise<PublicLeadForm> {
  const form = await repo.formByToken(db, token);
  if (!form?.active) throw notFound();
  return { title: form.title, intro: form.intro, fields: form.fields as PublicLeadForm['fields'] };
}

/**
 * A visitor's submission (no login). Counted first against the address's and the form's
 * per-minute limits (429 RATE_LIMITED with the seconds to wait); an unknown or closed form is 404;
 * a filled honeypot is accepted and dropped. The lead goes through the assignment rules (else the
 * pool). The answer says nothing either way — not whether the person was already known.
 */
export async function submitPublicForm(
  db: Db,
  token: string,
  ip: string,
  input: PublicFormSubmission,
): Promise<{ retryAfter: number } | undefined> {
  const form = await repo.formByToken(db, token);
  const retryAfter = await publicLimit(
    db,
    ip,
    leadLimits.perIpPerMinute,
    form ? { key: `form:${form.id}`, perMinute: form.perMinute } : undefined,
  );
  if (retryAfter) return { retryAfter };
  if (!form?.active) throw notFound();
  if (input[HONEYPOT_FIELD]) return undefined;
  if (!input.mobile && !input.email) throw invalid('mobile', 'a mobile number or an e-mail is required');
  const actor: Actor = { tenantId: form.tenantId, userId: null, userName: `web form ${form.name}`, ip };
  const lead: NewLead = {
    name: input.name,
    contactName: input.contactName ?? null,
    mobile: input.mobile ?? null,
    email: input.email ?? null,
    sourceId: form.sourceId,
    campaignId: form.campaignId,
    regionCode: null,
    remark: input.remark ?? null,
    formId: form.id,
  };
  // the person is chosen before the transaction: a burst of submissions does not queue on the rule
  const owner = await ruleOwner(db, form.tenantId, lead);
  await db.transaction((tx) => insertLead(tx, actor, lead, owner, `form:${form.name}`));
  return undefined;
}
