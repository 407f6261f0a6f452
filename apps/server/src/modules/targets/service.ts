import {
  type Attainment,
  type AttainmentRow,
  type CreateTarget,
  fromCents,
  type SplitTarget,
  type Target,
  type TargetBasis,
  type TargetPeriod,
  type TargetSettings,
  targetPeriodEnd,
  toCents,
  type UpdateTarget,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { auditUpdate, writeAudit } from '../../platform/audit.ts';
import { can, type Principal, scopeOf } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { salesFacts as opportunityFacts } from '../opportunities/published.ts';
import { salesFacts as orderFacts } from '../orders/published.ts';
import { salesFacts as paymentFacts } from '../receivables/published.ts';
import * as repo from './repository.ts';

const ENTITY = 'targets';

type Fact = { userId: string; departmentId: string; amount: string; count: number };
/** Where attainment's actuals come from, per the tenant's basis. */
const factsOf: Record<TargetBasis, (db: Db, tenantId: string, from: Date, to: Date) => Promise<Fact[]>> = {
  opportunities: opportunityFacts,
  orders: orderFacts,
  payments: paymentFacts,
};

const toTarget = (r: repo.TargetRow): Target => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  period: r.period,
  start: r.start,
  departmentId: r.departmentId,
  departmentName: r.departmentName,
  userId: r.userId,
  userName: r.userName,
  amount: r.amount,
  count: r.count,
});

const auditable = (r: { amount: string | null; count: number | null }) => ({
  amount: r.amount,
  count: r.count,
});
const summaryOf = (r: {
  period: string;
  start: string;
  departmentName?: string | null;
  userName?: string | null;
}) => `${r.period} ${r.start} ${r.departmentName ?? r.userName ?? ''}`.trim();

// ---- reads ----

export async function listTargets(db: Db, p: Principal, q: { period: TargetPeriod; start: string }) {
  return (await repo.listVisible(db, p, q.period, q.start)).map(toTarget);
}

export async function getTarget(db: Db, p: Principal, id: string): Promise<Target> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toTarget(row);
}

// ---- writes ----

type Subject = { departmentId?: string | null; userId?: string | null };

/**
 * The subject exists (a department not deleted, a person who has not left — else 400 on its field)
 * and lies in the caller's targets scope (else 404, as a record out of scope). Answers the
 * department whose allocation it is part of (a department's parent, a person's department).
 */
async function checkSubject(
  db: Db,
  p: Principal,
  s: Subject,
  path = '',
): Promise<{ parent: string | null; name: string }> {
  let found: { parent: string | null; name: string };
  if (s.departmentId) {
    const d = await repo.department(db, p.tenantId, s.departmentId);
    if (!d) throw invalid(`${path}departmentId`, 'no such department');
    found = { parent: d.parent_id, name: d.name };
  } else {
    const u = await repo.person(db, p.tenantId, s.userId!);
    if (!u) throw invalid(`${path}userId`, 'no such active user');
    found = { parent: u.department_id, name: u.name };
  }
  if (!(await repo.subjectInScope(db, p, s))) throw notFound();
  return found;
}

/**
 * What the children of a department hold together may not exceed the department's own target,
 * for each of amount and count the department's target gives (409 TARGET_EXCEEDS_PARENT with what
 * is allocated and what the parent allows). Run after the write, in its transaction, under the
 * period's lock (repo.lockPeriod), so two writes of the period are checked one after the other.
 */
async function checkAllocation(
  tx: Db,
  tenantId: string,
  period: TargetPeriod,
  start: string,
  departmentId: string | null,
) {
  if (!departmentId) return;
  const parent = await repo.findForSubject(tx, tenantId, period, start, { departmentId }, true);
  if (!parent) return;
  const held = await repo.allocatedTo(tx, tenantId, period, start, departmentId);
  const details = [];
  if (parent.amount !== null && held.amount !== null && toCents(held.amount) > toCents(parent.amount))
    details.push({
      path: 'amount',
      message: `allocated ${fromCents(toCents(held.amount))} of ${parent.amount}`,
    });
  if (parent.count !== null && held.count !== null && held.count > parent.count)
    details.push({ path: 'count', message: `allocated ${held.count} of ${parent.count}` });
  if (details.length) throw new AppError('TARGET_EXCEEDS_PARENT', details);
}

export async function createTarget(db: Db, c: Caller, input: CreateTarget): Promise<Target> {
  const subject = { departmentId: input.departmentId ?? null, userId: input.userId ?? null };
  const { parent } = await checkSubject(db, c.p, subject);
  const id = await db.transaction(async (tx) => {
    await repo.lockPeriod(tx, c.p.tenantId, input.period, input.start);
    const created = await repo.insert(tx, c.p.tenantId, c.p.userId, {
      period: input.period,
      start: input.start,
      ...subject,
      amount: input.amount ?? null,
      count: input.count ?? null,
    });
    if (!created) throw new AppError('TARGET_EXISTS');
    // within its parent, and (a department) not below what its children already hold
    await checkAllocation(tx, c.p.tenantId, input.period, input.start, parent);
    await checkAllocation(tx, c.p.tenantId, input.period, input.start, subject.departmentId);
    const row = (await repo.findForSubject(tx, c.p.tenantId, input.period, input.start, subject))!;
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: created,
      summary: summaryOf(row),
      changes: { amount: [null, row.amount], count: [null, row.count] },
    });
    return created;
  });
  return getTarget(db, c.p, id);
}

export async function updateTarget(db: Db, c: Caller, id: string, input: UpdateTarget): Promise<Target> {
  await db.transaction(async (tx) => {
    const before = await repo.findVisible(tx, c.p, id);
    if (!before) throw notFound();
    await repo.lockPeriod(tx, c.p.tenantId, before.period, before.start);
    const locked = (await repo.findVisible(tx, c.p, id, true))!;
    checkVersion(locked, input.version);
    const next = {
      amount: input.amount === undefined ? locked.amount : input.amount,
      count: input.count === undefined ? locked.count : input.count,
    };
    if (next.amount === null && next.count === null)
      throw invalid('amount', 'give an amount, a count or both');
    await requireUpdated(await repo.update(tx, id, input.version, c.p.userId, next), async () => true);
    // the target's own parent, and (a department's) its children that may now hold too much
    await checkAllocation(tx, c.p.tenantId, before.period, before.start, before.parentDepartmentId);
    await checkAllocation(tx, c.p.tenantId, before.period, before.start, before.departmentId);
    await auditUpdate(
      tx,
      c.actor,
      { entity: ENTITY, entityId: id, summary: summaryOf(before) },
      auditable(before),
      {
        amount: next.amount === null ? null : fromCents(toCents(next.amount)),
        count: next.count,
      },
    );
  });
  return getTarget(db, c.p, id);
}

export async function deleteTarget(db: Db, c: Caller, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await repo.findVisible(tx, c.p, id, true);
    if (!row) throw notFound();
    checkVersion(row, version);
    await requireUpdated(await repo.softDelete(tx, id, version, c.p.userId), async () => true);
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: summaryOf(row),
      changes: { amount: [row.amount, null], count: [row.count, null] },
    });
  });
}

/**
 * 分解: a department's target handed to its child departments and its people. Each part creates
 * that subject's target of the period or replaces its values (replacing needs targets:edit); what
 * all the children hold together, parts and targets already set, may not exceed the parent.
 */
export async function splitTarget(db: Db, c: Caller, id: string, input: SplitTarget): Promise<Target[]> {
  const parent = await repo.findVisible(db, c.p, id);
  if (!parent) throw notFound();
  if (!parent.departmentId) throw invalid('id', "only a department's target is split");
  for (const [i, part] of input.parts.entries()) {
    const { parent: partParent } = await checkSubject(db, c.p, part, `parts.${i}.`);
    if (partParent !== parent.departmentId)
      throw invalid(
        `parts.${i}.${part.departmentId ? 'departmentId' : 'userId'}`,
        `not a child department or a person of ${parent.departmentName}`,
      );
  }
  const ids = await db.transaction(async (tx) => {
    await repo.lockPeriod(tx, c.p.tenantId, parent.period, parent.start);
    const locked = await repo.findForSubject(
      tx,
      c.p.tenantId,
      parent.period,
      parent.start,
      { departmentId: parent.departmentId },
      true,
    );
    if (!locked || locked.id !== parent.id) throw conflict();
    const out: string[] = [];
    for (const part of input.parts) {
      const subject = { departmentId: part.departmentId ?? null, userId: part.userId ?? null };
      const values = { amount: part.amount ?? null, count: part.count ?? null };
      const existing = await repo.findForSubject(
        tx,
        c.p.tenantId,
        parent.period,
        parent.start,
        subject,
        true,
      );
      if (existing) {
        if (!can(c.p, 'targets:edit')) throw forbidden();
        await repo.update(tx, existing.id, existing.version, c.p.userId, values);
        await auditUpdate(
          tx,
          c.actor,
          { entity: ENTITY, entityId: existing.id, summary: summaryOf(existing) },
          auditable(existing),
          {
            amount: values.amount === null ? null : fromCents(toCents(values.amount)),
            count: values.count,
          },
        );
        out.push(existing.id);
      } else {
        const created = await repo.insert(tx, c.p.tenantId, c.p.userId, {
          period: parent.period,
          start: parent.start,
          ...subject,
          ...values,
        });
        if (!created) throw conflict();
        const row = (await repo.findForSubject(tx, c.p.tenantId, parent.period, parent.start, subject))!;
        await writeAudit(tx, c.actor, {
          action: 'create',
          entity: ENTITY,
          entityId: created,
          summary: `${summaryOf(row)} ← ${parent.departmentName}`,
          changes: { amount: [null, row.amount], count: [null, row.count] },
        });
        out.push(created);
      }
    }
    await checkAllocation(tx, c.p.tenantId, parent.period, parent.start, parent.departmentId);
    return out;
  });
  const visible = await repo.listVisible(db, c.p, parent.period, parent.start);
  return visible.filter((r) => ids.includes(r.id)).map(toTarget);
}

// ---- attainment ----

/** `actual / target` in percent with 1 decimal, half up (`"85.3"`); null without a target above 0. */
export function rateOf(actual: bigint, target: bigint | null): string | null {
  if (target === null || target <= 0n) return null;
  const tenths = (actual * 2000n + target) / (2n * target);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/**
 * Target, actual and rate per department (its whole subtree's sales) and per person for one
 * period, as far as the caller's targets scope reaches: the departments it covers (none for the
 * own scopes) and the people it covers (active ones, or any with a target or a sale).
 */
export async function attainment(
  db: Db,
  c: Caller,
  q: { period: TargetPeriod; start: string },
): Promise<Attainment> {
  const p = c.p;
  const end = targetPeriodEnd(q.period, q.start);
  const [{ basis }, org, targets, window] = await Promise.all([
    repo.settingsOf(db, p.tenantId),
    repo.organisation(db, p.tenantId),
    repo.allOfPeriod(db, p.tenantId, q.period, q.start),
    repo.periodInstants(db, q.start, end, c.timeZone),
  ]);
  const facts = await factsOf[basis](db, p.tenantId, window.from, window.to);

  const byUser = new Map<string, { cents: bigint; count: number }>();
  const byDepartment = new Map<string, { cents: bigint; count: number }>();
  const add = (map: Map<string, { cents: bigint; count: number }>, key: string, f: Fact) => {
    const v = map.get(key) ?? { cents: 0n, count: 0 };
    v.cents += toCents(f.amount);
    v.count += f.count;
    map.set(key, v);
  };
  for (const f of facts) {
    add(byUser, f.userId, f);
    add(byDepartment, f.departmentId, f);
  }
  const targetOf = new Map(targets.map((t) => [t.departmentId ?? t.userId!, t]));

  // what each department's direct children (child departments, its people) hold as targets
  const allocated = new Map<string, { cents: bigint | null; count: number | null }>();
  for (const t of targets) {
    if (!t.parentDepartmentId) continue;
    const a = allocated.get(t.parentDepartmentId) ?? { cents: null, count: null };
    if (t.amount !== null) a.cents = (a.cents ?? 0n) + toCents(t.amount);
    if (t.count !== null) a.count = (a.count ?? 0) + t.count;
    allocated.set(t.parentDepartmentId, a);
  }

  const scope = scopeOf(p, 'targets');
  const subtree = new Set(p.departmentSubtree);
  const departmentSeen = (id: string) =>
    scope === 'all' ||
    (scope === 'department_and_children' && subtree.has(id)) ||
    (scope === 'department' && id === p.departmentId);
  const people = new Set(p.selfAndSubordinates);
  const userSeen = (u: { id: string; department_id: string }) =>
    scope === 'all' ||
    (scope === 'department_and_children' && subtree.has(u.department_id)) ||
    (scope === 'department' && u.department_id === p.departmentId) ||
    (scope === 'own_and_subordinates' && people.has(u.id)) ||
    (scope === 'own' && u.id === p.userId);

  const row = (
    id: string,
    name: string,
    parentId: string | null,
    actual: { cents: bigint; count: number },
    withAllocation: boolean,
  ): AttainmentRow => {
    const t = targetOf.get(id);
    const targetCents = t?.amount != null ? toCents(t.amount) : null;
    const a = withAllocation ? allocated.get(id) : undefined;
    return {
      id,
      name,
      parentId,
      targetId: t?.id ?? null,
      targetVersion: t?.version ?? null,
      target: t?.amount ?? null,
      actual: fromCents(actual.cents),
      rate: rateOf(actual.cents, targetCents),
      targetCount: t?.count ?? null,
      actualCount: actual.count,
      countRate: rateOf(BigInt(actual.count), t?.count != null ? BigInt(t.count) : null),
      allocated: withAllocation ? (a?.cents != null ? fromCents(a.cents) : null) : null,
      allocatedCount: withAllocation ? (a?.count ?? null) : null,
    };
  };

  const departments: AttainmentRow[] = [];
  const departmentNames = new Map(org.departments.map((d) => [d.id, d.name]));
  for (const d of org.departments) {
    if (!departmentSeen(d.id)) continue;
    // the subtree's sales: every department whose path starts with this one's
    const total = { cents: 0n, count: 0 };
    for (const other of org.departments) {
      if (!other.path.startsWith(d.path)) continue;
      const v = byDepartment.get(other.id);
      if (v) {
        total.cents += v.cents;
        total.count += v.count;
      }
    }
    departments.push(row(d.id, d.name, d.parent_id, total, true));
  }
  const users = [];
  for (const u of org.users) {
    if (!userSeen(u)) continue;
    const actual = byUser.get(u.id) ?? { cents: 0n, count: 0 };
    if (u.status !== 'active' && !targetOf.has(u.id) && actual.count === 0 && actual.cents === 0n) continue;
    users.push({
      ...row(u.id, u.name, u.department_id, actual, false),
      departmentName: departmentNames.get(u.department_id) ?? null,
    });
  }
  return { period: q.period, start: q.start, end, basis, departments, users };
}

// ---- settings ----

export async function getSettings(db: Db, p: Principal): Promise<TargetSettings> {
  const s = await repo.settingsOf(db, p.tenantId);
  return { basis: s.basis, version: s.version };
}

export async function updateSettings(db: Db, c: Caller, input: TargetSettings): Promise<TargetSettings> {
  await db.transaction(async (tx) => {
    const before = await repo.settingsOf(tx, c.p.tenantId);
    checkVersion(before, input.version);
    await requireUpdated(
      await repo.saveSettings(tx, c.p.tenantId, input.version, input.basis),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: 'target-settings',
      entityId: null,
      summary: 'basis',
      changes: { basis: [before.basis, input.basis] },
    });
  });
  return getSettings(db, c.p);
}
