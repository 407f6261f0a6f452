import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { defineJob, type JobDefinition } from '../../platform/jobs.ts';
import { textList, uuidList } from '../../platform/sql-lists.ts';
import { notifyMany } from '../notifications/bulk-service.ts';
import type { NewNotification } from '../notifications/service.ts';
import { userIdsHolding } from '../organization/permission-holders-service.ts';
import { allTenants } from '../organization/tenants-service.ts';
import { type BusinessCalendar, businessCalendar, businessWindows } from '../sla/published.ts';

/**
 * The SLA sweep (服务时限巡检), every 5 minutes, set-based over `tickets`. Two clocks per ticket:
 * response (stops at `responded_at`) and resolution (stops at `resolved_at`); a ticket `waiting`
 * for the customer (`paused_at`) is paused — no warning, no breach (leaving the wait pushes its
 * due instants). For each running clock:
 *  - at 80% of its business time (what is left to the due instant ≤ 20% of the business minutes
 *    from creation to due, less the minutes paused) the handler and their supervisor are warned,
 *    once (`*_warned_at`);
 *  - past its due instant it is breached: `*_breached = true` (kept for reports) and the same
 *    people are told, once.
 * A clock stopped after its due instant between two sweeps is flagged breached without a notice.
 * A ticket in the queue (no handler) goes to whoever may assign tickets (`tickets:assign`) in its
 * department or one above it. `now` is a parameter so tests drive the clock.
 */

type Clock = 'response' | 'resolution';
type Flagged = {
  id: string;
  number: string;
  title: string;
  handler_id: string | null;
  department_id: string | null;
  due_at: string | Date;
  notify: boolean;
};

/** Statuses whose clocks run (`waiting` pauses them; resolved and later have stopped). */
const RUNNING = sql`t.status IN ('new', 'assigned', 'in-progress') AND t.paused_at IS NULL AND t.deleted_at IS NULL`;

const cols = (clock: Clock) =>
  clock === 'response'
    ? {
        due: sql.raw('response_due_at'),
        stop: sql.raw('responded_at'),
        warned: sql.raw('response_warned_at'),
        breached: sql.raw('response_breached'),
      }
    : {
        due: sql.raw('resolution_due_at'),
        stop: sql.raw('resolved_at'),
        warned: sql.raw('resolution_warned_at'),
        breached: sql.raw('resolution_breached'),
      };

/** The business windows as a table `w(ws, we)` for the statement. */
const windowsTable = (cal: BusinessCalendar, from: Date, to: Date) => {
  const w = businessWindows(cal, from, to);
  return sql`SELECT * FROM unnest(${textList(w.map(([s]) => new Date(s).toISOString()))}::timestamptz[],
    ${textList(w.map(([, e]) => new Date(e).toISOString()))}::timestamptz[]) AS w(ws, we)`;
};

/** Business seconds of `w` inside [a, b). */
const businessSeconds = (a: SQL, b: SQL) =>
  sql`(SELECT coalesce(sum(extract(epoch FROM least(w.we, ${b}) - greatest(w.ws, ${a}))), 0)
    FROM w WHERE w.we > ${a} AND w.ws < ${b})`;

/** Marks the running clocks at 80% as warned; answers them. */
async function warn(
  tx: Db,
  tenantId: string,
  cal: BusinessCalendar,
  clock: Clock,
  now: Date,
): Promise<Flagged[]> {
  const c = cols(clock);
  const candidates = sql`t.tenant_id = ${tenantId} AND ${RUNNING} AND t.${c.stop} IS NULL
    AND t.${c.warned} IS NULL AND NOT t.${c.breached} AND t.${c.due} > ${now}`;
  const span = await tx.execute(
    sql`SELECT min(t.created_at) AS first, max(t.${c.due}) AS last FROM tickets t WHERE ${candidates}`,
  );
  const { first, last } = span.rows[0] as { first: string | Date | null; last: string | Date | null };
  if (!first || !last) return [];
  const res = await tx.execute(sql`WITH w AS (${windowsTable(cal, new Date(first), new Date(last))}),
    c AS (
      SELECT t.id,
        ${businessSeconds(sql`t.created_at`, sql`t.${c.due}`)} - t.paused_minutes * 60 AS budget,
        ${businessSeconds(sql`${now}::timestamptz`, sql`t.${c.due}`)} AS remaining
      FROM tickets t WHERE ${candidates}
    )
    UPDATE tickets t SET ${c.warned} = ${now}
    FROM c WHERE t.id = c.id AND c.remaining <= 0.2 * c.budget
    RETURNING t.id, t.number, t.title, t.handler_id, t.department_id, t.${c.due} AS due_at, true AS notify`);
  return res.rows as Flagged[];
}

/** Flags the clocks past their due instant as breached; answers them (`notify` when still running). */
async function breach(tx: Db, tenantId: string, clock: Clock, now: Date): Promise<Flagged[]> {
  const c = cols(clock);
  const res = await tx.execute(sql`UPDATE tickets t SET ${c.breached} = true
    WHERE t.tenant_id = ${tenantId} AND NOT t.${c.breached} AND t.deleted_at IS NULL AND (
      (${RUNNING} AND t.${c.stop} IS NULL AND t.${c.due} <= ${now})
      OR (t.paused_at IS NULL AND t.${c.stop} > t.${c.due}))
    RETURNING t.id, t.number, t.title, t.handler_id, t.department_id, t.${c.due} AS due_at,
      t.${c.stop} IS NULL AS notify`);
  return res.rows as Flagged[];
}

/**
 * Who hears of a ticket: its handler and the handler's supervisor; for a ticket in the queue, the
 * holders of tickets:assign whose department is the ticket's or above it. Active people only.
 * (Also who is told of a public-form ticket no rule took.)
 */
export async function recipients(
  tx: Db,
  tenantId: string,
  tickets: Pick<Flagged, 'id' | 'handler_id' | 'department_id'>[],
) {
  const keys = tickets.map((t) => ({
    ticket_id: t.id,
    handler_id: t.handler_id,
    department_id: t.department_id,
  }));
  const dispatchers = tickets.some((t) => !t.handler_id)
    ? await userIdsHolding(tx, tenantId, 'tickets:assign')
    : [];
  const res = await tx.execute(sql`WITH k AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(ticket_id uuid, handler_id uuid, department_id uuid)
    )
    SELECT k.ticket_id, u.id AS user_id, 'handler' AS role FROM k
      JOIN users u ON u.tenant_id = ${tenantId} AND u.id = k.handler_id AND u.status = 'active' AND u.deleted_at IS NULL
    UNION
    SELECT k.ticket_id, s.id, 'supervisor' FROM k
      JOIN users u ON u.tenant_id = ${tenantId} AND u.id = k.handler_id
      JOIN users s ON s.tenant_id = ${tenantId} AND s.id = u.supervisor_id AND s.status = 'active' AND s.deleted_at IS NULL
    UNION
    SELECT k.ticket_id, u.id, 'supervisor' FROM k
      LEFT JOIN departments td ON td.tenant_id = ${tenantId} AND td.id = k.department_id
      JOIN users u ON u.tenant_id = ${tenantId} AND u.id = ANY(${uuidList(dispatchers)})
        AND u.status = 'active' AND u.deleted_at IS NULL
      JOIN departments ud ON ud.tenant_id = ${tenantId} AND ud.id = u.department_id
      WHERE k.handler_id IS NULL AND (td.id IS NULL OR td.path LIKE ud.path || '%')`);
  return res.rows as { ticket_id: string; user_id: string; role: 'handler' | 'supervisor' }[];
}

const CLOCK_LABEL: Record<Clock, string> = { response: '响应', resolution: '解决' };

function wallClock(at: Date, timeZone: string) {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

function notices(
  tenantId: string,
  timeZone: string,
  clock: Clock,
  kind: 'warning' | 'breach',
  tickets: Flagged[],
  people: Awaited<ReturnType<typeof recipients>>,
): NewNotification[] {
  const byId = new Map(tickets.map((t) => [t.id, t]));
  return people.map((p) => {
    const t = byId.get(p.ticket_id)!;
    const due = new Date(t.due_at);
    const when = wallClock(due, timeZone);
    return {
      tenantId,
      userId: p.user_id,
      kind: `ticket.sla-${kind}`,
      data: {
        ticketId: t.id,
        number: t.number,
        title: t.title,
        clock,
        dueAt: due.toISOString(),
        role: p.role,
      },
      title:
        kind === 'warning'
          ? `工单 ${t.number}「${t.title}」${CLOCK_LABEL[clock]}时限将到（${when} 截止）`
          : `工单 ${t.number}「${t.title}」已超出${CLOCK_LABEL[clock]}时限（${when} 截止）`,
      link: `/tickets/${t.id}`,
      entity: 'tickets',
      entityId: t.id,
      // a due instant pushed by a wait is a new deadline, worth its own notice
      dedupeKey: `ticket-sla:${t.id}:${clock}:${kind}:${due.toISOString()}`,
    };
  });
}

export type SweepResult = { warned: number; breached: number; notified: number };

/** One tenant's sweep, in one transaction: flags and notices commit together. */
export async function sweepTenantSla(db: Db, tenantId: string, now = new Date()): Promise<SweepResult> {
  const cal = await businessCalendar(db, tenantId);
  return db.transaction(async (tx) => {
    const result: SweepResult = { warned: 0, breached: 0, notified: 0 };
    for (const clock of ['response', 'resolution'] as const) {
      // breach first: a clock past due is never warned as well
      const breached = await breach(tx, tenantId, clock, now);
      const warned = await warn(tx, tenantId, cal, clock, now);
      result.breached += breached.length;
      result.warned += warned.length;
      for (const [kind, rows] of [
        ['breach', breached.filter((t) => t.notify)],
        ['warning', warned],
      ] as const) {
        if (!rows.length) continue;
        const people = await recipients(tx, tenantId, rows);
        result.notified += await notifyMany(tx, notices(tenantId, cal.timeZone, clock, kind, rows, people));
      }
    }
    return result;
  });
}

/** Every tenant's sweep at `now`. */
export async function runSlaSweep(db: Db, now = new Date()): Promise<SweepResult> {
  const total: SweepResult = { warned: 0, breached: 0, notified: 0 };
  for (const tenant of await allTenants(db)) {
    const r = await sweepTenantSla(db, tenant.id, now);
    total.warned += r.warned;
    total.breached += r.breached;
    total.notified += r.notified;
  }
  return total;
}

/** Registered by the tickets manifest (`jobs`): the sweep every 5 minutes, once across replicas. */
export const ticketSlaJobs: JobDefinition[] = [
  defineJob<Record<string, never>>(
    'tickets.sla-sweep',
    async (_data, { db, log }) => {
      const r = await runSlaSweep(db);
      if (r.warned || r.breached) log.info(r, 'ticket SLA sweep');
    },
    { schedule: { cron: '*/5 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
