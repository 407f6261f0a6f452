import {
  type CreateMarketingPlan,
  type ListResponse,
  type MarketingPlan,
  type MarketingPlanListQuery,
  normalizeMoney,
  type PlanFeedbackInput,
  type PlanGoalKind,
  type PlanReviewStatus,
  planLimits,
  type ReviewMarketingPlan,
  sumMoney,
  type UpdateMarketingPlan,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { dateText, isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import type { ApprovalOutcome } from '../approvals/service.ts';
import { submitForApproval } from '../approvals/submit-service.ts';
import { countCheckInsByPlan } from '../check-ins/service.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { customerVisible } from '../customers/service.ts';
import { executionOf, money, resultsOf } from './figures.ts';
import { notifyPlanPeople } from './notices.ts';
import * as repo from './repository.ts';

export const ENTITY = 'marketing-plans';
export const DOCUMENT_TYPE = 'marketing-plan';

// ---- answers ----

type Extras = {
  customers: Map<string, { id: string; name: string }[]>;
  checkIns: Map<string, number>;
  today: string;
};

function toPlan(p: Principal, r: Record<string, unknown>, x: Extras): MarketingPlan {
  const id = r.id as string;
  const mine = r.owner_id === p.userId;
  const own = mine || r.created_by === p.userId;
  const status = r.review_status as PlanReviewStatus;
  const feedbackStatus = r.feedback_status as MarketingPlan['feedbackStatus'];
  const { results, attainment } = resultsOf(
    r.goals as { kind: string; target: string }[],
    r.results as { kind: string; actual: string }[],
  );
  const customers = x.customers.get(id) ?? [];
  const editable = ['unreviewed', 'returned', 'rejected'].includes(status);
  return {
    id,
    version: r.version as number,
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    number: r.number as string,
    type: r.type as MarketingPlan['type'],
    subType: r.sub_type_id as string,
    subTypeName: (r.sub_type_name as string | null) ?? '',
    title: r.title as string,
    startDate: dateText(r.start_date),
    endDate: dateText(r.end_date),
    regionCode: (r.region_code as string | null) ?? null,
    regionName: (r.region_name as string | null) ?? null,
    customerIds: customers.map((c) => c.id),
    customers,
    goals: r.goals as MarketingPlan['goals'],
    expenses: r.expenses as MarketingPlan['expenses'],
    budget: money(r.budget)!,
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    reviewStatus: status,
    approvalId: (r.approval_id as string | null) ?? null,
    reviewedBy: (r.reviewed_by as string | null) ?? null,
    reviewedByName: (r.reviewed_by_name as string | null) ?? null,
    reviewedAt: isoOf(r.reviewed_at),
    reviewComment: (r.review_comment as string | null) ?? null,
    execution: executionOf(r as Parameters<typeof executionOf>[0], x.today),
    feedbackStatus,
    results,
    actualExpenses: money(r.actual_expenses),
    feedbackNotes: (r.feedback_notes as string | null) ?? null,
    feedbackSubmittedAt: isoOf(r.feedback_submitted_at),
    checkInCount: x.checkIns.get(id) ?? 0,
    attainment,
    canEdit: editable && can(p, 'marketing-plans:edit'),
    canReview: status === 'unreviewed' && !own && can(p, 'marketing-plans:review'),
    canFeedback: mine && status === 'approved' && feedbackStatus !== 'submitted',
    canDelete: editable && can(p, 'marketing-plans:delete'),
  };
}

async function extrasOf(
  db: Db,
  tenantId: string,
  rows: Record<string, unknown>[],
  timeZone: string,
): Promise<Extras> {
  const ids = rows.map((r) => r.id as string);
  const [customerIds, checkIns] = await Promise.all([
    repo.customerIdsOf(db, tenantId, ids),
    countCheckInsByPlan(db, tenantId, ids),
  ]);
  const { customers: names } = await customerAndContactNames(
    db,
    tenantId,
    [...customerIds.values()].flat(),
    [],
  );
  const customers = new Map(
    [...customerIds].map(([planId, list]) => [planId, list.map((id) => ({ id, name: names.get(id) ?? '' }))]),
  );
  return { customers, checkIns, today: todayIn(timeZone) };
}

// ---- reads ----

export async function listPlans(
  db: Db,
  c: Caller,
  q: MarketingPlanListQuery,
): Promise<ListResponse<MarketingPlan>> {
  const page = await repo.listPlans(db, c.p, q);
  const x = await extrasOf(db, c.p.tenantId, page.data, c.timeZone);
  return { ...page, data: page.data.map((r) => toPlan(c.p, r, x)) };
}

export async function getPlan(db: Db, c: Caller, id: string): Promise<MarketingPlan> {
  const row = await repo.findVisible(db, c.p, id);
  if (!row) throw notFound();
  return toPlan(c.p, row, await extrasOf(db, c.p.tenantId, [row], c.timeZone));
}

/** The approval engine and files: whoever sees the plan (view permission and scope). */
export async function planVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'marketing-plans:view') && Boolean(await repo.findVisible(db, p, id));
}

/** Files on a plan (its feedback's attachments): its executor, until the feedback is submitted. */
export async function planChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  const row = await repo.lockVisible(tx, p, id);
  return Boolean(row && row.ownerId === p.userId && row.feedbackStatus !== 'submitted');
}

// ---- writes ----

type PlanFields = Omit<CreateMarketingPlan, 'goals'> & { goals?: CreateMarketingPlan['goals'] };

/** Goals: each kind once; counts whole, amounts money (decimal strings from here on). */
function goalValues(goals: { kind: PlanGoalKind; target: number | string }[], path: string) {
  const seen = new Set<string>();
  return goals.map((g, i) => {
    if (seen.has(g.kind)) throw invalid(`${path}.${i}.kind`, 'each goal kind once');
    seen.add(g.kind);
    return { kind: g.kind, target: goalNumber(g.kind, g.target, `${path}.${i}`) };
  });
}

function goalNumber(kind: PlanGoalKind, value: number | string, path: string): string {
  if (kind === 'amount') return normalizeMoney(String(value));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > planLimits.count)
    throw invalid(path, `a whole number 0–${planLimits.count}`);
  return String(n);
}

/** Sub-type under the type, region, dates, executor and target customers: checked against the data. */
async function resolveFields(db: Db, p: Principal, input: PlanFields, before?: repo.PlanRow) {
  const type = input.type ?? before!.type;
  const subTypeKey =
    input.subType ?? (input.type && input.type !== before?.type ? undefined : before?.subTypeId);
  if (!subTypeKey) throw invalid('subType', 'a sub-type of the type');
  const subType = await repo.findSubType(db, p.tenantId, type, subTypeKey);
  if (!subType) throw new AppError('DICTIONARY_ITEM_MISMATCH', [{ path: 'subType', message: 'plan-type' }]);
  if (!subType.valid && subType.id !== before?.subTypeId)
    throw new AppError('DICTIONARY_ITEM_INVALID', [{ path: 'subType', message: subType.name }]);
  const startDate = input.startDate ?? before!.startDate;
  const endDate = input.endDate ?? before!.endDate;
  if (endDate < startDate) throw invalid('endDate', 'on or after startDate');
  if ((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000 >= planLimits.days)
    throw invalid('endDate', `a plan spans at most ${planLimits.days} days`);
  if (input.regionCode && !(await repo.regionExists(db, p.tenantId, input.regionCode)))
    throw new AppError('DICTIONARY_ITEM_MISMATCH', [{ path: 'regionCode', message: 'region' }]);
  let owner = before
    ? { id: before.ownerId, department_id: before.departmentId }
    : { id: p.userId, department_id: p.departmentId };
  if (input.ownerId && input.ownerId !== owner.id) {
    const found =
      input.ownerId === p.userId
        ? { id: p.userId, department_id: p.departmentId }
        : await repo.executorInScope(db, p, input.ownerId);
    if (!found) throw new AppError('OWNER_INVALID', [{ path: 'ownerId', message: 'not assignable' }]);
    owner = found;
  }
  const customerIds = input.customerIds ? [...new Set(input.customerIds)] : undefined;
  for (const [i, id] of (customerIds ?? []).entries())
    if (!(await customerVisible(db, p, id))) throw invalid(`customerIds.${i}`, 'not a customer you see');
  const goals = input.goals ? goalValues(input.goals, 'goals') : undefined;
  const expenses = input.expenses?.map((e) => ({ item: e.item, amount: normalizeMoney(e.amount) }));
  return { type, subTypeId: subType.id, startDate, endDate, owner, customerIds, goals, expenses };
}

const auditable = (r: repo.PlanRow) => ({
  type: r.type,
  subTypeId: r.subTypeId,
  title: r.title,
  startDate: r.startDate,
  endDate: r.endDate,
  regionCode: r.regionCode,
  goals: JSON.stringify(r.goals),
  expenses: JSON.stringify(r.expenses),
  budget: r.budget,
  ownerId: r.ownerId,
  reviewStatus: r.reviewStatus,
  feedbackStatus: r.feedbackStatus,
  results: JSON.stringify(r.results),
  actualExpenses: r.actualExpenses,
  feedbackNotes: r.feedbackNotes,
});

const label = (r: Pick<repo.PlanRow, 'number' | 'title'>) => `${r.number} ${r.title}`;

/**
 * Into review: a plan with expenses goes to the approval engine when a flow of its type, amount
 * and department exists (`in-approval`); else, and without expenses, to the reviewers' 未审核 queue.
 */
async function submit(tx: Db, c: Caller, row: repo.PlanRow): Promise<repo.PlanRow> {
  const approval =
    Number(row.budget) > 0
      ? await submitForApproval(tx, c, {
          documentType: DOCUMENT_TYPE,
          documentId: row.id,
          title: label(row),
          amount: normalizeMoney(row.budget),
          departmentId: row.departmentId,
        })
      : null;
  const after = await repo.updatePlan(tx, row.id, {
    reviewStatus: approval ? 'in-approval' : 'unreviewed',
    approvalId: approval?.approvalId ?? null,
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
  });
  if (!approval) await notifyPlanPeople(tx, after, 'unreviewed');
  return after;
}

/** `POST /marketing-plans`: numbered (JH…), then into review. */
export async function createPlan(db: Db, c: Caller, input: CreateMarketingPlan): Promise<MarketingPlan> {
  const { p, actor } = c;
  const f = await resolveFields(db, p, input);
  const id = await db.transaction(async (tx) => {
    const expenses = f.expenses ?? [];
    const row = await repo.insertPlan(tx, {
      id: uuidv7(),
      tenantId: p.tenantId,
      createdBy: p.userId,
      number: await nextNumber(tx, p.tenantId, 'plan', c.timeZone),
      type: f.type,
      subTypeId: f.subTypeId,
      title: input.title,
      startDate: f.startDate,
      endDate: f.endDate,
      regionCode: input.regionCode ?? null,
      goals: f.goals ?? [],
      expenses,
      budget: sumMoney(expenses.map((e) => e.amount)),
      ownerId: f.owner.id,
      departmentId: f.owner.department_id,
      reviewStatus: 'unreviewed',
    });
    await repo.setCustomers(tx, p.tenantId, row.id, f.customerIds ?? []);
    await writeAudit(tx, actor, { action: 'create', entity: ENTITY, entityId: row.id, summary: label(row) });
    await submit(tx, c, row);
    return row.id;
  });
  return getPlan(db, c, id);
}

/** The plan in the caller's scope, locked, at `version`; 404 / 409 otherwise. */
async function lockAt(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

const editable = (row: repo.PlanRow) => {
  if (!['unreviewed', 'returned', 'rejected'].includes(row.reviewStatus))
    throw new AppError('PLAN_NOT_EDITABLE');
};

/** `PATCH`: while not in approval nor approved; a returned or rejected plan goes into review again. */
export async function updatePlan(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateMarketingPlan,
): Promise<MarketingPlan> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, p, id, input.version);
    editable(before);
    const f = await resolveFields(tx, p, input as PlanFields, before);
    let after = await repo.updatePlan(tx, id, {
      type: f.type,
      subTypeId: f.subTypeId,
      title: input.title ?? before.title,
      startDate: f.startDate,
      endDate: f.endDate,
      ...(input.regionCode !== undefined ? { regionCode: input.regionCode } : {}),
      ...(f.goals ? { goals: f.goals } : {}),
      ...(f.expenses ? { expenses: f.expenses, budget: sumMoney(f.expenses.map((e) => e.amount)) } : {}),
      ownerId: f.owner.id,
      departmentId: f.owner.department_id,
    });
    if (f.customerIds) await repo.setCustomers(tx, p.tenantId, id, f.customerIds);
    if (before.reviewStatus !== 'unreviewed') after = await submit(tx, c, after);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: label(after) },
      auditable(before),
      auditable(after),
    );
  });
  return getPlan(db, c, id);
}

export async function deletePlan(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, version);
    editable(before);
    await repo.updatePlan(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, { action: 'delete', entity: ENTITY, entityId: id, summary: label(before) });
  });
}

/** 审核 (a plan without an approval flow): by a reviewer in scope, never of their own plan. */
export async function reviewPlan(
  db: Db,
  c: Caller,
  id: string,
  input: ReviewMarketingPlan,
): Promise<MarketingPlan> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, p, id, input.version);
    if (before.ownerId === p.userId || before.createdBy === p.userId) throw new AppError('OWN_SUBMISSION');
    if (before.reviewStatus !== 'unreviewed') throw new AppError('CONFLICT');
    const after = await repo.updatePlan(tx, id, {
      reviewStatus: input.decision === 'approve' ? 'approved' : 'rejected',
      reviewedBy: p.userId,
      reviewedAt: new Date(),
      reviewComment: input.comment || null,
    });
    await writeAudit(tx, actor, {
      action: input.decision === 'approve' ? 'approve' : 'reject',
      entity: ENTITY,
      entityId: id,
      summary: input.comment ? `${label(after)}：${input.comment}` : label(after),
      changes: { reviewStatus: [before.reviewStatus, after.reviewStatus] },
    });
    await notifyPlanPeople(tx, after, after.reviewStatus, p.name);
  });
  return getPlan(db, c, id);
}

const outcomeStatus: Record<ApprovalOutcome, PlanReviewStatus> = {
  approved: 'approved',
  rejected: 'rejected',
  returned: 'returned',
  // withdrawn by its submitter: back for changes, resubmitted by saving it
  withdrawn: 'returned',
};

/** The approval engine settled the plan's approval (manifest `approvalDocuments`). */
export async function onApprovalDecided(
  tx: Db,
  e: { tenantId: string; documentId: string; outcome: ApprovalOutcome; actor: Actor; comment: string | null },
) {
  const before = await repo.lockById(tx, e.tenantId, e.documentId);
  if (before?.reviewStatus !== 'in-approval') return;
  const after = await repo.updatePlan(tx, before.id, {
    reviewStatus: outcomeStatus[e.outcome],
    reviewedBy: e.actor.userId,
    reviewedAt: new Date(),
    reviewComment: e.comment,
  });
  await writeAudit(tx, e.actor, {
    action: e.outcome,
    entity: ENTITY,
    entityId: before.id,
    summary: e.comment ? `${label(after)}：${e.comment}` : label(after),
    changes: { reviewStatus: [before.reviewStatus, after.reviewStatus] },
  });
  if (e.actor.userId !== before.ownerId)
    await notifyPlanPeople(tx, after, after.reviewStatus, e.actor.userName ?? '');
}

// ---- feedback ----

/** The executor's feedback: only theirs, only of an approved plan, never once submitted. */
async function lockForFeedback(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  if (row.feedbackStatus === 'submitted') throw new AppError('FEEDBACK_LOCKED');
  if (row.ownerId !== p.userId) throw forbidden();
  if (row.reviewStatus !== 'approved') throw new AppError('PLAN_NOT_APPROVED');
  checkVersion(row, version);
  return row;
}

/** `PUT …/feedback`: results per goal, actual expenses, notes — a draft until submitted. */
export async function saveFeedback(
  db: Db,
  c: Caller,
  id: string,
  input: PlanFeedbackInput,
): Promise<MarketingPlan> {
  await db.transaction(async (tx) => {
    const before = await lockForFeedback(tx, c.p, id, input.version);
    const seen = new Set<string>();
    const results = (input.results ?? []).map((r, i) => {
      if (seen.has(r.kind)) throw invalid(`results.${i}.kind`, 'each goal kind once');
      seen.add(r.kind);
      return { kind: r.kind, actual: goalNumber(r.kind, r.actual, `results.${i}.actual`) };
    });
    const { attainment } = resultsOf(before.goals, results);
    const after = await repo.updatePlan(tx, id, {
      feedbackStatus: 'draft',
      results,
      actualExpenses: input.actualExpenses == null ? null : normalizeMoney(input.actualExpenses),
      feedbackNotes: input.notes ?? null,
      attainment: attainment === null ? null : String(attainment),
    });
    await auditUpdate(
      tx,
      c.actor,
      { entity: ENTITY, entityId: id, summary: label(after) },
      auditable(before),
      auditable(after),
    );
  });
  return getPlan(db, c, id);
}

/** `POST …/feedback/submit`: locks the feedback (and closes the plan's 活动签到). */
export async function submitFeedback(db: Db, c: Caller, id: string, version: number): Promise<MarketingPlan> {
  await db.transaction(async (tx) => {
    const before = await lockForFeedback(tx, c.p, id, version);
    if (before.feedbackStatus !== 'draft') throw invalid('results', 'save the feedback before submitting it');
    const after = await repo.updatePlan(tx, id, {
      feedbackStatus: 'submitted',
      feedbackSubmittedAt: new Date(),
    });
    await writeAudit(tx, c.actor, {
      action: 'submit',
      entity: ENTITY,
      entityId: id,
      summary: label(after),
      changes: { feedbackStatus: [before.feedbackStatus, after.feedbackStatus] },
    });
    await notifyPlanPeople(tx, after, 'feedback', c.p.name);
  });
  return getPlan(db, c, id);
}

export { sendReviewDigests } from './notices.ts';
export { planSummary } from './summary.ts';
