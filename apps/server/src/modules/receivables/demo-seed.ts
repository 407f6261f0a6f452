import { fromCents, toCents } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { demoContracts } from '../contracts/service.ts';
import { createInvoice, decideInvoice, issueInvoice } from './invoice-service.ts';
import { createPayment, createPlan } from './service.ts';

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * 回款 and 开票 of the demo contracts: three instalments each (30 / 40 / 30 %, at 1, 4 and 8
 * months), paid a few days before they fell due — except every third contract, whose latest due
 * instalment is unpaid or half paid (the overdue list) — and invoices in every state.
 */
export async function seedDemoReceivables(db: Db, demo: DemoTenant) {
  const admin = await demoCaller(db, demo.tenantId, 'admin');
  const contracts = (await demoContracts(db, demo.tenantId)).filter((k) => k.status !== 'draft');
  if (!admin || !contracts.length) return;
  const method = (
    await db.execute(
      sql`SELECT id FROM dictionary_items WHERE tenant_id = ${demo.tenantId} AND type = 'payment-method' ORDER BY sort_order, id LIMIT 1`,
    )
  ).rows[0] as { id: string } | undefined;
  if (!method) return;
  const callers = new Map<string, Caller>();
  const today = todayIn(admin.timeZone);
  for (const [i, k] of contracts.entries()) {
    const c = callers.get(k.owner_id) ?? (await callerById(db, demo.tenantId, k.owner_id));
    if (!c || k.status === 'terminated') continue;
    callers.set(k.owner_id, c);
    const total = toCents(k.amount);
    const parts = [(total * 30n) / 100n, (total * 40n) / 100n];
    parts.push(total - parts[0] - parts[1]);
    const plans = [];
    for (const [n, part] of parts.entries())
      plans.push(
        await createPlan(db, c, {
          contractId: k.id,
          amount: fromCents(part),
          dueDate: addDays(k.start_date, [30, 120, 240][n]),
        }),
      );
    const due = plans.filter((p) => p.dueDate < today);
    for (const [n, p] of due.entries()) {
      const last = n === due.length - 1;
      // every third contract: its latest due instalment unpaid (or half paid)
      const short = i % 3 === 1 && last;
      const amount = short ? (i % 2 ? 0n : toCents(p.amount) / 2n) : toCents(p.amount);
      if (amount <= 0n) continue;
      await createPayment(db, c, {
        contractId: k.id,
        planId: p.id,
        amount: fromCents(amount),
        paidAt: addDays(p.dueDate, -3) < today ? addDays(p.dueDate, -3) : today,
        method: method.id,
        payer: k.their_company,
      });
    }
    if (!due.length) continue;
    // invoices: requested, approved, issued, rejected in turn
    const invoice = await createInvoice(db, c, {
      contractId: k.id,
      amount: plans[0].amount,
      title: k.their_company ?? k.number,
      taxNumber: `91310000MA1K${String(1000 + i).padStart(6, '0')}`,
      type: i % 2 ? 'special' : 'normal',
    });
    const state = i % 4;
    if (state === 0) continue;
    const decided = await decideInvoice(db, admin, invoice.id, {
      version: invoice.version,
      decision: state === 3 ? 'reject' : 'approve',
      reason: state === 3 ? '纳税人识别号有误，请核对后重新申请' : undefined,
    });
    if (state === 2)
      await issueInvoice(db, admin, invoice.id, {
        version: decided.version,
        invoiceNumber: `0${String(31_000_000 + i * 137)}`,
        issuedOn: addDays(plans[0].dueDate, 2) < today ? addDays(plans[0].dueDate, 2) : today,
      });
  }
}

async function callerById(db: Db, tenantId: string, userId: string) {
  const found = await db.execute(
    sql`SELECT username FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  const username = (found.rows[0] as { username: string } | undefined)?.username;
  return username ? demoCaller(db, tenantId, username) : null;
}
