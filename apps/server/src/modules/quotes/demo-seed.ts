import type { CreateQuote, QuoteStatus } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { type Caller, callerForJob } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import { productIdsByCodes } from '../products/published.ts';
import { createQuote, decideQuote, expireQuotes, moveQuote, submitQuote } from './service.ts';

const DAY = 86_400_000;

async function callerOf(db: Db, tenantId: string, username: string): Promise<Caller | null> {
  const found = await db.execute(
    sql`SELECT id FROM users WHERE tenant_id = ${tenantId} AND username = ${username} AND deleted_at IS NULL`,
  );
  const id = (found.rows[0] as { id: string } | undefined)?.id;
  const row = id ? await findUserPrincipal(db, tenantId, id) : undefined;
  return row ? callerForJob(toPrincipal(row, 'job')) : null;
}

/** What each demo quote sells: [product code, quantity, discount %]. */
type Line = [string, string, string];

/** The demo's quotes, one per state, made through the service as people would (numbered, audited). */
const quotes: { seller: 'liuyang' | 'huangwei'; state: QuoteStatus; lines: Line[]; days: number }[] = [
  {
    seller: 'liuyang',
    state: 'draft',
    lines: [
      ['HW-P300', '2', '5'],
      ['SV-INST', '4', '0'],
    ],
    days: 30,
  },
  { seller: 'liuyang', state: 'in-approval', lines: [['SL-OFFICE', '1', '18']], days: 30 },
  {
    seller: 'liuyang',
    state: 'approved',
    lines: [
      ['HW-M500', '1', '10'],
      ['SV-MAINT', '1', '0'],
    ],
    days: 20,
  },
  {
    seller: 'liuyang',
    state: 'sent',
    lines: [
      ['CS-TN12', '10', '8'],
      ['CS-A4', '20', '5'],
    ],
    days: 15,
  },
  {
    seller: 'huangwei',
    state: 'accepted',
    lines: [
      ['PT-DR02', '4', '5'],
      ['CS-A4', '10', '0'],
    ],
    days: 30,
  },
  { seller: 'huangwei', state: 'rejected', lines: [['HW-PJ80', '2', '12']], days: 10 },
  { seller: 'huangwei', state: 'expired', lines: [['SW-DOC', '1', '10']], days: 1 },
  {
    seller: 'huangwei',
    state: 'draft',
    lines: [
      ['SW-PRT', '1', '0'],
      ['SV-TRAIN', '6', '0'],
    ],
    days: 30,
  },
];

/**
 * 报价单 of the demo in every state: 刘洋 (浦东) with a draft, one with an 18% discount waiting for
 * its approval (no flow: 周强, his supervisor, holds quotes:approve), an approved and a sent one;
 * 黄伟 (徐汇) with one accepted (the orders' demo turns it into an order), one rejected, one expired.
 */
export async function seedDemoQuotes(db: Db, demo: DemoTenant) {
  const [liuyang, huangwei, zhouqiang] = await Promise.all(
    ['liuyang', 'huangwei', 'zhouqiang'].map((u) => callerOf(db, demo.tenantId, u)),
  );
  if (!liuyang || !huangwei || !zhouqiang) return;
  const sellers = { liuyang, huangwei };
  const customers = await demoCustomersOf(db, demo.tenantId, [liuyang.p.userId, huangwei.p.userId], 4);
  const products = await productIdsByCodes(
    db,
    demo.tenantId,
    quotes.flatMap((q) => q.lines.map(([code]) => code)),
  );
  const today = todayIn(liuyang.timeZone);
  const inDays = (days: number) => new Date(Date.parse(today) + days * DAY).toISOString().slice(0, 10);
  let expiring = false;
  for (const [i, spec] of quotes.entries()) {
    const c = sellers[spec.seller];
    const mine = customers.filter((x) => x.owner_id === c.p.userId);
    const lines = spec.lines.flatMap(([code, quantity, discountPercent]) => {
      const productId = products.get(code);
      return productId ? [{ productId, quantity, discountPercent }] : [];
    });
    if (!mine.length || !lines.length) continue;
    const input: CreateQuote = {
      customerId: mine[i % mine.length].id,
      taxRate: '13',
      validUntil: inDays(spec.days),
      lines,
    };
    let q = await createQuote(db, c, input);
    if (spec.state === 'draft') continue;
    q = await submitQuote(db, c, q.id, q.version);
    if (spec.state === 'in-approval') continue;
    if (q.status === 'in-approval')
      q = await decideQuote(db, zhouqiang, q.id, {
        decision: 'approve',
        version: q.version,
        comment: '同意',
      });
    if (spec.state === 'approved') continue;
    q = await moveQuote(db, c, q.id, 'send', q.version);
    if (spec.state === 'accepted') await moveQuote(db, c, q.id, 'accept', q.version, '客户确认');
    if (spec.state === 'rejected') await moveQuote(db, c, q.id, 'reject', q.version, '预算不足');
    if (spec.state === 'expired') expiring = true;
  }
  // the night after tomorrow: the one valid until tomorrow has expired
  if (expiring)
    await expireQuotes(
      db,
      [{ id: demo.tenantId, timezone: liuyang.timeZone }],
      new Date(Date.now() + 2 * DAY),
    );
}
