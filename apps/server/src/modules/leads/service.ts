import type {
  CreateLead,
  Lead,
  LeadActivity,
  LeadListQuery,
  LeadSettings,
  UpdateLead,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { applyFieldAccess, assertWritable } from '../../platform/access.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { campaignExists } from '../campaigns/published.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import * as repo from './repository.ts';
import { assignee, auditable, ENTITY, lockLead, lockOpen, tellOwner } from './write-steps.ts';

export { ENTITY };

// ---- answers ----

export const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
export const str = (v: unknown) => (v as string | null) ?? null;

function toLead(p: Principal, r: Record<string, unknown>): Lead {
  return applyFieldAccess(p, ENTITY, {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    name: r.name as string,
    contactName: str(r.contact_name),
    mobile: str(r.mobile),
    email: str(r.email),
    sourceId: str(r.source_id),
    sourceName: str(r.source_name),
    campaignId: str(r.campaign_id),
    regionCode: str(r.region_code),
    regionName: str(r.region_name),
    remark: str(r.remark),
    status: r.status as Lead['status'],
    disqualifyReasonId: str(r.disqualify_reason_id),
    disqualifyReasonName: str(r.disqualify_reason_name),
    ownerId: str(r.owner_id),
    ownerName: str(r.owner_name),
    departmentId: str(r.department_id),
    departmentName: str(r.department_name),
    assignedAt: iso(r.assigned_at),
    formId: str(r.form_id),
    formName: str(r.form_name),
    customerId: str(r.customer_id),
    contactId: str(r.contact_id),
    convertedAt: iso(r.converted_at),
    opportunityId: str(r.opportunity_id),
    inPool: !r.owner_id,
  });
}

// ---- reads ----

/** On a customer's timeline: the leads it came from that the caller sees (leads:view, in scope). */
export const leadsOnTimeline = (p: Principal) => can(p, 'leads:view') && repo.leadScope(p, 'x');

export async function listLeads(db: Db, c: Caller, q: LeadListQuery) {
  const page = await repo.listLeads(db, c.p, q);
  return { ...page, data: page.data.map((row) => toLead(c.p, row)) };
}

export async function getLead(db: Db, p: Principal, id: string): Promise<Lead> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toLead(p, row);
}

export async function leadActivities(db: Db, p: Principal, id: string): Promise<LeadActivity[]> {
  await getLead(db, p, id);
  const rows = await repo.activitiesOf(db, p.tenantId, id);
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as LeadActivity['kind'],
    content: r.content as string,
    userId: str(r.user_id),
    userName: str(r.user_name),
    createdAt: iso(r.created_at) as string,
  }));
}

/** Whom the caller may give a lead to: active users in their leads scope, by name. */
export async function assignees(db: Db, p: Principal, q?: string) {
  const rows = await repo.assignableUsers(db, p, q);
  return rows.map((r) => ({ id: r.id, name: r.name, departmentName: r.department_name }));
}

// ---- shared write steps ----

/** Source (customer-source) and campaign of a lead, form or rule: 400 on the field when unknown. */
export async function checkReferences(
  tx: Db,
  tenantId: string,
  v: { sourceId?: string | null; campaignId?: string | null },
  sourcePath: string,
  before?: { sourceId: string | null; campaignId: string | null },
) {
  await assertChoosable(tx, tenantId, sourcePath, 'customer-source', v.sourceId, before?.sourceId);
  if (
    v.campaignId &&
    v.campaignId !== before?.campaignId &&
    !(await campaignExists(tx, tenantId, v.campaignId))
  )
    throw invalid('campaignId', 'no such campaign');
}

/** GB/T 2260 codes: a rule's region covers the codes below it (`440000` covers `440300`). */
const regionCovers = (rule: string, code: string | null) => {
  if (!code) return false;
  let prefix = rule;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return code.startsWith(prefix);
};

/**
 * The assignment rules, in order: the first active rule whose region, source and campaign (each
 * when set) match gives the lead to the next active user of its department, round-robin (one
 * statement moves the rule's pointer, so concurrent leads go to different people without queueing
 * behind each other's transactions). None: null, the pool.
 */
export async function ruleOwner(
  db: Db,
  tenantId: string,
  lead: { regionCode: string | null; sourceId: string | null; campaignId: string | null },
) {
  for (const rule of await repo.activeRules(db, tenantId)) {
    if (rule.regionCode && !regionCovers(rule.regionCode, lead.regionCode)) continue;
    if (rule.sourceId && rule.sourceId !== lead.sourceId) continue;
    if (rule.campaignId && rule.campaignId !== lead.campaignId) continue;
    const next = await repo.advanceRoundRobin(db, tenantId, rule.id);
    if (next) return { ...next, rule: rule.name };
    // nobody works there (or the rule just closed): the next rule
  }
  return null;
}

export type NewLead = {
  name: string;
  contactName: string | null;
  mobile: string | null;
  email: string | null;
  sourceId: string | null;
  campaignId: string | null;
  regionCode: string | null;
  remark: string | null;
  formId?: string | null;
};

type Owner = { id: string; departmentId: string; rule?: string | null };

/**
 * Inserts a lead for `owner` (`rules`: the assignment rules decide; null: the pool), with its
 * first activities and audit row, in the caller's transaction. Hand entry, import and web forms
 * all come here.
 */
export async function insertLead(
  tx: Db,
  actor: Actor,
  v: NewLead,
  owner: Owner | null | 'rules',
  how: string,
) {
  const assigned = owner === 'rules' ? await ruleOwner(tx, actor.tenantId, v) : owner;
  const now = new Date();
  const row = await repo.insertLead(tx, {
    ...v,
    id: uuidv7(),
    tenantId: actor.tenantId,
    createdBy: actor.userId,
    status: assigned ? 'assigned' : 'new',
    ownerId: assigned?.id ?? null,
    departmentId: assigned?.departmentId ?? null,
    assignedAt: assigned ? now : null,
  });
  // its first lines in the log, in one statement (a burst of web-form leads writes thousands)
  await repo.insertActivities(tx, [
    {
      id: uuidv7(),
      tenantId: actor.tenantId,
      leadId: row.id,
      kind: 'created',
      content: how,
      userId: actor.userId,
    },
    ...(assigned
      ? [
          {
            id: uuidv7(),
            tenantId: actor.tenantId,
            leadId: row.id,
            kind: 'assigned' as const,
            content: assigned.rule ? `rule:${assigned.rule}` : `user:${assigned.id}`,
            userId: actor.userId,
          },
        ]
      : []),
  ]);
  await writeAudit(tx, actor, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: row.name,
    changes: diff(null, auditable(row)),
  });
  if (assigned) await tellOwner(tx, actor, row, assigned.id);
  return row;
}

// ---- writes ----

const valuesOf = (input: CreateLead): NewLead => ({
  name: input.name,
  contactName: input.contactName ?? null,
  mobile: input.mobile ?? null,
  email: input.email ?? null,
  sourceId: input.source ?? null,
  campaignId: input.campaignId ?? null,
  regionCode: input.regionCode ?? null,
  remark: input.remark ?? null,
});

/**
 * 新建线索. The caller keeps it unless `ownerId` names someone else (needs leads:assign) or
 * `distribute` lets the rules decide (the pool when none matches).
 */
export async function createLead(db: Db, c: Caller, input: CreateLead): Promise<Lead> {
  assertWritable(c.p, ENTITY, { mobile: input.mobile, email: input.email });
  if (input.ownerId && input.ownerId !== c.p.userId && !can(c.p, 'leads:assign')) throw forbidden();
  const v = valuesOf(input);
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, c.p.tenantId, v, 'source');
    const owner = input.distribute
      ? 'rules'
      : await assignee(tx, c.p, input.ownerId ?? c.p.userId, 'ownerId');
    return (await insertLead(tx, c.actor, v, owner, 'manual')).id;
  });
  return getLead(db, c.p, id);
}

export async function updateLead(db: Db, c: Caller, id: string, input: UpdateLead): Promise<Lead> {
  const { version, source, ...rest } = input;
  assertWritable(c.p, ENTITY, { mobile: input.mobile, email: input.email });
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, c.p, id);
    checkVersion(before, version);
    const values = { ...rest, ...(source !== undefined ? { sourceId: source } : {}) };
    await checkReferences(tx, c.p.tenantId, values, 'source', before);
    const rows = await repo.updateLead(tx, id, version, values);
    const after = await requireUpdated(rows, async () => true);
    const changes = diff(auditable(before), auditable(after));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: ENTITY,
        entityId: id,
        summary: after.name,
        changes,
      });
  });
  return getLead(db, c.p, id);
}

export async function deleteLead(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockLead(tx, c.p, id);
    checkVersion(before, version);
    await repo.updateLead(tx, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: before.name });
  });
}

// ---- settings ----

export async function getSettings(db: Db, p: Principal): Promise<LeadSettings> {
  const s = await repo.settingsOf(db, p.tenantId);
  return { grabDailyLimit: s.grabDailyLimit, version: s.version };
}

export async function updateSettings(db: Db, c: Caller, input: LeadSettings): Promise<LeadSettings> {
  await db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, c.p.tenantId);
    checkVersion(before, input.version);
    const rows = await repo.saveSettings(tx, c.p.tenantId, input.version, input.grabDailyLimit);
    await requireUpdated(rows, async () => true);
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'lead-settings',
      entityId: null,
      summary: 'grabDailyLimit',
      changes: { grabDailyLimit: [before.grabDailyLimit, input.grabDailyLimit] },
    });
  });
  return getSettings(db, c.p);
}

// ---- for other modules ----

/**
 * Per campaign: its leads (not deleted), those converted, and the distinct customers they became
 * (the campaigns module's ROI). Campaigns with no lead are absent from the map.
 */
export async function leadCountsByCampaign(
  db: Db,
  tenantId: string,
  campaignIds: string[],
): Promise<Map<string, { leads: number; converted: number; customers: number }>> {
  const rows = await repo.countsByCampaign(db, tenantId, campaignIds);
  return new Map(
    rows.map((r) => [r.campaign_id, { leads: r.leads, converted: r.converted, customers: r.customers }]),
  );
}
