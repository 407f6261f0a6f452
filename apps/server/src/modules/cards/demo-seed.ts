import { fromCents, toCents } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { insertRows } from '../../platform/bulk-insert.ts';
import { addDays, todayIn } from '../../platform/dates.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createBatch } from './batch-service.ts';
import { cardEntries } from './schema.ts';

type Status = 'issued' | 'active' | 'frozen' | 'scrapped' | 'expired';
type Step = {
  kind: 'activate' | 'recharge' | 'consume' | 'refund' | 'scrap' | 'expire';
  yuan?: number;
  store?: string;
};
type Plan = { status: Status; steps: Step[]; expired?: boolean };

/**
 * What happens to the i-th card (1-based) of 上海's gift batch: most activated and used (recharges,
 * payments at the two 上海 stores, a refund now and then), some frozen, scrapped, expired; the last
 * seven never activated. Amounts are fixed so the demo reads the same every time.
 */
function giftCardPlan(i: number, stores: string[]): Plan {
  const store = stores[i % stores.length];
  const pay = 60 + ((i * 37) % 180);
  if (i <= 24) {
    const steps: Step[] = [{ kind: 'activate' }];
    if (i % 3 === 0) steps.push({ kind: 'recharge', yuan: 200 });
    steps.push({ kind: 'consume', yuan: pay, store });
    if (i % 5 === 0) steps.push({ kind: 'refund' });
    if (i % 4 === 0) steps.push({ kind: 'consume', yuan: 50, store: stores[(i + 1) % stores.length] });
    return { status: 'active', steps };
  }
  if (i <= 27)
    return { status: 'frozen', steps: [{ kind: 'activate' }, { kind: 'consume', yuan: 100, store }] };
  if (i <= 30)
    return {
      status: 'scrapped',
      steps: [...(i === 28 ? [{ kind: 'activate' as const }] : []), { kind: 'scrap' }],
    };
  if (i <= 33)
    return {
      status: 'expired',
      expired: true,
      steps: [{ kind: 'activate' }, { kind: 'consume', yuan: 120, store }, { kind: 'expire' }],
    };
  return { status: 'issued', steps: [] };
}

/** 广州's online batch: the first eight activated, most with one payment; the rest not yet. */
function onlineCardPlan(i: number, stores: string[]): Plan {
  if (i > 8) return { status: 'issued', steps: [] };
  const steps: Step[] = [{ kind: 'activate' }];
  if (i % 4 !== 0) steps.push({ kind: 'consume', yuan: 30 + i * 11, store: stores[i % stores.length] });
  return { status: 'active', steps };
}

/**
 * 充值卡 of the demo: two batches made through the batch service (numbers, hashed secrets, sealed
 * key — so the demo's cards take payment with their exported secrets), each card's later life
 * written set-based in one insert of entries whose running sum is the balance the cards then get
 * (the ledger's invariant: balance = the sum of its entries). Batch A (上海分公司, 梁晓): 40 cards of
 * ¥500 mostly in use; batch B (广州分公司, 宋倩): 20 of ¥200 sold online, partly activated, ending in
 * 25 days (即将过期). Needs the server key; without it (GUANXI_DEMO tests without one) nothing is made.
 */
export async function seedDemoCards(db: Db, demo: DemoTenant) {
  if (!demo.serverKey) return;
  const [shanghai, guangzhou] = await Promise.all(
    ['liangxiao', 'songqian'].map((u) => demoCaller(db, demo.tenantId, u)),
  );
  if (!shanghai || !guangzhou) return;
  const today = todayIn(shanghai.timeZone);
  const storeIds = await departmentIds(db, demo.tenantId, [
    '浦东中心门店',
    '徐汇小微门店',
    '天河中心门店',
    '越秀小微门店',
  ]);
  const gift = await createBatch(db, demo.serverKey, shanghai, {
    name: '春节礼品卡',
    faceValue: '500',
    count: 40,
    producedAt: addDays(today, -90),
    expiresAt: addDays(today, 365),
    channel: '门店',
  });
  const online = await createBatch(db, demo.serverKey, guangzhou, {
    name: '电商储值卡',
    faceValue: '200',
    count: 20,
    producedAt: addDays(today, -45),
    expiresAt: addDays(today, 25),
    channel: '天猫旗舰店',
  });
  await writeLives(db, demo.tenantId, gift.id, 90, today, (i) => giftCardPlan(i, storeIds.slice(0, 2)));
  await writeLives(db, demo.tenantId, online.id, 45, today, (i) => onlineCardPlan(i, storeIds.slice(2)));
}

async function departmentIds(db: Db, tenantId: string, names: string[]) {
  const r = await db.execute(
    sql`SELECT id, name FROM departments WHERE tenant_id = ${tenantId} AND name = ANY(${`{${names.join(',')}}`}::text[])`,
  );
  const byName = new Map((r.rows as { id: string; name: string }[]).map((d) => [d.name, d.id]));
  return names.map((n) => byName.get(n) ?? null).filter((id): id is string => id !== null);
}

/**
 * The batch made `daysAgo` days ago (its cards and `issue` entries moved there), then each card's
 * steps one day apart from then on: entries with their running balance, and the card's final
 * status and balance in one UPDATE. An expired card's last day is set in the past.
 */
async function writeLives(
  db: Db,
  tenantId: string,
  batchId: string,
  daysAgo: number,
  today: string,
  planOf: (i: number) => Plan,
) {
  const made = sql`now() - ${daysAgo} * interval '1 day'`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE card_batches SET created_at = ${made} WHERE id = ${batchId}`);
    await tx.execute(sql`UPDATE cards SET created_at = ${made} WHERE batch_id = ${batchId}`);
    await tx.execute(sql`UPDATE card_entries SET created_at = ${made}
      WHERE tenant_id = ${tenantId} AND card_id IN (SELECT id FROM cards WHERE batch_id = ${batchId})`);
    const cards = (
      await tx.execute(
        sql`SELECT id, balance::text AS balance FROM cards WHERE batch_id = ${batchId} ORDER BY number`,
      )
    ).rows as { id: string; balance: string }[];
    const entries: (typeof cardEntries.$inferInsert)[] = [];
    const finals: { id: string; status: Status; balance: string; expired: boolean }[] = [];
    cards.forEach((card, n) => {
      const plan = planOf(n + 1);
      let cents = toCents(card.balance);
      let lastPayment: { id: string; cents: bigint } | null = null;
      plan.steps.forEach((s, k) => {
        const amount =
          s.kind === 'activate'
            ? 0n
            : s.kind === 'recharge'
              ? BigInt(s.yuan!) * 100n
              : s.kind === 'consume'
                ? -BigInt(s.yuan!) * 100n
                : s.kind === 'refund'
                  ? (lastPayment?.cents ?? 0n)
                  : -cents;
        cents += amount;
        const id = uuidv7();
        entries.push({
          id,
          tenantId,
          cardId: card.id,
          kind: s.kind,
          amount: fromCents(amount),
          balanceAfter: fromCents(cents),
          storeDepartmentId: s.store ?? null,
          refundOf: s.kind === 'refund' ? (lastPayment?.id ?? null) : null,
          idempotencyKey: s.kind === 'consume' ? `demo-${id}` : null,
          createdAt: new Date(Date.now() - (daysAgo - 1 - (n % 20) - k * 3) * 86_400_000),
        });
        if (s.kind === 'consume') lastPayment = { id, cents: -amount };
      });
      finals.push({ id: card.id, status: plan.status, balance: fromCents(cents), expired: !!plan.expired });
    });
    await insertRows(tx, cardEntries, entries, 1000);
    const rows = sql.join(
      finals.map((f) => sql`(${f.id}::uuid, ${f.status}, ${f.balance}::numeric, ${f.expired}::boolean)`),
      sql`, `,
    );
    await tx.execute(sql`UPDATE cards c SET status = v.status, balance = v.balance,
        expires_at = CASE WHEN v.expired THEN ${addDays(today, -5)}::date ELSE c.expires_at END
      FROM (VALUES ${rows}) AS v(id, status, balance, expired) WHERE c.id = v.id`);
  });
}
