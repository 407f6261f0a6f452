import { and, asc, desc, eq, gt, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLogs } from '../db/schema/platform.ts';
import { likeEscape } from './pagination.ts';

/** Who did it, from where: taken from the request's principal. */
export type Actor = { tenantId: string; userId: string | null; userName: string | null; ip?: string | null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  summary?: string | null;
  changes?: Record<string, [unknown, unknown]>;
};

const normalise = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

/**
 * `{field: [before, after]}` for the fields that differ. Secrets (`passwordHash`, `totp…`) are
 * never copied into the log.
 */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: readonly string[] = [],
): Record<string, [unknown, unknown]> {
  const skip = new Set([
    'updatedAt',
    'version',
    'passwordHash',
    'totpSecret',
    'totpPendingSecret',
    'tenantId',
    ...ignore,
  ]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of keys) {
    if (skip.has(key)) continue;
    const a = before?.[key];
    const b = after?.[key];
    if (!same(a, b)) changes[key] = [normalise(a), normalise(b)];
  }
  return changes;
}

const rowOf = (actor: Actor, entry: AuditEntry) => ({
  tenantId: actor.tenantId,
  userId: actor.userId,
  userName: actor.userName,
  ip: actor.ip ?? null,
  action: entry.action,
  entity: entry.entity,
  entityId: entry.entityId ?? null,
  summary: entry.summary ?? null,
  changes: entry.changes ?? {},
});

/** Appends one audit row; call it with the transaction of the change it records. */
export async function writeAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLogs).values(rowOf(actor, entry));
}

/** Appends several audit rows in one insert (in order), e.g. the updates of an import batch. */
export async function writeAudits(tx: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await tx.insert(auditLogs).values(entries.map((e) => rowOf(actor, e)));
}

/** The entry of an update with the fields that changed between `before` and `after`; null if none did. */
export function updateEntry(
  entry: { entity: string; entityId: string; summary?: string | null },
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditEntry | null {
  const changes = diff(before, after);
  return Object.keys(changes).length ? { action: 'update', ...entry, changes } : null;
}

/** Records an update with the fields that changed between `before` and `after`; nothing if none did. */
export async function auditUpdate(
  tx: Db,
  actor: Actor,
  entry: { entity: string; entityId: string; summary?: string | null },
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  const update = updateEntry(entry, before, after);
  if (update) await writeAudit(tx, actor, update);
}

type AuditFilter = {
  /** Quick search over the summary and the actor's name. */
  q?: string;
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
};

export function auditWhere(tenantId: string, f: AuditFilter): SQL {
  return and(
    eq(auditLogs.tenantId, tenantId),
    f.q
      ? or(
          ilike(auditLogs.summary, `%${likeEscape(f.q)}%`),
          ilike(auditLogs.userName, `%${likeEscape(f.q)}%`),
        )
      : undefined,
    f.entity ? eq(auditLogs.entity, f.entity) : undefined,
    f.entityId ? eq(auditLogs.entityId, f.entityId) : undefined,
    f.userId ? eq(auditLogs.userId, f.userId) : undefined,
    f.action ? eq(auditLogs.action, f.action) : undefined,
    f.from ? gte(auditLogs.createdAt, new Date(f.from)) : undefined,
    f.to ? lte(auditLogs.createdAt, new Date(f.to)) : undefined,
  )!;
}

/** A record's field history, newest first: one row per changed field. */
export async function fieldHistory(db: Db, tenantId: string, entity: string, entityId: string) {
  const rows = await db
    .select()
    .from(auditLogs)
    .where(
      and(eq(auditLogs.tenantId, tenantId), eq(auditLogs.entity, entity), eq(auditLogs.entityId, entityId)),
    )
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(500);
  return rows.flatMap((r) =>
    Object.entries(r.changes).map(([field, [before, after]]) => ({
      at: r.createdAt.toISOString(),
      userName: r.userName,
      action: r.action,
      field,
      before,
      after,
    })),
  );
}

/** An audit row as the webhooks' outbox reads it. */
export type AuditRow = typeof auditLogs.$inferSelect;

/**
 * A tenant's audit rows of `entities` for a reader that follows the log as an outbox: up to
 * `limit` after `afterId` in id order (the order they were written in), and those at or below it
 * written in the last `lookbackMinutes` — an id is taken at insert and its transaction commits
 * later, so a slow transaction's rows can appear behind the reader's cursor; the reader keeps
 * what it does with a row idempotent.
 */
export async function auditRowsSince(
  db: Db,
  tenantId: string,
  afterId: number,
  opts: { entities: readonly string[]; lookbackMinutes: number; limit: number },
): Promise<AuditRow[]> {
  const of = and(eq(auditLogs.tenantId, tenantId), inArray(auditLogs.entity, [...opts.entities]));
  const recent = sql`now() - make_interval(mins => ${opts.lookbackMinutes})`;
  const [fresh, late] = await Promise.all([
    db
      .select()
      .from(auditLogs)
      .where(and(of, gt(auditLogs.id, afterId)))
      .orderBy(asc(auditLogs.id))
      .limit(opts.limit),
    db
      .select()
      .from(auditLogs)
      .where(and(of, lte(auditLogs.id, afterId), gte(auditLogs.createdAt, recent)))
      .orderBy(asc(auditLogs.id)),
  ]);
  return [...late, ...fresh];
}

/** The id of the tenant's newest audit row (0 when none): where a new outbox reader starts. */
export async function lastAuditId(db: Db, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<string | null>`max(${auditLogs.id})` })
    .from(auditLogs)
    .where(eq(auditLogs.tenantId, tenantId));
  return Number(row?.id ?? 0);
}
