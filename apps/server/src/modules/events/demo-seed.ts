import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import type { Actor } from '../../platform/audit.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { dateOf, startOfDate } from './recurrence.ts';
import { type EventValues, insertEventFor } from './service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The demo's calendars around the first start: 华东's weekly meeting (赵敏 with her team) and,
 * for two account managers, a call plan, a visit plan and a to-do this week (manifest `seedDemo`).
 */
export async function seedDemoEvents(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  // the demo people by username: the organisation's demo seed made them (read, not written, here)
  const people = (
    await db.execute(sql`SELECT id, username, name, supervisor_id FROM users WHERE tenant_id = ${demo.tenantId}
      AND username IN ('zhaomin', 'liuyang', 'huangwei') AND deleted_at IS NULL`)
  ).rows as { id: string; username: string; name: string; supervisor_id: string | null }[];
  const by = (u: string) => people.find((p) => p.username === u);
  const today = startOfDate(dateOf(new Date(), timezone), timezone);
  // Monday of this week in the tenant's zone
  const weekday = (new Date(today.getTime() + 12 * HOUR).getUTCDay() + 6) % 7;
  const monday = new Date(today.getTime() - weekday * DAY);
  const values = (
    v: Partial<EventValues> & Pick<EventValues, 'kind' | 'title' | 'startAt'>,
  ): EventValues => ({
    notes: null,
    endAt: null,
    allDay: false,
    customerId: null,
    contactId: null,
    remindMinutesBefore: 15,
    repeat: null,
    ...v,
  });
  await db.transaction(async (tx) => {
    const lead = by('zhaomin');
    const team = ['liuyang', 'huangwei'].map(by).filter((u) => u !== undefined);
    if (lead) {
      const actor: Actor = { tenantId: demo.tenantId, userId: lead.id, userName: lead.name };
      const start = new Date(monday.getTime() + 9.5 * HOUR);
      await insertEventFor(
        tx,
        actor,
        demo.tenantId,
        lead.id,
        values({
          kind: 'meeting',
          title: '华东区周例会',
          notes: '各自汇报本周重点客户进展和下周拜访计划',
          startAt: start,
          endAt: new Date(start.getTime() + HOUR),
          repeat: { freq: 'weekly', interval: 1, until: null, count: null },
        }),
        team.map((u) => u.id),
        timezone,
      );
    }
    for (const [i, u] of team.entries()) {
      const actor: Actor = { tenantId: demo.tenantId, userId: u.id, userName: u.name };
      const call = new Date(today.getTime() + DAY + (10 + i) * HOUR);
      const visit = new Date(today.getTime() + 2 * DAY + (14 + i) * HOUR);
      const plans = [
        values({
          kind: 'call',
          title: '电话回访：确认报价反馈',
          startAt: call,
          endAt: new Date(call.getTime() + HOUR / 2),
        }),
        values({
          kind: 'visit',
          title: '上门拜访：产品方案演示',
          startAt: visit,
          endAt: new Date(visit.getTime() + 2 * HOUR),
          remindMinutesBefore: 60,
        }),
        values({
          kind: 'todo',
          title: '整理本周客户跟进记录',
          startAt: today,
          allDay: true,
          remindMinutesBefore: null,
        }),
      ];
      for (const v of plans) await insertEventFor(tx, actor, demo.tenantId, u.id, v, [], timezone);
    }
  });
}
