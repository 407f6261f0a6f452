import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import type { Actor } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { campaignIdByName } from '../campaigns/published.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import * as repo from './repository.ts';
import { insertLead } from './service.ts';

type Person = { id: string; username: string; name: string; department_id: string };

const visitors: [company: string, contact: string, mobile: string, remark: string][] = [
  ['杭州悦购便利连锁', '陈先生', '13757100001', '想了解门店管理系统的价格'],
  ['苏州好邻居超市', '王女士', '13962200002', '有 8 家门店，希望预约演示'],
  ['宁波海港生鲜', '李经理', '13858300003', '询问移动签到功能'],
  ['无锡乐家母婴', '赵女士', '13861500004', '计划明年上线会员系统'],
  ['合肥优品便利店', '孙先生', '13905600005', ''],
  ['南京鲜丰水果', '周总', '13951700006', '展会上聊过，想要报价'],
  ['上海晨光文具门店', '吴经理', '13816800007', ''],
  ['常州家乐超市', '郑先生', '13915000008', '门店盘点效率低'],
];

/**
 * 线索 of the demo (manifest `seedDemo`): 高燕's 官网预约表单 on the 网络推广 channel, a rule
 * sending its leads round-robin to 刘洋's sales department, and leads in every state — some still
 * in the pool, some assigned and followed up, one qualified, one disqualified, one converted into
 * a customer 刘洋 already had.
 */
export async function seedDemoLeads(db: Db, demo: DemoTenant) {
  const people = (
    await db.execute(sql`SELECT id, username, name, department_id FROM users WHERE tenant_id = ${demo.tenantId}
      AND username IN ('gaoyan', 'liuyang', 'huangwei') AND deleted_at IS NULL`)
  ).rows as Person[];
  const items = (
    await db.execute(sql`SELECT id, type, name FROM dictionary_items WHERE tenant_id = ${demo.tenantId}
      AND type IN ('customer-source', 'lead-disqualify-reason') AND valid`)
  ).rows as { id: string; type: string; name: string }[];
  const by = (u: string) => people.find((p) => p.username === u);
  const item = (type: string, name: string) =>
    items.find((i) => i.type === type && i.name === name)?.id ?? null;
  const gaoyan = by('gaoyan');
  const liuyang = by('liuyang');
  if (!gaoyan || !liuyang) return;
  const sourceId = item('customer-source', '网络推广');
  const actor: Actor = { tenantId: demo.tenantId, userId: gaoyan.id, userName: gaoyan.name };
  // the leads met at the spring launch count for its ROI (the campaigns' demo runs first)
  const springLaunch = await campaignIdByName(db, demo.tenantId, '2026 春季新品推广会');

  await db.transaction(async (tx) => {
    const form = await repo.insertForm(tx, {
      id: uuidv7(),
      tenantId: demo.tenantId,
      createdBy: gaoyan.id,
      name: '官网预约表单',
      // a fixed token, so the demo's public page is easy to find: /f/demo-website-form
      token: 'demo-website-form',
      sourceId,
      title: '预约产品演示',
      intro: '留下联系方式，我们的顾问会在一个工作日内与您联系。',
      fields: ['contactName', 'mobile', 'email', 'remark'],
      perMinute: 600,
    });
    await repo.insertRule(tx, {
      id: uuidv7(),
      tenantId: demo.tenantId,
      createdBy: gaoyan.id,
      name: '网络推广 → 销售部轮流分配',
      priority: 10,
      sourceId,
      departmentId: liuyang.department_id,
    });
    const formActor: Actor = { tenantId: demo.tenantId, userId: null, userName: 'web form 官网预约表单' };
    const made: repo.LeadRow[] = [];
    for (const [i, [name, contactName, mobile, remark]] of visitors.entries()) {
      const lead = {
        name,
        contactName,
        mobile,
        email: null,
        sourceId,
        campaignId: remark.includes('展会') ? springLaunch : null,
        regionCode: null,
        remark: remark || null,
        formId: form.id,
      };
      // the first three wait in the pool; the rest went to the sales department by the rule
      const row = await insertLead(tx, formActor, lead, i < 3 ? null : 'rules', `form:${form.name}`);
      made.push(row);
    }
    const owned = made.slice(3);
    const note = (leadId: string, userId: string, content: string) =>
      repo.insertActivities(tx, [
        { id: uuidv7(), tenantId: demo.tenantId, leadId, kind: 'note', content, userId },
      ]);
    // following up, qualified, disqualified
    await note(owned[0].id, owned[0].ownerId!, '电话沟通，对方下周三方便演示。');
    await repo.updateLead(tx, owned[0].id, owned[0].version, { status: 'following' });
    await note(owned[1].id, owned[1].ownerId!, '已确认有 8 家门店和预算，准备报价。');
    await repo.updateLead(tx, owned[1].id, owned[1].version, { status: 'qualified' });
    await note(owned[2].id, owned[2].ownerId!, '多次电话无人接听。');
    await repo.updateLead(tx, owned[2].id, owned[2].version, {
      status: 'disqualified',
      disqualifyReasonId: item('lead-disqualify-reason', '无法联系'),
    });
    // one came from a company 刘洋 already had: linked to it
    const [customer] = await demoCustomersOf(tx, demo.tenantId, [liuyang.id], 1);
    if (customer) {
      const converted = await insertLead(
        tx,
        actor,
        {
          name: customer.name,
          contactName: null,
          mobile: null,
          email: null,
          sourceId,
          campaignId: springLaunch,
          regionCode: null,
          remark: '展会上留的名片',
          formId: null,
        },
        { id: liuyang.id, departmentId: liuyang.department_id },
        'manual',
      );
      await repo.updateLead(tx, converted.id, converted.version, {
        status: 'converted',
        customerId: customer.id,
        contactId: customer.contact_id,
        convertedAt: new Date(),
        convertedBy: liuyang.id,
      });
    }
  });
}
