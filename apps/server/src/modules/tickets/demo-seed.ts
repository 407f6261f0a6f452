import type { TicketStatus } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import { linkTicketSolutions } from '../kb/published.ts';
import { listArticles } from '../kb/service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { addBusinessMinutes, businessCalendar, slaTargets } from '../sla/published.ts';
import * as repo from './repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Demo = {
  title: string;
  request: string;
  type: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: TicketStatus;
  /** Days before now it was opened. */
  ago: number;
  /** Hours after opening of the response and the resolution (met or late against the targets). */
  respondAfter?: number;
  resolveAfter?: number;
  satisfaction?: number;
  handler?: 'liangxiao' | 'songqian';
};

/** Tickets in every state, with SLA history met and breached (business time from the sla module). */
const demos: Demo[] = [
  {
    title: '打印机卡纸无法使用',
    request: '客户反映设备频繁卡纸',
    type: '报修',
    priority: 'high',
    status: 'new',
    ago: 0,
  },
  {
    title: '咨询新产品报价',
    request: '想了解新型号的价格与交期',
    type: '咨询',
    priority: 'normal',
    status: 'assigned',
    ago: 1,
    handler: 'liangxiao',
  },
  {
    title: '设备异响',
    request: '运行时有明显异响',
    type: '报修',
    priority: 'urgent',
    status: 'in-progress',
    ago: 1,
    respondAfter: 0.2,
    handler: 'songqian',
  },
  {
    title: '发票抬头需更正',
    request: '上月发票抬头有误，需重开',
    type: '财务',
    priority: 'normal',
    status: 'waiting',
    ago: 2,
    respondAfter: 1,
    handler: 'liangxiao',
  },
  {
    title: '送货延误投诉',
    request: '订单比约定晚三天送达',
    type: '投诉',
    priority: 'high',
    status: 'resolved',
    ago: 4,
    respondAfter: 0.5,
    resolveAfter: 5,
    handler: 'songqian',
  },
  {
    title: '安装指导',
    request: '需要上门安装指导',
    type: '咨询',
    priority: 'low',
    status: 'feedback',
    ago: 9,
    respondAfter: 2,
    resolveAfter: 20,
    satisfaction: 5,
    handler: 'liangxiao',
  },
  {
    title: '合同条款疑问',
    request: '对续约条款有疑问',
    type: '合同',
    priority: 'normal',
    status: 'archived',
    ago: 20,
    respondAfter: 1,
    resolveAfter: 10,
    satisfaction: 4,
    handler: 'songqian',
  },
  {
    title: '配件损坏（超时处理）',
    request: '到货配件外壳破损',
    type: '报修',
    priority: 'urgent',
    status: 'archived',
    ago: 30,
    respondAfter: 3,
    resolveAfter: 72,
    satisfaction: 2,
    handler: 'liangxiao',
  },
];

/** 服务工单 of the demo: tickets in every state for the two 客服 people (manifest `seedDemo`). */
export async function seedDemoTickets(db: Db, demo: DemoTenant) {
  if ((await repo.countTickets(db, demo.tenantId)) > 0) return;
  const { timezone } = await getTenant(db, demo.tenantId);
  const people = (
    await db.execute(sql`SELECT id, username, name, department_id FROM users WHERE tenant_id = ${demo.tenantId}
      AND deleted_at IS NULL AND status = 'active' ORDER BY username`)
  ).rows as { id: string; username: string; name: string; department_id: string | null }[];
  const types = (
    await db.execute(sql`SELECT id, name FROM dictionary_items WHERE tenant_id = ${demo.tenantId}
      AND type = 'service-type'`)
  ).rows as { id: string; name: string }[];
  const customers = await demoCustomersOf(
    db,
    demo.tenantId,
    people.map((p) => p.id),
    1,
  );
  const desk = people.find((p) => p.username === 'liangxiao') ?? people[0];
  if (!customers.length || !types.length || !desk) return;
  const cal = await businessCalendar(db, demo.tenantId);
  // the knowledge base's demo articles (seeded before the tickets) the resolved ones were solved with
  const reader = await demoCaller(db, demo.tenantId, desk.username);
  const articles = reader
    ? (await listArticles(db, reader.p, { page: 1, pageSize: 3, status: 'published' })).data
    : [];
  const now = Date.now();
  await db.transaction(async (tx) => {
    for (const [i, d] of demos.entries()) {
      const customer = customers[i % customers.length];
      const handler = d.handler ? (people.find((p) => p.username === d.handler) ?? desk) : null;
      const typeId = typeNamed(d.type, types);
      const createdAt = new Date(now - d.ago * DAY - 2 * HOUR);
      const targets = await slaTargets(tx, demo.tenantId, d.priority, typeId);
      const responseDueAt = addBusinessMinutes(cal, createdAt, targets.responseMinutes);
      const resolutionDueAt = addBusinessMinutes(cal, createdAt, targets.resolutionMinutes);
      const at = (hours?: number) =>
        hours === undefined ? null : new Date(createdAt.getTime() + hours * HOUR);
      const respondedAt = at(d.respondAfter);
      const resolvedAt = at(d.resolveAfter);
      const actor: Actor = { tenantId: demo.tenantId, userId: desk.id, userName: desk.name };
      const row = await repo.insertTicket(tx, {
        id: uuidv7(),
        tenantId: demo.tenantId,
        createdBy: desk.id,
        createdAt,
        updatedAt: createdAt,
        number: await nextNumber(tx, demo.tenantId, 'ticket', timezone, createdAt),
        typeId,
        title: d.title,
        customerId: customer.id,
        contactId: customer.contact_id,
        request: d.request,
        priority: d.priority,
        channel: i % 2 ? 'phone' : 'web',
        status: d.status,
        handlerId: handler?.id ?? null,
        departmentId: handler?.department_id ?? desk.department_id,
        assignedAt: handler ? createdAt : null,
        responseDueAt,
        resolutionDueAt,
        respondedAt,
        resolvedAt,
        resolution: resolvedAt ? '已处理完毕，客户确认。' : null,
        pausedAt: d.status === 'waiting' ? new Date(now - HOUR) : null,
        responseBreached: respondedAt ? respondedAt > responseDueAt : responseDueAt.getTime() < now,
        resolutionBreached: resolvedAt
          ? resolvedAt > resolutionDueAt
          : d.status !== 'waiting' && resolutionDueAt.getTime() < now,
        satisfaction: d.satisfaction ?? null,
        feedbackAt: d.satisfaction ? at((d.resolveAfter ?? 0) + 24) : null,
        feedbackBy: d.satisfaction ? 'customer' : null,
        archivedAt: d.status === 'archived' ? at((d.resolveAfter ?? 0) + 48) : null,
      });
      await writeAudit(tx, actor, {
        action: 'create',
        entity: 'tickets',
        entityId: row.id,
        summary: `${row.number} ${row.title}`,
      });
      const line = (
        kind: 'created' | 'assigned' | 'note' | 'resolved',
        content: string,
        internal = true,
      ) => ({
        id: uuidv7(),
        tenantId: row.tenantId,
        ticketId: row.id,
        kind,
        content,
        internal,
        userId: desk.id,
        toUserId: kind === 'assigned' ? (handler?.id ?? null) : null,
        createdAt,
      });
      const lines = [line('created', row.title)];
      if (handler) lines.push(line('assigned', ''));
      if (respondedAt) lines.push(line('note', '您好，已收到您的问题，正在处理。', false));
      if (resolvedAt) lines.push(line('resolved', row.resolution ?? '', false));
      await repo.insertActivities(tx, lines);
      if (resolvedAt && articles.length)
        await linkTicketSolutions(tx, actor, row.id, [articles[i % articles.length].id]);
    }
    await seedFormTicket(tx, demo.tenantId, timezone, desk, typeNamed('报修', types), cal, now);
  });
}

const typeNamed = (name: string, types: { id: string; name: string }[]) =>
  (types.find((t) => t.name === name) ?? types[0]).id;

/**
 * A ticket from the public form (在线报修) whose submitter matched no contact: no customer yet, what
 * they typed kept, waiting in the desk's queue for an agent to link the customer (关联客户).
 */
async function seedFormTicket(
  tx: Db,
  tenantId: string,
  timezone: string,
  desk: { id: string; department_id: string | null },
  type: string,
  cal: Awaited<ReturnType<typeof businessCalendar>>,
  now: number,
) {
  const createdAt = new Date(now - HOUR);
  const targets = await slaTargets(tx, tenantId, 'normal', type);
  const row = await repo.insertTicket(tx, {
    id: uuidv7(),
    tenantId,
    createdBy: null,
    createdAt,
    updatedAt: createdAt,
    number: await nextNumber(tx, tenantId, 'ticket', timezone, createdAt),
    typeId: type,
    title: '门禁读卡器刷卡无反应',
    customerId: null,
    submitter: { name: '周女士', company: '星河物业', mobile: '13912340000', email: null },
    request: '小区东门门禁读卡器刷卡无反应，已持续两天。',
    priority: 'normal',
    channel: 'web',
    status: 'new',
    departmentId: desk.department_id,
    responseDueAt: addBusinessMinutes(cal, createdAt, targets.responseMinutes),
    resolutionDueAt: addBusinessMinutes(cal, createdAt, targets.resolutionMinutes),
  });
  const actor: Actor = { tenantId, userId: null, userName: '在线报修表单' };
  await writeAudit(tx, actor, {
    action: 'create',
    entity: 'tickets',
    entityId: row.id,
    summary: `${row.number} ${row.title}`,
  });
  await repo.insertActivities(tx, [
    { id: uuidv7(), tenantId, ticketId: row.id, kind: 'created', content: row.title, createdAt },
  ]);
}
