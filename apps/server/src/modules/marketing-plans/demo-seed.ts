import { createHash } from 'node:crypto';
import type { CreateMarketingPlan } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { type Caller, callerForJob } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { createCheckIn } from '../check-ins/service.ts';
import { demoVisitTargets } from '../customers/location-service.ts';
import { fileStorages } from '../files/record-files-service.ts';
import { createPlan, getPlan, reviewPlan, saveFeedback, submitFeedback } from './service.ts';

const DAY = 86_400_000;

async function callerOf(db: Db, tenantId: string, username: string): Promise<Caller | null> {
  const found = await db.execute(
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND username = ${username} AND deleted_at IS NULL`,
  );
  const id = (found.rows[0] as { id: string } | undefined)?.id;
  const row = id ? await findUserPrincipal(db, tenantId, id) : undefined;
  return row ? callerForJob(toPrincipal(row, 'job')) : null;
}

/** A plain picture for a demo 活动签到 (a colour per check-in). */
async function demoPhoto(n: number) {
  const { default: sharp } = await import('sharp');
  const hue = (k: number) => (n * 67 + k * 41) % 255;
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: hue(1), g: hue(2), b: hue(3) } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function photoOf(n: number) {
  const data = await demoPhoto(n);
  return {
    name: 'activity.jpg',
    data,
    mimeType: 'image/jpeg',
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** `YYYY-MM-DD` `days` from today. */
const shift = (today: string, days: number) =>
  new Date(Date.parse(today) + days * DAY).toISOString().slice(0, 10);

/**
 * 营销计划 of the demo in every state, made through the service as people would: 刘洋's plans in
 * 浦东 (one executed with 活动签到 and its feedback submitted, one running with a draft, one waiting
 * in 未审核, one rejected) and 高燕's 地面推广 with ¥3,000 of expenses, in the approval flow.
 */
export async function seedDemoPlans(db: Db, demo: DemoTenant) {
  const [liuyang, gaoyan, zhouqiang] = await Promise.all(
    ['liuyang', 'gaoyan', 'zhouqiang'].map((u) => callerOf(db, demo.tenantId, u)),
  );
  if (!liuyang || !gaoyan || !zhouqiang) return;
  const today = todayIn(liuyang.timeZone);
  const home = { lat: 31.2214, lng: 121.5447 };
  const targets = await demoVisitTargets(
    db,
    { tenantId: demo.tenantId, userId: liuyang.p.userId, userName: liuyang.p.name },
    home,
    4,
  );
  const base = (over: Partial<CreateMarketingPlan>): CreateMarketingPlan => ({
    type: 'visit',
    subType: 'deepening',
    title: '',
    startDate: today,
    endDate: today,
    customerIds: targets.map((t) => t.id),
    goals: [
      { kind: 'visits', target: 8 },
      { kind: 'deals', target: 2 },
      { kind: 'amount', target: '50000' },
    ],
    ...over,
  });

  const done = await createPlan(
    db,
    liuyang,
    base({ title: '浦东老客户深挖回访', startDate: shift(today, -20), endDate: shift(today, -6) }),
  );
  const running = await createPlan(
    db,
    liuyang,
    base({
      subType: 'prospect-development',
      title: '陆家嘴写字楼潜在客户开发',
      startDate: shift(today, -3),
      endDate: shift(today, 10),
    }),
  );
  for (const plan of [done, running])
    await reviewPlan(db, zhouqiang, plan.id, {
      decision: 'approve',
      comment: '同意，注意拍照留痕',
      version: plan.version,
    });
  await createPlan(
    db,
    liuyang,
    base({
      subType: 'lost-recovery',
      title: '流失客户再开发（12月）',
      startDate: shift(today, 3),
      endDate: shift(today, 20),
    }),
  );
  const rejected = await createPlan(
    db,
    liuyang,
    base({
      subType: 'delivered-development',
      title: '到货客户开发（重复计划）',
      startDate: shift(today, 1),
      endDate: shift(today, 5),
    }),
  );
  await reviewPlan(db, zhouqiang, rejected.id, {
    decision: 'reject',
    comment: '与上周计划重复，请合并',
    version: rejected.version,
  });

  // 活动签到 against the executed plans, as the phone sent them
  const storages = fileStorages(db, undefined);
  let n = 0;
  for (const [plan, days] of [
    [done, [-18, -15, -12, -9, -7]],
    [running, [-2, -1]],
  ] as const) {
    for (const back of days) {
      const target = targets[n % Math.max(targets.length, 1)];
      const at = new Date(`${shift(today, back)}T02:${String(10 + n).padStart(2, '0')}:00Z`);
      const point = target ?? home;
      await createCheckIn(
        db,
        { storages, now: () => new Date(at.getTime() + 4000) },
        liuyang,
        `demo-plan-${plan.id}-${n}`,
        {
          type: 'activity',
          lat: point.lat + 0.0004,
          lng: point.lng + 0.0003,
          accuracy: 15,
          capturedAt: at.toISOString(),
          planId: plan.id,
          customerId: target?.id,
          note: plan.title,
        },
        await photoOf(n),
      );
      n += 1;
    }
  }
  const approvedDone = await reviewState(db, liuyang, done.id);
  const draft = await saveFeedback(db, liuyang, done.id, {
    results: [
      { kind: 'visits', actual: 9 },
      { kind: 'deals', actual: 1 },
      { kind: 'amount', actual: '36000' },
    ],
    actualExpenses: '0',
    notes: '回访 9 家，签单 1 家；两家客户下季度有采购意向，已录入跟进。',
    version: approvedDone,
  });
  await submitFeedback(db, liuyang, done.id, draft.version);
  const runningVersion = await reviewState(db, liuyang, running.id);
  await saveFeedback(db, liuyang, running.id, {
    results: [{ kind: 'visits', actual: 2 }],
    notes: '进行中',
    version: runningVersion,
  });

  // 高燕's promotion with expenses: through the approval flow (its demo flow, when there is one)
  await createPlan(db, gaoyan, {
    type: 'promotion',
    subType: 'ground-promotion',
    title: '浦东商圈地面推广（周末）',
    startDate: shift(today, 2),
    endDate: shift(today, 9),
    goals: [
      { kind: 'leads', target: 60 },
      { kind: 'new-customers', target: 10 },
    ],
    expenses: [
      { item: '物料印刷', amount: '1200.00' },
      { item: '场地费', amount: '1500.00' },
      { item: '礼品', amount: '300.00' },
    ],
  });
}

const reviewState = async (db: Db, c: Caller, id: string) => (await getPlan(db, c, id)).version;
