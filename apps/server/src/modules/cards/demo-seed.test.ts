import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { seedDemoOrganization } from '../organization/tenants-service.ts';
import { consume } from './cards-test-helpers.ts';
import { seedDemoCards } from './demo-seed.ts';

let t: TestContext;
let tenantId: string;
let admin: Agent;
let liangxiao: Agent;
let songqian: Agent;

beforeAll(async () => {
  t = await createTestContext();
  const demo = await createDemoTenant(t, [seedDemoOrganization, seedDemoCards]);
  tenantId = demo.tenantId;
  admin = await demo.login('admin');
  liangxiao = await demo.login('liangxiao');
  songqian = await demo.login('songqian');
}, 180_000);
afterAll(() => t.close());

type Batch = { id: string; name: string; channel: string | null };
type Card = { number: string; status: string; balance: string };

describe('demo cards', () => {
  it('two batches, the gift batch’s cards in every state, each balance the sum of its ledger', async () => {
    const batches = (await admin.get('/api/v1/card-batches')).json().data as Batch[];
    expect(batches.map((b) => b.name).sort()).toEqual(['春节礼品卡', '电商储值卡']);
    const gift = batches.find((b) => b.name === '春节礼品卡')!;
    const cards = (await admin.get(`/api/v1/cards?batchId=${gift.id}&pageSize=100`)).json().data as Card[];
    expect(new Set(cards.map((c) => c.status))).toEqual(
      new Set(['active', 'frozen', 'scrapped', 'expired', 'issued']),
    );
    const kinds = await t.database.db.execute(
      sql`SELECT DISTINCT kind FROM card_entries WHERE tenant_id = ${tenantId} ORDER BY kind`,
    );
    expect((kinds.rows as { kind: string }[]).map((r) => r.kind)).toEqual([
      'activate',
      'consume',
      'expire',
      'issue',
      'recharge',
      'refund',
      'scrap',
    ]);
    const off = await t.database.db.execute(
      sql`SELECT c.number FROM cards c
        JOIN (SELECT card_id, sum(amount) AS s, min(balance_after) AS low FROM card_entries GROUP BY card_id) l
          ON l.card_id = c.id
        WHERE c.tenant_id = ${tenantId} AND (c.balance <> l.s OR l.low < 0
          OR c.balance <> (SELECT balance_after FROM card_entries e WHERE e.card_id = c.id
            ORDER BY created_at DESC, id DESC LIMIT 1))`,
    );
    expect(off.rows).toEqual([]);
  });

  it('each branch’s service desk sees its batch; a demo card takes payment with its exported secret', async () => {
    const shanghai = (await liangxiao.get('/api/v1/card-batches')).json().data as Batch[];
    expect(shanghai.map((b) => b.name)).toEqual(['春节礼品卡']);
    const online = (await songqian.get('/api/v1/card-batches')).json().data as Batch[];
    expect(online.map((b) => [b.name, b.channel])).toEqual([['电商储值卡', '天猫旗舰店']]);
    const secrets = (await admin.get(`/api/v1/card-batches/${shanghai[0].id}/secrets`)).json().data as {
      number: string;
      secret: string;
    }[];
    const paid = await consume(admin, secrets[0], '10');
    expect(paid.statusCode, paid.body).toBe(200);
    // the online batch ends within the month: the service desk's 即将过期 report shows it
    const expiring = (await songqian.get('/api/v1/reports/card-expiring?groupBy=batch')).json();
    expect(expiring.rows.map((r: { batch: string }) => r.batch)).toEqual(['电商储值卡']);
    expect(expiring.totals.cards).toBe(20);
  });
});
