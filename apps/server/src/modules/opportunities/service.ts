import {
  type AssignOpportunity,
  type ConvertOpportunityInput,
  type CreateOpportunity,
  type CreatePlanItem,
  type Forecast,
  type ForecastQuery,
  type Funnel,
  type FunnelQuery,
  fromCents,
  type ListResponse,
  type LoseOpportunity,
  normalizeMoney,
  type Opportunity,
  type OpportunityListQuery,
  type OpportunityPlanItem,
  type OpportunityStageChange,
  opportunityLimits,
  type Pipeline,
  type PipelineQuery,
  toCents,
  type UpdateOpportunity,
  type UpdatePlanItem,
  type WinOpportunity,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { campaignExists } from '../campaigns/published.ts';
import { getContact } from '../customers/contacts-service.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { createCustomer, getCustomer } from '../customers/service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { lastFollowUpAt } from '../follow-ups/activity-service.ts';
import { notify } from '../notifications/service.ts';
import { productsByIds } from '../products/published.ts';
import * as repo from './repository.ts';
import { stageByIdOrFirst } from './stages-service.ts';

export const ENTITY = 'opportunities';
const DAY = 86_400_000;

// ---- answers ----

const iso = (v: unknown) => new Date(v as string).toISOString();
const isoOrNull = (v: unknown) => (v == null ? null : iso(v));
const str = (v: unknown) => (v as string | null) ?? null;
const money = (v: unknown) => normalizeMoney(String(v ?? '0'));
const isOpen = (status: unknown) => status === 'unassigned' || status === 'developing';

type Extras = {
  customers: Map<string, string>;
  contacts: Map<string, string>;
  products: Map<string, string>;
  followUps: Map<string, Date>;
  now: number;
};

/** The later of the stage change, the customer's last follow-up and the last plan item done. */
function lastActivity(r: Record<string, unknown>, followUps: Map<string, Date>): Date {
  const times = [new Date(r.stage_changed_at as string).getTime()];
  const followUp = r.customer_id ? followUps.get(r.customer_id as string) : undefined;
  if (followUp) times.push(followUp.getTime());
  if (r.plan_done_at) times.push(new Date(r.plan_done_at as string).getTime());
  return new Date(Math.max(...times));
}

function toOpportunity(p: Principal, r: Record<string, unknown>, x: Extras): Opportunity {
  const status = r.status as Opportunity['status'];
  const open = isOpen(status);
  const activity = lastActivity(r, x.followUps);
  const stalledDays = Number(r.stalled_days ?? 0);
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    title: r.title as string,
    customerId: str(r.customer_id),
    customerName: r.customer_id ? (x.customers.get(r.customer_id as string) ?? null) : null,
    prospectName: str(r.prospect_name),
    productId: str(r.product_id),
    productName: r.product_id ? (x.products.get(r.product_id as string) ?? null) : null,
    expectedAmount: money(r.expected_amount),
    probability: money(r.probability),
    weightedAmount: money(r.weighted_amount),
    stageId: r.stage_id as string,
    stageName: (r.stage_name as string | null) ?? '',
    stagePosition: Number(r.stage_position ?? 0),
    stageChangedAt: iso(r.stage_changed_at),
    expectedCloseDate: String(r.close_date),
    contactId: str(r.contact_id),
    contactName: r.contact_id ? (x.contacts.get(r.contact_id as string) ?? null) : null,
    sourceId: str(r.source_id),
    sourceName: str(r.source_name),
    leadId: str(r.lead_id),
    campaignId: str(r.campaign_id),
    description: str(r.description),
    status,
    creatorId: r.created_by as string,
    creatorName: (r.creator_name as string | null) ?? '',
    assigneeId: str(r.assignee_id),
    assigneeName: str(r.assignee_name),
    assignedAt: isoOrNull(r.assigned_at),
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    closedAt: isoOrNull(r.closed_at),
    lostReasonId: str(r.lost_reason_id),
    lostReasonName: str(r.lost_reason_name),
    lostNote: str(r.lost_note),
    stalled: open && stalledDays > 0 && x.now - activity.getTime() > stalledDays * DAY,
    lastActivityAt: activity.toISOString(),
    canEdit: open && can(p, 'opportunities:edit'),
    canAssign: open && can(p, 'opportunities:assign'),
    canClose: status === 'developing' && can(p, 'opportunities:edit'),
    canDelete: status !== 'won' && can(p, 'opportunities:delete'),
  };
}

async function extrasOf(db: Db, tenantId: string, rows: Record<string, unknown>[]): Promise<Extras> {
  const customerIds = rows.map((r) => r.customer_id as string | null).filter((v): v is string => Boolean(v));
  const contactIds = rows.map((r) => r.contact_id as string | null).filter((v): v is string => Boolean(v));
  const productIds = [
    ...new Set(rows.map((r) => r.product_id as string | null).filter((v): v is string => Boolean(v))),
  ];
  const openCustomers = rows
    .filter((r) => isOpen(r.status) && r.customer_id)
    .map((r) => r.customer_id as string);
  const [names, products, followUps] = await Promise.all([
    customerAndContactNames(db, tenantId, customerIds, contactIds),
    productIds.length ? productsByIds(db, tenantId, productIds) : new Map<string, { name: string }>(),
    lastFollowUpAt(db, tenantId, openCustomers),
  ]);
  return {
    customers: names.customers,
    contacts: names.contacts,
    products: new Map([...products].map(([id, product]) => [id, product.name])),
    followUps,
    now: Date.now(),
  };
}

export async function toOpportunities(db: Db, p: Principal, rows: Record<string, unknown>[]) {
  const x = await extrasOf(db, p.tenantId, rows);
  return rows.map((r) => toOpportunity(p, r, x));
}

const auditable = (r: repo.OpportunityRow) => ({
  title: r.title,
  customerId: r.customerId,
  prospectName: r.prospectName,
  productId: r.productId,
  expectedAmount: r.expectedAmount == null ? null : normalizeMoney(String(r.expectedAmount)),
  probability: r.probability == null ? null : normalizeMoney(String(r.probability)),
  stageId: r.stageId,
  expectedCloseDate: r.expectedCloseDate,
  contactId: r.contactId,
  sourceId: r.sourceId,
  leadId: r.leadId,
  campaignId: r.campaignId,
  description: r.description,
  status: r.status,
  assigneeId: r.assigneeId,
  ownerId: r.ownerId,
  departmentId: r.departmentId,
  lostReasonId: r.lostReasonId,
  lostNote: r.lostNote,
});

const summaryOf = (r: { title: string; prospectName?: string | null }) => r.title;

// ---- reads ----

export async function listOpportunities(
  db: Db,
  c: Caller,
  q: OpportunityListQuery,
): Promise<ListResponse<Opportunity>> {
  const page = await repo.listOpportunities(db, c.p, q);
  return { ...page, data: await toOpportunities(db, c.p, page.data) };
}

export async function getOpportunity(db: Db, p: Principal, id: string): Promise<Opportunity> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return (await toOpportunities(db, p, [row]))[0];
}

/** Whoever sees the opportunity (view permission and scope). */
export async function opportunityVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'opportunities:view') && Boolean(await repo.findVisible(db, p, id));
}

export async function stageHistory(db: Db, p: Principal, id: string): Promise<OpportunityStageChange[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  const rows = await repo.historyOf(db, p.tenantId, id);
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as OpportunityStageChange['kind'],
    fromStageId: str(r.from_stage_id),
    fromStageName: str(r.from_name),
    toStageId: str(r.to_stage_id),
    toStageName: str(r.to_name),
    probability: r.probability == null ? null : money(r.probability),
    userId: str(r.user_id),
    userName: str(r.user_name),
    at: iso(r.at),
  }));
}

/** Whom the caller may assign to (指派): active users in their opportunities scope, by name. */
export async function assignees(db: Db, p: Principal, q?: string) {
  const rows = await repo.assignableUsers(db, p, q);
  return rows.map((r) => ({ id: r.id, name: r.name, departmentName: r.department_name }));
}

// ---- writes ----

/** The opportunity, locked, in the caller's scope (404 outside it). */
async function lockOpportunity(tx: Db, p: Principal, id: string) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  return row;
}

/** …and still open: a won or lost one is closed (409 OPPORTUNITY_CLOSED). */
async function lockOpen(tx: Db, p: Principal, id: string, version?: number) {
  const row = await lockOpportunity(tx, p, id);
  if (!isOpen(row.status)) throw new AppError('OPPORTUNITY_CLOSED');
  if (version !== undefined) checkVersion(row, version);
  return row;
}

async function update(tx: Db, before: repo.OpportunityRow, values: Partial<repo.NewOpportunityRow>) {
  const rows = await repo.updateOpportunity(tx, before.id, before.version, values);
  return requireUpdated(rows, async () => true);
}

type References = {
  customerId?: string | null;
  prospectName?: string | null;
  contactId?: string | null;
  productId?: string | null;
  source?: string | null;
  campaignId?: string | null;
};

/**
 * The customer (one the caller sees), its contact, the product (not discontinued when newly
 * chosen), the source (customer-source) and the campaign: 400 on the field when unknown. Values
 * the record already had pass unchecked (an old product may have been discontinued since).
 */
async function checkReferences(tx: Db, p: Principal, v: References, before?: repo.OpportunityRow) {
  const customerId = v.customerId === undefined ? before?.customerId : v.customerId;
  if (v.customerId && v.customerId !== before?.customerId) {
    try {
      await getCustomer(tx, p, v.customerId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND')
        throw invalid('customerId', 'no such customer');
      throw err;
    }
  }
  const contactId = v.contactId === undefined ? before?.contactId : v.contactId;
  if (contactId && (contactId !== before?.contactId || customerId !== before?.customerId)) {
    if (!customerId) throw invalid('contactId', 'a prospect has no contacts yet');
    const contact = await getContact(tx, p, contactId).catch(() => null);
    if (!contact || contact.customerId !== customerId)
      throw invalid('contactId', 'not a contact of the customer');
  }
  if (v.productId && v.productId !== before?.productId) {
    const product = (await productsByIds(tx, p.tenantId, [v.productId])).get(v.productId);
    if (!product) throw invalid('productId', 'no such product');
    if (product.status !== 'on-sale') throw invalid('productId', 'the product is discontinued');
  }
  await assertChoosable(tx, p.tenantId, 'source', 'customer-source', v.source, before?.sourceId);
  if (
    v.campaignId &&
    v.campaignId !== before?.campaignId &&
    !(await campaignExists(tx, p.tenantId, v.campaignId))
  )
    throw invalid('campaignId', 'no such campaign');
}

type NewValues = {
  title: string;
  customerId: string | null;
  prospectName: string | null;
  productId: string | null;
  expectedAmount: string;
  probability?: string;
  stageId?: string;
  expectedCloseDate: string;
  contactId: string | null;
  sourceId: string | null;
  leadId: string | null;
  campaignId: string | null;
  description: string | null;
};

/**
 * Inserts an opportunity with its first stage-history row and audit row in the caller's
 * transaction: unassigned and the creator's, or developing and `assignee`'s (a converted lead).
 */
async function insert(tx: Db, c: Caller, v: NewValues, assignee?: { id: string; departmentId: string }) {
  const stage = await stageByIdOrFirst(tx, c.p.tenantId, v.stageId);
  const now = new Date();
  const row = await repo.insertOpportunity(tx, {
    ...v,
    id: uuidv7(),
    tenantId: c.p.tenantId,
    createdBy: c.p.userId,
    expectedAmount: normalizeMoney(v.expectedAmount),
    probability: v.probability ?? stage.probability,
    stageId: stage.id,
    stageChangedAt: now,
    status: assignee ? 'developing' : 'unassigned',
    assigneeId: assignee?.id ?? null,
    assignedAt: assignee ? now : null,
    ownerId: assignee?.id ?? c.p.userId,
    departmentId: assignee?.departmentId ?? c.p.departmentId,
  });
  await repo.insertHistory(tx, {
    id: uuidv7(),
    tenantId: c.p.tenantId,
    opportunityId: row.id,
    kind: 'created',
    toStageId: stage.id,
    probability: row.probability,
    userId: c.p.userId,
    at: now,
  });
  await writeAudit(tx, c.actor, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: summaryOf(row),
    changes: diff(null, auditable(row)),
  });
  return row;
}

/** `POST /opportunities`: unassigned until 指派, in the first stage unless one is named. */
export async function createOpportunity(db: Db, c: Caller, input: CreateOpportunity): Promise<Opportunity> {
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, c.p, input);
    const row = await insert(tx, c, {
      title: input.title,
      customerId: input.customerId ?? null,
      prospectName: input.customerId ? null : (input.prospectName ?? null),
      productId: input.productId ?? null,
      expectedAmount: input.expectedAmount,
      probability: input.probability,
      stageId: input.stageId,
      expectedCloseDate: input.expectedCloseDate,
      contactId: input.contactId ?? null,
      sourceId: input.source ?? null,
      leadId: null,
      campaignId: input.campaignId ?? null,
      description: input.description ?? null,
    });
    return row.id;
  });
  return getOpportunity(db, c.p, id);
}

/**
 * Lead conversion's opportunity (leads call it in their transaction): for the customer the lead
 * became, linked to the lead and its campaign, developing in the converter's hands (they work the
 * lead they convert). Needs opportunities:create.
 */
export async function createFromLead(
  tx: Db,
  c: Caller,
  lead: {
    id: string;
    customerId: string;
    contactId: string | null;
    sourceId: string | null;
    campaignId: string | null;
  },
  input: ConvertOpportunityInput,
): Promise<string> {
  if (!can(c.p, 'opportunities:create')) throw forbidden();
  await checkReferences(tx, c.p, { productId: input.productId });
  const row = await insert(
    tx,
    c,
    {
      title: input.title,
      customerId: lead.customerId,
      prospectName: null,
      productId: input.productId ?? null,
      expectedAmount: input.expectedAmount,
      expectedCloseDate: input.expectedCloseDate,
      contactId: lead.contactId,
      sourceId: lead.sourceId,
      leadId: lead.id,
      campaignId: lead.campaignId,
      description: null,
    },
    { id: c.p.userId, departmentId: c.p.departmentId },
  );
  return row.id;
}

/** The opportunity made from a lead, if any (the lead's answer links it). */
export async function opportunityOfLead(db: Db, tenantId: string, leadId: string): Promise<string | null> {
  return repo.opportunityIdOfLead(db, tenantId, leadId);
}

/**
 * `PATCH /opportunities/:id` while open, with `version`. A stage move restarts the stall clock,
 * takes the new stage's probability unless one is given, and is kept in the stage history.
 */
export async function updateOpportunity(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateOpportunity,
): Promise<Opportunity> {
  if (input.customerId && input.prospectName)
    throw invalid('prospectName', 'either customerId or prospectName');
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, c.p, id, input.version);
    await checkReferences(tx, c.p, input, before);
    const values: Partial<repo.NewOpportunityRow> = {};
    if (input.title !== undefined) values.title = input.title;
    if (input.customerId) Object.assign(values, { customerId: input.customerId, prospectName: null });
    if (input.prospectName)
      Object.assign(values, { prospectName: input.prospectName, customerId: null, contactId: null });
    if (input.productId !== undefined) values.productId = input.productId;
    if (input.expectedAmount !== undefined) values.expectedAmount = normalizeMoney(input.expectedAmount);
    if (input.probability !== undefined) values.probability = input.probability;
    if (input.expectedCloseDate !== undefined) values.expectedCloseDate = input.expectedCloseDate;
    if (input.contactId !== undefined) values.contactId = input.contactId;
    if (input.source !== undefined) values.sourceId = input.source;
    if (input.campaignId !== undefined) values.campaignId = input.campaignId;
    if (input.description !== undefined) values.description = input.description;
    const moved = input.stageId !== undefined && input.stageId !== before.stageId;
    if (moved) {
      const stage = await stageByIdOrFirst(tx, c.p.tenantId, input.stageId, 'stageId');
      const now = new Date();
      Object.assign(values, { stageId: stage.id, stageChangedAt: now, stalledNotifiedAt: null });
      if (input.probability === undefined) values.probability = stage.probability;
    }
    const after = await update(tx, before, values);
    if (moved)
      await repo.insertHistory(tx, {
        id: uuidv7(),
        tenantId: c.p.tenantId,
        opportunityId: id,
        kind: 'stage',
        fromStageId: before.stageId,
        toStageId: after.stageId,
        probability: after.probability,
        userId: c.p.userId,
        at: after.stageChangedAt,
      });
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      summary: summaryOf(after),
      changes: diff(auditable(before), auditable(after)),
    });
  });
  return getOpportunity(db, c.p, id);
}

/** 指派: to an active user within the caller's scope (409 OWNER_INVALID otherwise); they are told. */
export async function assignOpportunity(
  db: Db,
  c: Caller,
  id: string,
  input: AssignOpportunity,
): Promise<Opportunity> {
  await db.transaction(async (tx) => {
    const before = await lockOpen(tx, c.p, id, input.version);
    const user = await repo.assignableUser(tx, c.p, input.userId);
    if (!user) throw new AppError('OWNER_INVALID', [{ path: 'userId', message: 'not assignable' }]);
    const after = await update(tx, before, {
      status: 'developing',
      assigneeId: user.id,
      assignedAt: new Date(),
      ownerId: user.id,
      departmentId: user.department_id,
    });
    await writeAudit(tx, c.actor, {
      action: 'assign',
      entity: ENTITY,
      entityId: id,
      summary: `${summaryOf(after)} → ${user.name}`,
      changes: diff(auditable(before), auditable(after)),
    });
    if (user.id !== c.p.userId)
      await notify(tx, {
        tenantId: c.p.tenantId,
        userId: user.id,
        kind: 'opportunity.assigned',
        data: { opportunityId: id, title: after.title, by: c.actor.userName },
        title: `销售机会指派给你：${after.title}`,
        link: `/opportunities?id=${id}`,
        entity: ENTITY,
        entityId: id,
      });
  });
  return getOpportunity(db, c.p, id);
}

/** Closing writes the history row and the audit row of a win or a loss. */
async function closed(
  tx: Db,
  actor: Actor,
  p: Principal,
  before: repo.OpportunityRow,
  after: repo.OpportunityRow,
  kind: 'won' | 'lost',
) {
  await repo.insertHistory(tx, {
    id: uuidv7(),
    tenantId: p.tenantId,
    opportunityId: after.id,
    kind,
    fromStageId: before.stageId,
    toStageId: null,
    probability: after.probability,
    userId: p.userId,
    at: after.closedAt ?? new Date(),
  });
  await writeAudit(tx, actor, {
    action: kind === 'won' ? 'win' : 'lose',
    entity: ENTITY,
    entityId: after.id,
    summary: summaryOf(after),
    changes: diff(auditable(before), auditable(after)),
  });
}

/** Only a developing opportunity closes (an unassigned one is assigned first: 409 INVALID_TRANSITION). */
async function lockDeveloping(tx: Db, p: Principal, id: string, version: number) {
  const before = await lockOpen(tx, p, id, version);
  if (before.status !== 'developing') throw new AppError('INVALID_TRANSITION');
  return before;
}

/**
 * 开发成功 (closing the development plan won). A prospect becomes a customer of the owner through
 * the customers service and its duplicate check (409 DUPLICATE_CUSTOMER with the matches), unless
 * an existing customer the caller sees is chosen; all in one transaction.
 */
export async function winOpportunity(
  db: Db,
  c: Caller,
  id: string,
  input: WinOpportunity,
): Promise<Opportunity> {
  await db.transaction(async (tx) => {
    const before = await lockDeveloping(tx, c.p, id, input.version);
    let customerId = before.customerId;
    if (!customerId) {
      if (input.existingCustomerId) {
        customerId = (await getCustomer(tx, c.p, input.existingCustomerId)).id;
      } else {
        if (!can(c.p, 'customers:create')) throw forbidden();
        const customer = await createCustomer(tx, c, {
          name: before.prospectName ?? before.title,
          sourceId: before.sourceId,
          ownerId: before.ownerId,
          force: input.force,
        });
        customerId = customer.id;
      }
    }
    const after = await update(tx, before, {
      status: 'won',
      customerId,
      probability: '100',
      closedAt: new Date(),
    });
    await closed(tx, c.actor, c.p, before, after, 'won');
  });
  return getOpportunity(db, c.p, id);
}

/** 开发失败 with a `lost-reason` dictionary item (closing the development plan lost). */
export async function loseOpportunity(
  db: Db,
  c: Caller,
  id: string,
  input: LoseOpportunity,
): Promise<Opportunity> {
  await db.transaction(async (tx) => {
    const before = await lockDeveloping(tx, c.p, id, input.version);
    await assertChoosable(tx, c.p.tenantId, 'reason', 'lost-reason', input.reason);
    const after = await update(tx, before, {
      status: 'lost',
      lostReasonId: input.reason,
      lostNote: input.note ?? null,
      probability: '0',
      closedAt: new Date(),
    });
    await closed(tx, c.actor, c.p, before, after, 'lost');
  });
  return getOpportunity(db, c.p, id);
}

/** Deleted (soft) unless won: a won deal counts in targets and campaign ROI. */
export async function deleteOpportunity(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockOpportunity(tx, c.p, id);
    if (before.status === 'won') throw new AppError('OPPORTUNITY_CLOSED');
    checkVersion(before, version);
    await update(tx, before, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: summaryOf(before),
      changes: diff(auditable(before), null),
    });
  });
}

// ---- development plan (客户开发计划) ----

function toPlanItem(r: Record<string, unknown>): OpportunityPlanItem {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    opportunityId: r.opportunity_id as string,
    dueDate: String(r.due),
    content: r.content as string,
    result: str(r.result),
    doneAt: isoOrNull(r.done_at),
    doneBy: str(r.done_by),
    doneByName: str(r.done_by_name),
    createdBy: str(r.created_by),
    createdByName: str(r.created_by_name),
  };
}

export async function listPlan(db: Db, p: Principal, id: string): Promise<OpportunityPlanItem[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.planItemsOf(db, p.tenantId, id)).map(toPlanItem);
}

const PLAN_ENTITY = 'opportunity-plan-items';

/** A dated item of what to do, while the opportunity is open. */
export async function addPlanItem(db: Db, c: Caller, id: string, input: CreatePlanItem) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    if ((await repo.planItemCount(tx, c.p.tenantId, id)) >= opportunityLimits.planItems)
      throw invalid('content', `at most ${opportunityLimits.planItems} items`);
    const row = await repo.insertPlanItem(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      opportunityId: id,
      dueDate: input.dueDate,
      content: input.content,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: PLAN_ENTITY,
      entityId: row.id,
      summary: input.content.slice(0, 100),
      changes: diff(null, { opportunityId: id, dueDate: row.dueDate, content: row.content }),
    });
  });
  return listPlan(db, c.p, id);
}

/** Change an item or record its 执行结果 (a result marks it done by the caller; null reopens it). */
export async function updatePlanItem(db: Db, c: Caller, id: string, itemId: string, input: UpdatePlanItem) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    const before = await repo.lockPlanItem(tx, c.p.tenantId, id, itemId);
    if (!before) throw notFound();
    checkVersion(before, input.version);
    const values: Parameters<typeof repo.updatePlanItem>[2] = {};
    if (input.dueDate !== undefined) values.dueDate = input.dueDate;
    if (input.content !== undefined) values.content = input.content;
    if (input.result !== undefined) {
      values.result = input.result;
      values.doneAt = input.result ? new Date() : null;
      values.doneBy = input.result ? c.p.userId : null;
    }
    const after = await repo.updatePlanItem(tx, itemId, values);
    const pick = (r: repo.PlanItemRow) => ({ dueDate: r.dueDate, content: r.content, result: r.result });
    await writeAudit(tx, c.actor, {
      action: input.result !== undefined && input.result !== before.result ? 'record-result' : 'update',
      entity: PLAN_ENTITY,
      entityId: itemId,
      summary: after.content.slice(0, 100),
      changes: diff(pick(before), pick(after)),
    });
  });
  return listPlan(db, c.p, id);
}

export async function deletePlanItem(db: Db, c: Caller, id: string, itemId: string, version: number) {
  await db.transaction(async (tx) => {
    await lockOpen(tx, c.p, id);
    const before = await repo.lockPlanItem(tx, c.p.tenantId, id, itemId);
    if (!before) throw notFound();
    checkVersion(before, version);
    await repo.updatePlanItem(tx, itemId, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: PLAN_ENTITY,
      entityId: itemId,
      summary: before.content.slice(0, 100),
    });
  });
  return listPlan(db, c.p, id);
}

// ---- pipeline, funnel, forecast ----

/** Every stage in order with its open deals' count, amount and weighted amount, within scope. */
export async function pipeline(db: Db, p: Principal, q: PipelineQuery): Promise<Pipeline> {
  const [stages, groups] = await Promise.all([repo.stagesOf(db, p.tenantId), repo.pipeline(db, p, q)]);
  const by = new Map(groups.map((g) => [g.stage_id, g]));
  return {
    data: stages.map((s) => {
      const g = by.get(s.id);
      return {
        stageId: s.id,
        name: s.name,
        position: s.position,
        probability: money(s.probability),
        count: g?.n ?? 0,
        amount: money(g?.amount ?? '0'),
        weightedAmount: money(g?.weighted ?? '0'),
      };
    }),
  };
}

export async function funnel(db: Db, c: Caller, q: FunnelQuery): Promise<Funnel> {
  if (q.from && q.to && q.to < q.from) throw invalid('to', 'must not be before from');
  const [stages, groups] = await Promise.all([
    repo.stagesOf(db, c.p.tenantId),
    repo.funnel(db, c.p, q, c.timeZone),
  ]);
  const reached = (position: number) =>
    groups.filter((g) => g.status === 'won' || (g.reached ?? 0) >= position).reduce((n, g) => n + g.n, 0);
  const won = groups.filter((g) => g.status === 'won');
  return {
    total: groups.reduce((n, g) => n + g.n, 0),
    stages: stages.map((s) => ({
      stageId: s.id,
      name: s.name,
      position: s.position,
      reached: reached(s.position),
    })),
    won: {
      count: won.reduce((n, g) => n + g.n, 0),
      amount: fromCents(won.reduce((sum, g) => sum + toCents(g.amount ?? '0'), 0n)),
    },
    lost: { count: groups.filter((g) => g.status === 'lost').reduce((n, g) => n + g.n, 0) },
  };
}

const monthText = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(d).slice(0, 7);

function addMonths(month: string, n: number) {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Month by month: won, weighted (won + open × probability) and best case (won + every open amount). */
export async function forecast(db: Db, c: Caller, q: ForecastQuery): Promise<Forecast> {
  const from = q.from ?? monthText(new Date(), c.timeZone);
  const to = q.to ?? addMonths(from, 5);
  if (to < from) throw invalid('to', 'must not be before from');
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  if (months.length > opportunityLimits.forecastMonths)
    throw invalid('to', `at most ${opportunityLimits.forecastMonths} months`);
  const rows = await repo.forecast(db, c.p, q, `${from}-01`, `${addMonths(to, 1)}-01`, c.timeZone);
  return {
    data: months.map((month) => {
      const open = rows.find((r) => r.month === month && r.kind === 'open');
      const won = rows.find((r) => r.month === month && r.kind === 'won');
      const wonCents = toCents(won?.amount ?? '0');
      return {
        month,
        openCount: open?.n ?? 0,
        wonCount: won?.n ?? 0,
        won: fromCents(wonCents),
        weighted: fromCents(wonCents + toCents(open?.weighted ?? '0')),
        bestCase: fromCents(wonCents + toCents(open?.amount ?? '0')),
      };
    }),
  };
}

// ---- stalled deals ----

/**
 * The daily job: owners hear of their open deals with no stage change, no follow-up of the
 * customer and no plan item done for the stage's stalled days — again only after as many days
 * more if nothing moves.
 */
export async function notifyStalled(db: Db): Promise<number> {
  const candidates = await repo.stalledCandidates(db);
  if (!candidates.length) return 0;
  let sent = 0;
  const byTenant = new Map<string, typeof candidates>();
  for (const r of candidates) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  for (const [tenantId, rows] of byTenant) {
    const followUps = await lastFollowUpAt(
      db,
      tenantId,
      rows.map((r) => r.customer_id).filter((v): v is string => Boolean(v)),
    );
    const planDone = await repo.lastPlanDone(
      db,
      tenantId,
      rows.map((r) => r.id),
    );
    const now = Date.now();
    const stalled = rows.filter((r) => {
      const last = lastActivity(
        {
          stage_changed_at: r.stage_changed_at,
          customer_id: r.customer_id,
          plan_done_at: planDone.get(r.id),
        },
        followUps,
      );
      return now - last.getTime() > r.stalled_days * DAY;
    });
    await db.transaction(async (tx) => {
      for (const r of stalled) {
        const delivered = await notify(tx, {
          tenantId,
          userId: r.owner_id,
          kind: 'opportunity.stalled',
          data: { opportunityId: r.id, title: r.title, stage: r.stage_name, days: r.stalled_days },
          title: `销售机会停滞：${r.title}（${r.stage_name}，超过 ${r.stalled_days} 天无进展）`,
          link: `/opportunities?id=${r.id}`,
          entity: ENTITY,
          entityId: r.id,
          dedupeKey: `opportunity.stalled:${r.id}:${new Date().toISOString().slice(0, 10)}`,
        });
        if (delivered) sent++;
      }
      await repo.markStalledNotified(
        tx,
        stalled.map((r) => r.id),
      );
    });
  }
  return sent;
}

/** On a customer's 360 timeline: its opportunities the caller sees (opportunities:view, in scope). */
export const opportunitiesOnTimeline = (p: Principal) =>
  can(p, 'opportunities:view') && repo.opportunityScope(p, 'x');
