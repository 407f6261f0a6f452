import { periodStartOf } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import type { Actor } from '../../platform/audit.ts';
import { rng } from '../../platform/random.ts';
import { textList } from '../../platform/sql-lists.ts';
import { getTenant } from '../organization/tenants-service.ts';
import { figuresOf, insertCommentFor, insertReportFor } from './service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The demo's reporters (account managers of 华东 and 华南) and how many working days back they reported. */
const AUTHORS = ['liuyang', 'huangwei', 'xufang', 'majun'];
const WEEKS = 3;

const daySummaries = [
  '上午电话回访 3 家老客户，确认下季度采购意向；下午上门拜访，演示了新版报价方案，客户反馈积极。',
  '整理本周重点客户跟进表，补齐联系人信息；拜访一家新客户，了解到对方年底有设备更新预算。',
  '跟进两家意向客户的报价，其中一家要求补充技术参数，已协调售前明天提供。',
  '参加区域例会，同步了重点客户进展；下午处理一家客户的售后投诉，已安排服务上门。',
  '陪同主管拜访大客户，沟通年度框架合同条款；晚上整理会议纪要发给客户确认。',
];
const dayPlans = [
  '明天上午拜访两家客户，下午准备报价单并提交审批。',
  '继续跟进报价反馈，约下周一的现场演示。',
  '整理客户需求清单，和售前确认方案细节。',
  '回访本周签到的客户，确认下一步联系人和时间。',
];
const weekSummaries = [
  '本周共拜访客户 8 家，新增意向客户 2 家；重点客户的框架合同进入法务审核阶段。',
  '本周以老客户回访为主，完成季度满意度回访 12 家，收集到 3 条产品改进建议。',
  '本周新开发客户 3 家，其中 1 家已进入报价阶段；另有 2 家客户因预算推迟到下月。',
];
const weekPlans = [
  '下周重点推进框架合同签署，安排 2 次现场演示，完成月度拜访计划的 80%。',
  '下周集中拜访浦东片区客户，争取新增 2 家意向客户。',
  '下周跟进报价中的 4 家客户，配合市场部做一场客户沙龙。',
];
const comments = [
  '内容很具体，报价的技术参数尽快补齐，别让客户等。',
  '大客户的合同节点请同步给我，需要支持随时说。',
  '拜访量不错，注意把客户反馈记到跟进记录里。',
  '下周的演示提前一天把方案发我看一下。',
  '投诉处理得及时，后续回访结果也报一下。',
];

/**
 * The demo's work reports: the field people's daily reports for the last weeks' working days and
 * their weekly reports, with real figures from the seeded records; their supervisors' 点评 on some.
 * Today's daily report is left unwritten (so 未汇报 shows who still owes one).
 */
export async function seedDemoWorkReports(db: Db, demo: DemoTenant) {
  const { timezone } = await getTenant(db, demo.tenantId);
  const people = (
    await db.execute(sql`SELECT u.id, u.name, s.id AS lead_id, s.name AS lead_name
      FROM users u LEFT JOIN users s ON s.id = u.supervisor_id
      WHERE u.tenant_id = ${demo.tenantId} AND u.username = ANY(${textList(AUTHORS)}) AND u.deleted_at IS NULL
      ORDER BY u.username`)
  ).rows as { id: string; name: string; lead_id: string | null; lead_name: string | null }[];
  const today = (
    (await db.execute(sql`SELECT (now() AT TIME ZONE ${timezone})::date::text AS d`)).rows[0] as { d: string }
  ).d;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const dates = Array.from({ length: WEEKS * 7 }, (_, i) =>
    new Date(todayMs - (i + 1) * DAY).toISOString().slice(0, 10),
  )
    .filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))
    .reverse();
  const thisWeek = periodStartOf('week', today);
  const weeks = [...new Set(dates.map((d) => periodStartOf('week', d)))].filter((w) => w !== thisWeek);
  const r = rng(31);
  // written in the evening of the period's last day (the tenant's zone is ahead of UTC in the demo: about right)
  const evening = (date: string) => new Date(Date.parse(`${date}T10:30:00Z`) + r.int(90) * 60_000);
  for (const person of people) {
    const author: Actor = { tenantId: demo.tenantId, userId: person.id, userName: person.name };
    const lead: Actor | null = person.lead_id
      ? { tenantId: demo.tenantId, userId: person.lead_id, userName: person.lead_name }
      : null;
    const write = async (
      period: 'day' | 'week',
      start: string,
      last: string,
      summary: string,
      plan: string,
    ) => {
      if (r.chance(0.1)) return; // now and then someone forgets
      const figures = await figuresOf(db, demo.tenantId, person.id, period, start, timezone);
      const at = evening(last);
      await db.transaction(async (tx) => {
        const id = await insertReportFor(
          tx,
          author,
          person.id,
          { period, start, summary, plan, submit: true },
          figures,
          at,
        );
        if (lead && r.chance(period === 'week' ? 0.8 : 0.35))
          await insertCommentFor(
            tx,
            lead,
            { id, userId: person.id, period, start },
            r.pick(comments),
            new Date(at.getTime() + 14 * HOUR),
          );
      });
    };
    for (const d of dates) await write('day', d, d, r.pick(daySummaries), r.pick(dayPlans));
    for (const w of weeks) {
      const friday = new Date(Date.parse(`${w}T00:00:00Z`) + 4 * DAY).toISOString().slice(0, 10);
      await write('week', w, friday, r.pick(weekSummaries), r.pick(weekPlans));
    }
  }
}
