import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { dayIn } from '../../platform/dates.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { insertActionFor } from './actions-service.ts';
import { CHANNEL_DICTIONARY, insertCampaignFor } from './service.ts';

/** The demo's spring launch, by name: the leads module's demo links its leads to it. */
export const DEMO_CAMPAIGN = '2026 春季新品推广会';

const DAY = 86_400_000;
/**
 * 市场活动 of the demo (manifest `seedDemo`, before the leads'): 高燕's spring launch with its
 * expense lines and action log (finished; its leads come from the leads demo), a trade show running
 * now and 罗斌's social-media campaign coming up.
 */
export async function seedDemoCampaigns(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  // the demo people by username and the channels by name (reference data, read here)
  const people = (
    await db.execute(sql`SELECT id, username, name, department_id FROM users WHERE tenant_id = ${demo.tenantId}
      AND username IN ('gaoyan', 'luobin', 'zhaomin', 'liuyang') AND deleted_at IS NULL`)
  ).rows as { id: string; username: string; name: string; department_id: string }[];
  const channels = (
    await db.execute(sql`SELECT id, name FROM dictionary_items WHERE tenant_id = ${demo.tenantId}
      AND type = ${CHANNEL_DICTIONARY}`)
  ).rows as { id: string; name: string }[];
  const by = (u: string) => people.find((p) => p.username === u);
  const channel = (name: string) => channels.find((c) => c.name === name)?.id;
  const gaoyan = by('gaoyan');
  const luobin = by('luobin');
  const offline = channel('线下活动');
  const show = channel('展会');
  const social = channel('社交媒体');
  if (!gaoyan || !offline || !show) return;
  const day = (offset: number) => dayIn(timezone, new Date(Date.now() + offset * DAY));
  await db.transaction(async (tx) => {
    const actor = { tenantId: demo.tenantId, userId: gaoyan.id, userName: gaoyan.name };
    const team = ['zhaomin', 'liuyang'].map(by).filter((u) => u !== undefined);
    const spring = await insertCampaignFor(tx, actor, timezone, {
      name: DEMO_CAMPAIGN,
      channel: offline,
      status: 'finished',
      startDate: '2026-03-20',
      endDate: '2026-03-21',
      budget: '15000',
      targetCustomers: '华东区经销商与重点终端客户',
      products: '2026 春季新品系列',
      partners: '上海会展服务有限公司',
      description: '新品发布、现场演示与订货洽谈，会后由客户经理跟进意向客户',
      ownerId: gaoyan.id,
      departmentId: gaoyan.department_id,
      participantIds: team.map((u) => u.id),
      expenses: [
        { item: '场地租赁', amount: '8000.00', spentOn: '2026-03-20' },
        { item: '物料印刷', amount: '2350.50', spentOn: '2026-03-15' },
        { item: '茶歇与餐饮', amount: '1860.00', spentOn: '2026-03-21' },
      ],
    });
    const number = (await tx.execute(sql`SELECT number FROM campaigns WHERE id = ${spring}`)).rows[0] as {
      number: string;
    };
    const log: [string, string][] = [
      ['2026-03-02', '确定场地与日程，发出首批邀请函 120 份'],
      ['2026-03-15', '物料印刷完成，确认到场客户 46 家'],
      ['2026-03-20', '发布会当天到场 52 人，现场登记意向客户 18 家'],
      ['2026-03-24', '意向客户名单已录入线索并分配给客户经理'],
    ];
    for (const [on, content] of log)
      await insertActionFor(tx, actor, { id: spring, number: number.number }, on, content);
    await insertCampaignFor(tx, actor, timezone, {
      name: '华东建材博览会参展',
      channel: show,
      status: 'running',
      startDate: day(-2),
      endDate: day(3),
      budget: '30000',
      targetCustomers: '工程商、设计院',
      partners: '华东建材行业协会',
      ownerId: gaoyan.id,
      departmentId: gaoyan.department_id,
      participantIds: team.map((u) => u.id),
      expenses: [
        { item: '展位费', amount: '18000.00', spentOn: day(-20) },
        { item: '展台搭建', amount: '6500.00', spentOn: day(-3) },
      ],
    });
    if (luobin && social)
      await insertCampaignFor(
        tx,
        { tenantId: demo.tenantId, userId: luobin.id, userName: luobin.name },
        timezone,
        {
          name: '华南区公众号新品种草',
          channel: social,
          startDate: day(10),
          endDate: day(40),
          budget: '5000',
          targetCustomers: '华南区门店客户',
          ownerId: luobin.id,
          departmentId: luobin.department_id,
          participantIds: [],
        },
      );
  });
}
