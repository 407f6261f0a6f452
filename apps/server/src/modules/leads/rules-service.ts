import type { CreateLeadRule, LeadRule, UpdateLeadRule } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as repo from './repository.ts';
import { checkReferences, iso, str } from './service.ts';

const RULE_ENTITY = 'lead-rules';

// 分配规则: which department's people a new lead goes to (round-robin), kept apart from the leads themselves

function toRule(r: Record<string, unknown>): LeadRule {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    name: r.name as string,
    priority: Number(r.priority),
    regionCode: str(r.region_code),
    sourceId: str(r.source_id),
    campaignId: str(r.campaign_id),
    departmentId: r.department_id as string,
    departmentName: str(r.department_name),
    active: Boolean(r.active),
  };
}

export async function listRules(db: Db, p: Principal) {
  return (await repo.listRules(db, p.tenantId)).map(toRule);
}

async function getRule(db: Db, p: Principal, id: string) {
  const rule = (await listRules(db, p)).find((r) => r.id === id);
  if (!rule) throw notFound();
  return rule;
}

async function checkDepartment(tx: Db, tenantId: string, departmentId: string | undefined) {
  if (!departmentId) return;
  if (!(await repo.departmentExists(tx, tenantId, departmentId)))
    throw invalid('departmentId', 'no such department');
}

const ruleAuditable = (r: repo.LeadRuleRow) => ({
  name: r.name,
  priority: r.priority,
  regionCode: r.regionCode,
  sourceId: r.sourceId,
  campaignId: r.campaignId,
  departmentId: r.departmentId,
  active: r.active,
});

export async function createRule(db: Db, c: Caller, input: CreateLeadRule): Promise<LeadRule> {
  const id = await db.transaction(async (tx) => {
    await checkReferences(tx, c.p.tenantId, input, 'sourceId');
    await checkDepartment(tx, c.p.tenantId, input.departmentId);
    const row = await repo.insertRule(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      name: input.name,
      priority: input.priority ?? 0,
      regionCode: input.regionCode ?? null,
      sourceId: input.sourceId ?? null,
      campaignId: input.campaignId ?? null,
      departmentId: input.departmentId,
      active: input.active ?? true,
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: RULE_ENTITY,
      entityId: row.id,
      summary: row.name,
      changes: diff(null, ruleAuditable(row)),
    });
    return row.id;
  });
  return getRule(db, c.p, id);
}

export async function updateRule(db: Db, c: Caller, id: string, input: UpdateLeadRule): Promise<LeadRule> {
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await repo.findRule(tx, c.p.tenantId, id, true);
    if (!before) throw notFound();
    checkVersion(before, version);
    await checkReferences(tx, c.p.tenantId, values, 'sourceId', before);
    await checkDepartment(tx, c.p.tenantId, values.departmentId);
    const rows = await repo.updateRule(tx, id, version, values);
    const after = await requireUpdated(rows, async () => true);
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: RULE_ENTITY,
      entityId: id,
      summary: after.name,
      changes: diff(ruleAuditable(before), ruleAuditable(after)),
    });
  });
  return getRule(db, c.p, id);
}

export async function deleteRule(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await repo.findRule(tx, c.p.tenantId, id, true);
    if (!before) throw notFound();
    checkVersion(before, version);
    await repo.updateRule(tx, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: RULE_ENTITY,
      entityId: id,
      summary: before.name,
    });
  });
}
