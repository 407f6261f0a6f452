import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { demoCustomersOf, setFollowUpDates } from '../customers/follow-up-service.ts';
import { createTodoForOwner } from '../events/service.ts';
import { getTenant } from '../organization/tenants-service.ts';
import * as repo from './repository.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the demo's sales people wrote, by type (the dictionary item's Chinese name). */
const notes: [type: string, topic: string, content: string][] = [
  ['电话', '初次接触', '电话联系采购负责人，介绍了我们的门店管理方案，对方表示下周可以安排一次面谈。'],
  ['上门拜访', '需求沟通', '上门拜访，参观了两家门店，了解到他们目前用 Excel 管理库存，盘点很耗时。'],
  ['微信', '产品演示', '微信发送了产品演示视频和报价单，客户转给了财务负责人。'],
  ['上门拜访', '产品演示', '现场演示了移动端签到和库存模块，店长反馈操作简单，希望先试用一个月。'],
  ['电话', '报价谈判', '电话沟通报价，客户希望年付有折扣，已答复申请 9 折，等待领导审批。'],
  ['会议', '报价谈判', '与客户总经理和采购开会，确认了首批 12 家门店的范围和上线时间。'],
  ['邮件', '合同签订', '邮件发送合同草案，法务提出两处修改意见，已转给我们的法务确认。'],
  ['电话', '售后回访', '回访上线情况，门店员工已基本会用，提出希望增加按区域的报表。'],
  ['微信', '关系维护', '节前问候，顺便了解到客户计划在杭州新开三家门店。'],
];

const comments = [
  '客户意向不错，抓紧推进试用，有问题随时找我。',
  '报价注意底线，折扣超过 9 折需要先报我审批。',
  '下次拜访带上实施顾问，把上线计划谈细。',
  '很好，继续保持跟进节奏。',
];

/**
 * A few weeks of follow-ups for 刘洋's and 黄伟's customers (manifest `seedDemo`), some with
 * their supervisors' 点评; each customer's 最近跟进 / 下次跟进 then say what its latest follow-up
 * says, and a next date still ahead is a to-do in the owner's calendar.
 */
export async function seedDemoFollowUps(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  const people = (
    await db.execute(sql`SELECT id, username, name FROM users WHERE tenant_id = ${demo.tenantId}
      AND username IN ('liuyang', 'huangwei', 'zhouqiang', 'zhaomin') AND deleted_at IS NULL`)
  ).rows as { id: string; username: string; name: string }[];
  const by = (u: string) => people.find((p) => p.username === u);
  const authors = ['liuyang', 'huangwei'].map(by).filter((u) => u !== undefined);
  const reviewers = ['zhouqiang', 'zhaomin'].map(by).filter((u) => u !== undefined);
  if (!authors.length) return;
  const items = (
    await db.execute(sql`SELECT id, type, name FROM dictionary_items WHERE tenant_id = ${demo.tenantId}
      AND type IN ('follow-up-type', 'follow-up-topic') AND valid`)
  ).rows as { id: string; type: string; name: string }[];
  const item = (type: string, name: string) => items.find((i) => i.type === type && i.name === name)?.id;
  const customers = await demoCustomersOf(
    db,
    demo.tenantId,
    authors.map((a) => a.id),
    6,
  );
  const now = Date.now();
  await db.transaction(async (tx) => {
    let n = 0;
    for (const customer of customers) {
      const author = authors.find((a) => a.id === customer.owner_id)!;
      const actor: Actor = { tenantId: demo.tenantId, userId: author.id, userName: author.name };
      // 2–4 follow-ups over the last three weeks, moving forward through the sales story
      const count = 2 + (n % 3);
      let latest: { at: Date; next: Date | null } | null = null;
      for (let k = 0; k < count; k++) {
        const [typeName, topicName, content] = notes[(n * 2 + k) % notes.length];
        const type = item('follow-up-type', typeName);
        if (!type) continue;
        const daysAgo = 20 - Math.round(((k + 1) * 18) / count) + (n % 3);
        const at = new Date(now - daysAgo * DAY - ((n * 7 + k * 3) % 8) * HOUR);
        const last = k === count - 1;
        // the latest names the next step: mostly ahead (a to-do), a few already overdue
        const next = last ? new Date(now + (n % 4 === 3 ? -2 : 2 + (n % 5)) * DAY) : null;
        const id = uuidv7();
        const row = await repo.insertFollowUp(tx, {
          id,
          tenantId: demo.tenantId,
          customerId: customer.id,
          contactId: customer.contact_id,
          userId: author.id,
          typeId: type,
          topicId: item('follow-up-topic', topicName) ?? null,
          attitude: (['positive', 'neutral', 'positive', 'negative'] as const)[(n + k) % 4],
          occurredAt: at,
          content,
          nextFollowUpAt: next,
          customFields: {},
          createdBy: author.id,
        });
        await writeAudit(tx, actor, {
          action: 'create',
          entity: 'follow-ups',
          entityId: id,
          summary: `${customer.name}：${content.slice(0, 40)}…`,
          changes: diff(null, { occurredAt: at, content, nextFollowUpAt: next }),
        });
        if (next && next.getTime() > now) {
          const todo = await createTodoForOwner(
            tx,
            {
              tenantId: demo.tenantId,
              ownerId: author.id,
              customerId: customer.id,
              date: new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(next),
              title: `跟进客户：${customer.name}`,
              remindMinutesBefore: 0,
            },
            actor,
          );
          await repo.updateFollowUp(tx, demo.tenantId, id, row.version, { todoEventId: todo });
        }
        const reviewer = reviewers[(n + k) % Math.max(reviewers.length, 1)];
        if (reviewer && (n + k) % 3 === 0) {
          const text = comments[(n + k) % comments.length];
          await repo.insertComment(tx, {
            id: uuidv7(),
            tenantId: demo.tenantId,
            followUpId: id,
            userId: reviewer.id,
            content: text,
            createdAt: new Date(at.getTime() + 5 * HOUR),
          });
          await writeAudit(
            tx,
            { tenantId: demo.tenantId, userId: reviewer.id, userName: reviewer.name },
            { action: 'comment', entity: 'follow-ups', entityId: id, summary: text },
          );
        }
        latest = { at, next };
      }
      if (latest)
        await setFollowUpDates(
          tx,
          actor,
          customer.id,
          { lastFollowUpAt: latest.at, nextFollowUpAt: latest.next },
          customer.name,
        );
      n++;
    }
  });
}
