import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { writeAudits } from '../../platform/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { campaignIdByName } from '../campaigns/published.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import * as repo from './repository.ts';
import { seedStages } from './stages-service.ts';

const DAY = 86_400_000;

/** Deal names: what the demo's companies buy. */
const deals = [
  '年度设备采购',
  '生产线自动化改造',
  'ERP 系统升级',
  '办公网络扩容',
  '仓储管理系统',
  '门店收银设备更新',
  '安防监控项目',
  '数据中心服务器采购',
  '年度维保服务',
  '新厂区配套采购',
  '员工培训平台',
  '节能改造项目',
];
/** Told apart when one deal name comes round again. */
const phases = ['', '（二期）', '（总部）', '（分厂）', '（续约）', '（扩容）'];
const prospects = [
  '苏州恒信精密',
  '宁波海川物流',
  '无锡蓝图科技',
  '嘉兴同创包装',
  '常州锐达机电',
  '南通远航纺织',
];

/**
 * The demo's pipeline: for each account manager (assigned by their supervisor) open deals in every
 * stage — some for customers, some for prospects, a few stalled (no move for weeks) — and deals
 * won or lost across the last 18 months, so the board, funnel, forecast and targets have history.
 */
export async function seedDemoOpportunities(db: Db, demo: DemoTenant) {
  const { tenantId } = demo;
  const people = (
    await db.execute(sql`SELECT u.id, u.username, u.name, u.department_id, u.supervisor_id FROM users u
      WHERE u.tenant_id = ${tenantId} AND u.deleted_at IS NULL
        AND u.username IN ('liuyang', 'huangwei', 'xufang', 'majun', 'hulin', 'linxue')`)
  ).rows as {
    id: string;
    username: string;
    name: string;
    department_id: string;
    supervisor_id: string | null;
  }[];
  if (!people.length) return;
  const dictionary = (
    await db.execute(sql`SELECT id, type FROM dictionary_items WHERE tenant_id = ${tenantId}
      AND type IN ('customer-source', 'lost-reason') AND valid ORDER BY sort_order, id`)
  ).rows as { id: string; type: string }[];
  const sources = dictionary.filter((d) => d.type === 'customer-source').map((d) => d.id);
  const reasons = dictionary.filter((d) => d.type === 'lost-reason').map((d) => d.id);
  const customers = await demoCustomersOf(
    db,
    tenantId,
    people.map((p) => p.id),
    6,
  );
  // the spring launch's leads became deals: one of them won (the campaign's ROI counts it)
  const spring = await campaignIdByName(db, tenantId, '2026 春季新品推广会');
  let springWon = false;
  const now = Date.now();
  const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
  await db.transaction(async (tx) => {
    await seedStages(tx, tenantId);
    const stages = await repo.stagesOf(tx, tenantId);
    const audits: Parameters<typeof writeAudits>[2] = [];
    let n = 0;
    for (const person of people) {
      const theirs = customers.filter((c) => c.owner_id === person.id);
      const creator = person.supervisor_id ?? person.id;
      const add = async (v: {
        status: 'unassigned' | 'developing' | 'won' | 'lost';
        stageIndex: number;
        ageDays: number;
        stageAgeDays: number;
        closeOffsetDays: number;
        prospect: boolean;
      }) => {
        n++;
        const stage = stages[Math.min(v.stageIndex, stages.length - 1)];
        const customer = !v.prospect && theirs.length ? theirs[n % theirs.length] : null;
        const created = new Date(now - v.ageDays * DAY);
        const stageChanged = new Date(now - v.stageAgeDays * DAY);
        const closedAt =
          v.status === 'won' || v.status === 'lost' ? new Date(now + v.closeOffsetDays * DAY) : null;
        const amount = `${(3 + ((n * 7) % 40)) * 10000 + ((n * 37) % 10) * 500}.00`;
        const assigned = v.status !== 'unassigned';
        const fromSpring = Boolean(spring) && !springWon && v.status === 'won' && Boolean(customer);
        if (fromSpring) springWon = true;
        const row = await repo.insertOpportunity(tx, {
          id: uuidv7(),
          tenantId,
          createdBy: creator,
          createdAt: created,
          updatedAt: closedAt ?? stageChanged,
          title: `${deals[(n * 5) % deals.length]}${phases[Math.floor(n / deals.length) % phases.length]}`,
          customerId: customer?.id ?? null,
          prospectName: customer ? null : prospects[(n * 7) % prospects.length],
          expectedAmount: amount,
          probability: v.status === 'won' ? '100' : v.status === 'lost' ? '0' : stage.probability,
          stageId: stage.id,
          stageChangedAt: stageChanged,
          expectedCloseDate: day(v.closeOffsetDays),
          contactId: customer?.contact_id ?? null,
          sourceId: sources.length ? sources[n % sources.length] : null,
          campaignId: fromSpring ? spring : null,
          status: v.status,
          assigneeId: assigned ? person.id : null,
          assignedAt: assigned ? created : null,
          ownerId: assigned ? person.id : creator,
          departmentId: person.department_id,
          closedAt,
          lostReasonId: v.status === 'lost' && reasons.length ? reasons[n % reasons.length] : null,
          // a stalled demo deal was warned about already (the first run of the job tells nobody twice)
          stalledNotifiedAt: null,
        });
        // its way through the stages: created in the first, one step per stage after
        for (let i = 0; i <= v.stageIndex && i < stages.length; i++) {
          const at = new Date(
            created.getTime() +
              ((stageChanged.getTime() - created.getTime()) * i) / Math.max(v.stageIndex, 1),
          );
          await repo.insertHistory(tx, {
            id: uuidv7(),
            tenantId,
            opportunityId: row.id,
            kind: i === 0 ? 'created' : 'stage',
            fromStageId: i === 0 ? null : stages[i - 1].id,
            toStageId: stages[i].id,
            probability: stages[i].probability,
            userId: i === 0 ? creator : person.id,
            at: i === v.stageIndex ? stageChanged : at,
          });
        }
        if (closedAt)
          await repo.insertHistory(tx, {
            id: uuidv7(),
            tenantId,
            opportunityId: row.id,
            kind: v.status === 'won' ? 'won' : 'lost',
            fromStageId: stage.id,
            probability: row.probability,
            userId: person.id,
            at: closedAt,
          });
        audits.push({ action: 'create', entity: 'opportunities', entityId: row.id, summary: row.title });
      };
      // open: every stage, the last two weeks' moves; a third one stalled for 40 days
      for (let s = 0; s < stages.length; s++) {
        await add({
          status: 'developing',
          stageIndex: s,
          ageDays: 20 + s * 6,
          stageAgeDays: 2 + s,
          closeOffsetDays: 10 + s * 12,
          prospect: s % 2 === 1,
        });
      }
      await add({
        status: 'developing',
        stageIndex: 1,
        ageDays: 70,
        stageAgeDays: 40,
        closeOffsetDays: 20,
        prospect: true,
      });
      await add({
        status: 'unassigned',
        stageIndex: 0,
        ageDays: 1,
        stageAgeDays: 1,
        closeOffsetDays: 60,
        prospect: true,
      });
      // closed over the last 18 months: two of three won
      for (let m = 0; m < 18; m += 2) {
        const won = (m / 2 + people.indexOf(person)) % 3 !== 2;
        const closeOffsetDays = -(m * 30 + 5 + (n % 9));
        await add({
          status: won ? 'won' : 'lost',
          stageIndex: won ? stages.length - 1 : 1 + (m % 3),
          ageDays: -closeOffsetDays + 45,
          stageAgeDays: -closeOffsetDays + 10,
          closeOffsetDays,
          prospect: false,
        });
      }
    }
    await writeAudits(tx, { tenantId, userId: null, userName: null }, audits);
  });
}
