import type {
  ApprovalDocumentType,
  ApprovalFlow,
  ApprovalFlowStep,
  CreateApprovalFlow,
  createApprovalFlow,
  ListResponse,
  UpdateApprovalFlow,
} from '@guanxi/contract';
import type { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import * as people from './people-repository.ts';
import * as repo from './repository.ts';
import { FLOW_ENTITY, iso } from './service.ts';

// 审批流程: the flows an admin keeps — each change a new version, approvals in flight keep theirs

type FlowInput = z.infer<typeof createApprovalFlow>;

/** The ids a flow names (roles, users, departments), for display and checks. */
function referencedIds(steps: ApprovalFlowStep[], departmentIds: string[]) {
  const roles = new Set<string>();
  const users = new Set<string>();
  for (const s of steps) {
    if (s.kind === 'role') roles.add(s.roleId);
    if (s.kind === 'supervisor' && s.untilRoleId) roles.add(s.untilRoleId);
    if (s.kind === 'users') for (const u of s.userIds) users.add(u);
  }
  return { roles: [...roles], users: [...users], departments: [...new Set(departmentIds)] };
}

/** Every role, user and department a flow names exists in the tenant (else 400 on its path). */
async function checkReferences(db: Db, tenantId: string, steps: ApprovalFlowStep[], departmentIds: string[]) {
  const ids = referencedIds(steps, departmentIds);
  const [roles, users, departments] = await Promise.all([
    people.existing(db, tenantId, 'roles', ids.roles),
    people.existing(db, tenantId, 'users', ids.users),
    people.existing(db, tenantId, 'departments', ids.departments),
  ]);
  for (const [i, s] of steps.entries()) {
    if (s.kind === 'role' && !roles.has(s.roleId)) throw invalid(`steps.${i}.roleId`, 'no such role');
    if (s.kind === 'supervisor' && s.untilRoleId && !roles.has(s.untilRoleId))
      throw invalid(`steps.${i}.untilRoleId`, 'no such role');
    if (s.kind === 'users')
      for (const [j, u] of s.userIds.entries())
        if (!users.has(u)) throw invalid(`steps.${i}.userIds.${j}`, 'no such user');
  }
  for (const [i, d] of departmentIds.entries())
    if (!departments.has(d)) throw invalid(`conditions.departmentIds.${i}`, 'no such department');
}

/** Steps as stored: defaults filled in, user lists without repeats. */
function normaliseSteps(steps: ApprovalFlowStep[]): ApprovalFlowStep[] {
  return steps.map((s) => {
    if (s.kind === 'supervisor')
      return s.untilRoleId
        ? { kind: s.kind, untilRoleId: s.untilRoleId }
        : { kind: s.kind, levels: s.levels ?? 1 };
    if (s.kind === 'role') return { kind: s.kind, roleId: s.roleId, mode: s.mode ?? 'any' };
    return { kind: s.kind, userIds: [...new Set(s.userIds)], mode: s.mode };
  });
}

async function toFlows(db: Db, tenantId: string, rows: repo.FlowRow[]): Promise<ApprovalFlow[]> {
  const all = rows.map((r) => referencedIds(r.steps, r.departmentIds));
  const names = await people.namesOf(db, tenantId, [
    ...new Set(all.flatMap((x) => [...x.roles, ...x.users, ...x.departments])),
  ]);
  return rows.map((r, i) => ({
    id: r.id,
    version: r.version,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
    name: r.name,
    documentType: r.documentType as ApprovalDocumentType,
    conditions: { minAmount: r.minAmount, maxAmount: r.maxAmount, departmentIds: r.departmentIds },
    steps: r.steps,
    active: r.active,
    names: Object.fromEntries(
      [...all[i].roles, ...all[i].users, ...all[i].departments].map((id) => [id, names.get(id) ?? '']),
    ),
  }));
}

/** Flow rows of a raw list page (snake_case) as the Drizzle row. */
const flowFromRaw = (r: Record<string, unknown>): repo.FlowRow => ({
  id: r.id as string,
  tenantId: r.tenant_id as string,
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
  createdBy: (r.created_by as string | null) ?? null,
  version: r.version as number,
  name: r.name as string,
  documentType: r.document_type as string,
  minAmount: (r.min_amount as string | null) ?? null,
  maxAmount: (r.max_amount as string | null) ?? null,
  departmentIds: (typeof r.department_ids === 'string'
    ? (r.department_ids as string).replace(/[{}]/g, '').split(',').filter(Boolean)
    : (r.department_ids as string[])) as string[],
  steps: (typeof r.steps === 'string' ? JSON.parse(r.steps) : r.steps) as ApprovalFlowStep[],
  active: r.active as boolean,
  deletedAt: null,
});

export async function listFlows(
  db: Db,
  p: Principal,
  q: { page: number; pageSize: number; cursor?: string; sort?: string; q?: string; documentType?: string },
): Promise<ListResponse<ApprovalFlow>> {
  const page = await repo.listFlows(db, p.tenantId, q);
  return { ...page, data: await toFlows(db, p.tenantId, page.data.map(flowFromRaw)) };
}

export async function getFlow(db: Db, p: Principal, id: string): Promise<ApprovalFlow> {
  const row = await repo.findFlow(db, p.tenantId, id);
  if (!row) throw notFound();
  return (await toFlows(db, p.tenantId, [row]))[0];
}

function flowValues(body: Partial<FlowInput>) {
  const v: Partial<repo.FlowRow> = {};
  if (body.name !== undefined) v.name = body.name;
  if (body.documentType !== undefined) v.documentType = body.documentType;
  if (body.steps !== undefined) v.steps = normaliseSteps(body.steps);
  if (body.active !== undefined) v.active = body.active;
  if (body.conditions !== undefined) {
    v.minAmount = body.conditions.minAmount ?? null;
    v.maxAmount = body.conditions.maxAmount ?? null;
    v.departmentIds = [...new Set(body.conditions.departmentIds ?? [])];
  }
  return v;
}

export async function createFlow(db: Db, c: Caller, body: CreateApprovalFlow): Promise<ApprovalFlow> {
  const values = flowValues({ conditions: {}, ...(body as FlowInput) });
  await checkReferences(db, c.p.tenantId, values.steps!, values.departmentIds!);
  const id = await db.transaction((tx) =>
    storeNewFlow(tx, c.actor, {
      ...values,
      name: values.name!,
      documentType: values.documentType!,
      steps: values.steps!,
    }),
  );
  return getFlow(db, c.p, id);
}

/** Inserts a flow and its first version, audited (the HTTP create and the demo seed). */
export async function storeNewFlow(
  tx: Db,
  actor: Actor,
  values: Pick<repo.FlowRow, 'name' | 'documentType' | 'steps'> & Partial<repo.FlowRow>,
): Promise<string> {
  const id = uuidv7();
  const row = await repo.insertFlow(tx, {
    id,
    tenantId: actor.tenantId,
    createdBy: actor.userId,
    name: values.name,
    documentType: values.documentType,
    steps: values.steps,
    minAmount: values.minAmount ?? null,
    maxAmount: values.maxAmount ?? null,
    departmentIds: values.departmentIds ?? [],
    active: values.active ?? true,
  });
  await repo.insertFlowVersion(tx, {
    tenantId: actor.tenantId,
    flowId: id,
    version: row.version,
    name: row.name,
    steps: row.steps,
    createdBy: actor.userId,
  });
  await writeAudit(tx, actor, {
    action: 'create',
    entity: FLOW_ENTITY,
    entityId: id,
    summary: row.name,
    changes: diff(null, flowAudit(row)),
  });
  return id;
}

const flowAudit = (r: repo.FlowRow) => ({
  name: r.name,
  documentType: r.documentType,
  minAmount: r.minAmount,
  maxAmount: r.maxAmount,
  departmentIds: r.departmentIds,
  steps: r.steps,
  active: r.active,
});

/** A change is a new version: approvals already started keep running the version they began with. */
export async function updateFlow(
  db: Db,
  c: Caller,
  id: string,
  body: UpdateApprovalFlow,
): Promise<ApprovalFlow> {
  const tenantId = c.p.tenantId;
  const current = await repo.findFlow(db, tenantId, id);
  if (!current) throw notFound();
  const { version, ...rest } = body as Partial<FlowInput> & { version: number };
  const values = flowValues(rest);
  await checkReferences(
    db,
    tenantId,
    values.steps ?? current.steps,
    values.departmentIds ?? current.departmentIds,
  );
  const min = values.minAmount !== undefined ? values.minAmount : current.minAmount;
  const max = values.maxAmount !== undefined ? values.maxAmount : current.maxAmount;
  if (min && max && Number(min) > Number(max))
    throw invalid('conditions.maxAmount', 'must not be below the minimum');
  await db.transaction(async (tx) => {
    const updated = await requireUpdated(await repo.updateFlow(tx, tenantId, id, version, values), async () =>
      Boolean(await repo.findFlow(tx, tenantId, id)),
    );
    await repo.insertFlowVersion(tx, {
      tenantId,
      flowId: id,
      version: updated.version,
      name: updated.name,
      steps: updated.steps,
      createdBy: c.p.userId,
    });
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: FLOW_ENTITY,
      entityId: id,
      summary: updated.name,
      changes: diff(flowAudit(current), flowAudit(updated)),
    });
  });
  return getFlow(db, c.p, id);
}

/** Deleting a flow stops new approvals with it; those in flight carry on with their version. */
export async function deleteFlow(db: Db, c: Caller, id: string, version: number): Promise<void> {
  const tenantId = c.p.tenantId;
  await db.transaction(async (tx) => {
    const row = await requireUpdated(
      await repo.updateFlow(tx, tenantId, id, version, { deletedAt: new Date() }),
      async () => Boolean(await repo.findFlow(tx, tenantId, id)),
    );
    await writeAudit(tx, c.actor, { action: 'delete', entity: FLOW_ENTITY, entityId: id, summary: row.name });
  });
}
