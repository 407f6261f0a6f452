import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { markDone, markRead } from './receipts-service.ts';
import { createAnnouncement } from './service.ts';

const DAY = 86_400_000;

/**
 * The demo's announcements: a pinned notice from 总经理 to the whole company, and 上海分公司's
 * instruction to the branch with its stores, with partial receipts (one store done, one read,
 * the rest not yet) — so the receipts per department show something on the first start.
 */
export async function seedDemoAnnouncements(db: Db, demo: DemoTenant) {
  const [boss, branch, liuyang, huangwei, zhaomin] = await Promise.all(
    ['wangjianguo', 'zhouqiang', 'liuyang', 'huangwei', 'zhaomin'].map((u) =>
      demoCaller(db, demo.tenantId, u),
    ),
  );
  if (!boss || !branch) return;
  const now = Date.now();
  const notice = await createAnnouncement(db, boss, {
    kind: 'notice',
    title: '关于年终客户回访工作的通知',
    content:
      '<p>各部门：</p><p>年底将至，请各区域在<strong>本月底前</strong>完成重点客户的年终回访，回访结果记入跟进记录。</p><ul><li>A 类客户：上门拜访</li><li>B 类客户：电话回访</li></ul><p>总经理办公室</p>',
    departmentIds: [demo.rootDepartmentId],
    pinned: true,
    expiresAt: new Date(now + 30 * DAY).toISOString(),
  });
  const sh = (await db.execute(sql`SELECT department_id FROM users WHERE id = ${branch.p.userId}`))
    .rows[0] as { department_id: string };
  const instruction = await createAnnouncement(db, branch, {
    kind: 'instruction',
    title: '本周内完成门店库存盘点并上报',
    content: '<p>请各门店在周五前完成库存盘点，盘点差异在完成说明里写明原因。</p><p>上海分公司 周强</p>',
    departmentIds: [sh.department_id],
    dueAt: new Date(now + 4 * DAY).toISOString(),
  });
  if (liuyang) {
    await markRead(db, liuyang, notice.id);
    await markDone(db, liuyang, instruction.id, '浦东中心门店已盘点，差异 2 件，已查明为退货未入账。');
  }
  if (huangwei) await markRead(db, huangwei, instruction.id);
  if (zhaomin) await markRead(db, zhaomin, notice.id);
}
