import { fromCents } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { todayIn } from '../../platform/dates.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import { submitContract, terminateContract } from './lifecycle-service.ts';
import { runContractReminders } from './reminders.ts';
import { createContract } from './service.ts';

const sellers = ['liuyang', 'huangwei', 'xufang', 'majun', 'hulin', 'guoyong', 'linxue', 'hejie'];
const subjects = [
  '年度采购合同',
  '设备采购合同',
  '技术服务合同',
  '软件许可合同',
  '维保服务合同',
  '框架合作协议',
];

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 合同 of the demo customers over the last 18 months: signed a few weeks apart, a year each (the
 * oldest expired by now, one ending within the reminder days), in force without an approval flow;
 * one still a draft, one terminated. Their money is receivables' demo.
 */
export async function seedDemoContracts(db: Db, demo: DemoTenant) {
  const callers = (await Promise.all(sellers.map((u) => demoCaller(db, demo.tenantId, u)))).filter(
    (c) => c !== null,
  );
  if (!callers.length) return;
  const customers = await demoCustomersOf(
    db,
    demo.tenantId,
    callers.map((c) => c.p.userId),
    3,
  );
  const today = todayIn(callers[0].timeZone);
  // 刘洋's newest stays a draft and the one before it ends within the reminder days
  const his = customers.filter((x) => x.owner_id === callers[0].p.userId).map((x) => x.id);
  const draftId = his.at(-1);
  const endingId = his.at(-2);
  for (const [i, customer] of customers.entries()) {
    const c = callers.find((x) => x.p.userId === customer.owner_id);
    if (!c) continue;
    // signed from 540 days ago to last week; 刘洋's second newest ends within 30 days
    const start =
      customer.id === endingId
        ? addDays(today, -345)
        : addDays(today, -540 + i * Math.floor(530 / customers.length));
    const amount = fromCents(
      BigInt((((i * 7919) % 45) + 5) * 1_000_000 + ((i * 37) % 100) * 100 + (i % 3) * 50),
    );
    const k = await createContract(db, c, {
      title: `${customer.name}${subjects[i % subjects.length]}`,
      customerId: customer.id,
      amount,
      signedAt: addDays(start, -3),
      startDate: start,
      endDate: addDays(start, 364),
      ourCompany: '冠希科技有限公司',
      ourSignatory: c.p.name,
      theirCompany: customer.name,
      terms:
        '1. 付款方式：按回款计划分期付款，银行转账。\n2. 交付：合同生效后 30 日内完成交付。\n3. 质保：自验收之日起 12 个月。',
    });
    if (customer.id === draftId) continue;
    const active = await submitContract(db, c, k.id, k.version);
    if (i === 3)
      await terminateContract(db, c, k.id, { version: active.version, reason: '客户业务调整，双方协商终止' });
  }
  // the oldest are past their end: expired, their owners told (and reminded of the one ending soon)
  await runContractReminders(db);
}
