import type { CreateTicketRule, TicketRule, UpdateTicketRule } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoOf } from '../../platform/dates.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as repo from './repository.ts';

const RULE_ENTITY = 'ticket-rules';

// 分配规则: which department's people a new ticket goes to (by type and the customer's region), round-robin

const str = (v: unknown) => (v as string | null) ?? null;

function toRule(r: Record<string, unknown>): TicketRule {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: isoOf(r.created_at) as string,
    updatedAt: isoOf(r.updated_at) as string,
    name: r.name as string,
    priority: Number(r.priority),
    typeId: str(r.type_id),
    typeName: str(r.type_name),
    regionId: str(r.region_id),
    regionName: str(r.region_name),
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

async function checkRefs(
  tx: Db,
  tenantId: string,
  v: { typeId?: string | null; regionId?: string | null; departmentId?: string },
) {
  if (v.typeId && !(await repo.dictionaryItemExists(tx, tenantId, 'service-type', v.typeId)))
    throw invalid('typeId', 'not a service type');
  if (v.regionId && !(await repo.dictionaryItemExists(tx, tenantId, 'region', v.regionId)))
    throw invalid('regionId', 'not a region');
  if (v.departmentId && !(await repo.departmentExists(tx, tenantId, v.departmentId)))
    throw invalid('departmentId', 'no such department');
}

const ruleAuditable = (r: repo.TicketRuleRow) => ({
  name: r.name,
  priority: r.priority,
  typeId: r.typeId,
  regionId: r.regionId,
  departmentId: r.departmentId,
  active: r.active,
});

export async function createRule(db: Db, c: Caller, input: CreateTicketRule): Promise<TicketRule> {
  const id = await db.transaction(async (tx) => {
    await checkRefs(tx, c.p.tenantId, input);
    const row = await repo.insertRule(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      name: input.name,
      priority: input.priority ?? 0,
      typeId: input.typeId ?? null,
      regionId: input.regionId ?? null,
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

export async function updateRule(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateTicketRule,
): Promise<TicketRule> {
  const { version, ...values } = input;
  await db.transaction(async (tx) => {
    const before = await repo.findRule(tx, c.p.tenantId, id, true);
    if (!before) throw notFound();
    checkVersion(before, version);
    await checkRefs(tx, c.p.tenantId, values);
    const after = await requireUpdated(await repo.updateRule(tx, id, version, values), async () => true);
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
