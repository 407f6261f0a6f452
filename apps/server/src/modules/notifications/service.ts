import type { Notification } from '@guanxi/contract';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { listPage } from '../../platform/pagination.ts';
import { notifications } from './schema.ts';

export type NewNotification = {
  tenantId: string;
  userId: string;
  kind: string;
  data?: Record<string, unknown>;
  title: string;
  link?: string | null;
  entity?: string | null;
  entityId?: string | null;
  /** The same key for the same user is delivered once (reminders run daily). */
  dedupeKey?: string | null;
};

/** Delivers an in-app notification inside the caller's transaction; false if it was a duplicate. */
export async function notify(tx: Db, n: NewNotification): Promise<boolean> {
  const rows = await tx
    .insert(notifications)
    .values({ ...n, id: uuidv7(), data: n.data ?? {} })
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length > 0;
}

const toNotification = (r: Record<string, unknown>): Notification => ({
  id: r.id as string,
  kind: r.kind as string,
  data: (r.data as Record<string, unknown>) ?? {},
  title: r.title as string,
  link: (r.link as string | null) ?? null,
  readAt: r.read_at ? new Date(r.read_at as string).toISOString() : null,
  createdAt: new Date(r.created_at as string).toISOString(),
});

export async function listNotifications(
  db: Db,
  tenantId: string,
  userId: string,
  q: { page: number; pageSize: number; unread?: 'true' | 'false' },
) {
  const where = sql`tenant_id = ${tenantId} AND user_id = ${userId} ${q.unread === 'true' ? sql`AND read_at IS NULL` : sql``}`;
  return listPage(
    db,
    q,
    { columns: sql`*`, from: sql`FROM notifications WHERE ${where}`, orderBy: sql`created_at DESC, id DESC` },
    toNotification,
  );
}

export async function unreadCount(db: Db, tenantId: string, userId: string) {
  const n = await db.$count(
    notifications,
    and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)),
  );
  return Number(n);
}

/** Marks one (or, without id, all) of the user's notifications read; someone else's id is 404. */
export async function markRead(db: Db, tenantId: string, userId: string, id?: string) {
  if (id) {
    const mine = await db.$count(
      notifications,
      and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), eq(notifications.id, id)),
    );
    if (!Number(mine)) throw notFound();
  }
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        id ? eq(notifications.id, id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}
