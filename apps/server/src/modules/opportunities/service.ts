import {
  type AssignOpportunity,
  type ConvertOpportunityInput,
  type CreateOpportunity,
  type ListResponse,
  type LoseOpportunity,
  normalizeMoney,
  type Opportunity,
  type OpportunityListQuery,
  type OpportunityStageChange,
  type UpdateOpportunity,
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
import { createCustomer, getCustomer } from '../customers/service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { notify } from '../notifications/service.ts';
import { productsByIds } from '../products/published.ts';
import { isOpen, iso, money, str, toOpportunities } from './answers.ts';
import * as repo from './repository.ts';
import { stageByIdOrFirst } from './stages-service.ts';

export const ENTITY = 'opportunities';

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

/**
 * …and still open: a won or lost one is closed (409 OPPORTUNITY_CLOSED). Also the development
 * plan's (plan-service.ts) check before its items change.
 */
export async function lockOpen(tx: Db, p: Principal, id: string, version?: number) {
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

/** On a customer's 360 timeline: its opportunities the caller sees (opportunities:view, in scope). */
export const opportunitiesOnTimeline = (p: Principal) =>
  can(p, 'opportunities:view') && repo.opportunityScope(p, 'x');
