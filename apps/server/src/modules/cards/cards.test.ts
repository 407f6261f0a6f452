import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { activeCard, consume, ledgerMismatches, makeBatch } from './cards-test-helpers.ts';
import { expireCards } from './expiry.ts';

describeAuthz(authz);

let t: TestContext;
let admin: Agent;
let storeId: string;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  storeId = (await makeDepartment(admin, t.tenant.rootDepartmentId, '一号门店')).id;
});
afterAll(() => t.close());

describe('card batches', () => {
  it('makes 1,000 cards with unique numbers, exports the secrets once (then 410), and 10 are activated and used in a store', async () => {
    const res = await admin.post('/api/v1/card-batches', {
      name: '中秋卡',
      faceValue: '100.00',
      count: 1000,
      producedAt: '2026-01-01',
      expiresAt: '2099-12-31',
      channel: '门店',
      limits: { storeDepartmentIds: [storeId] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({ count: 1000, faceValue: '100.00', secretsExportedAt: null });
    const first = await admin.get(`/api/v1/card-batches/${batch.id}/secrets`);
    expect(first.statusCode).toBe(200);
    const list = first.json().data as { number: string; secret: string }[];
    expect(list).toHaveLength(1000);
    expect(new Set(list.map((c) => c.number)).size).toBe(1000);
    expect(list.every((c) => /^\d{16}$/.test(c.secret))).toBe(true);
    const again = await admin.get(`/api/v1/card-batches/${batch.id}/secrets`);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('SECRETS_ALREADY_EXPORTED');
    // the secrets are stored hashed, never in clear
    const stored = await t.database.db.execute(
      `SELECT count(*)::int AS n FROM cards WHERE secret_hash = '${list[0].secret}'` as never,
    );
    expect((stored.rows[0] as { n: number }).n).toBe(0);

    for (const c of list.slice(0, 10)) {
      expect((await admin.post(`/api/v1/cards/${c.number}/activate`)).statusCode).toBe(200);
      const used = await consume(admin, c, '30.50', { storeDepartmentId: storeId });
      expect(used.statusCode, used.body).toBe(200);
      expect(used.json().card).toMatchObject({ status: 'active', balance: '69.50' });
    }
    const listed = await admin.get(`/api/v1/cards?batchId=${batch.id}&status=active&pageSize=100`);
    expect(listed.json().total).toBe(10);
    const one = await admin.get(`/api/v1/cards/${list[0].number}`);
    expect(one.json()).toMatchObject({ number: list[0].number, status: 'active', balance: '69.50' });
    const ledger = await admin.get(`/api/v1/cards/${list[0].number}/ledger`);
    expect(ledger.json().data.map((e: { kind: string }) => e.kind)).toEqual(['consume', 'activate', 'issue']);
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('scraps a range of numbers, each with a scrap entry taking off its balance', async () => {
    const { id, cards } = await makeBatch(admin, { count: 5 });
    const res = await admin.post(`/api/v1/card-batches/${id}/scrap`, {
      from: cards[1].number,
      to: cards[3].number,
    });
    expect(res.json()).toEqual({ scrapped: 3 });
    const statuses = await Promise.all(
      cards.map(async (c) => (await admin.get(`/api/v1/cards/${c.number}`)).json()),
    );
    expect(statuses.map((c) => c.status)).toEqual(['issued', 'scrapped', 'scrapped', 'scrapped', 'issued']);
    expect(statuses[2].balance).toBe('0.00');
    expect(await ledgerMismatches(t)).toEqual([]);
  });
});

describe('consuming', () => {
  it('100 consumptions of 10.00 at once against 500.00: exactly 50 succeed, the balance ends at 0.00', async () => {
    const card = await activeCard(admin);
    const answers = await Promise.all(Array.from({ length: 100 }, () => consume(admin, card, '10.00')));
    const ok = answers.filter((a) => a.statusCode === 200);
    expect(ok).toHaveLength(50);
    expect(
      answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'INSUFFICIENT_BALANCE'),
    ).toBe(true);
    expect(answers.filter((a) => a.statusCode !== 200 && a.statusCode !== 409)).toEqual([]);
    expect((await admin.get(`/api/v1/cards/${card.number}`)).json().balance).toBe('0.00');
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('past the balance is 409 INSUFFICIENT_BALANCE and nothing is written', async () => {
    const card = await activeCard(admin, { faceValue: '20' });
    const res = await consume(admin, card, '20.01');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INSUFFICIENT_BALANCE');
    expect((await admin.get(`/api/v1/cards/${card.number}/ledger`)).json().total).toBe(2);
  });

  it('the same idempotency key twice consumes once and answers the first result', async () => {
    const card = await activeCard(admin);
    const body = { idempotencyKey: 'till-7-0001' };
    const a = await consume(admin, card, '12.00', body);
    const b = await consume(admin, card, '12.00', body);
    expect(b.statusCode).toBe(200);
    expect(b.json().entry.id).toBe(a.json().entry.id);
    expect(b.json().card.balance).toBe('488.00');
    const other = await consume(admin, card, '13.00', body);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    // a replay still needs the secret: a key alone reveals nothing
    const guessed = await consume(
      admin,
      { ...card, secret: card.secret === '1'.repeat(16) ? '2'.repeat(16) : '1'.repeat(16) },
      '12.00',
      body,
    );
    expect(guessed.json().code).toBe('CARD_SECRET_INVALID');
  });

  it('a wrong secret is 403; the 5th wrong one locks the card (423), even for the right secret, until unfrozen', async () => {
    const card = await activeCard(admin);
    const wrong = { ...card, secret: card.secret === '1'.repeat(16) ? '2'.repeat(16) : '1'.repeat(16) };
    for (let i = 0; i < 4; i++)
      expect((await consume(admin, wrong, '1')).json().code).toBe('CARD_SECRET_INVALID');
    const fifth = await consume(admin, wrong, '1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('CARD_LOCKED');
    expect((await consume(admin, card, '1')).json().code).toBe('CARD_LOCKED');
    expect((await admin.post(`/api/v1/cards/${card.number}/unfreeze`)).statusCode).toBe(200);
    expect((await consume(admin, card, '1')).statusCode).toBe(200);
  });

  it('a right secret clears the wrong tries before it', async () => {
    const card = await activeCard(admin);
    const wrong = { ...card, secret: card.secret === '1'.repeat(16) ? '2'.repeat(16) : '1'.repeat(16) };
    for (let i = 0; i < 4; i++) await consume(admin, wrong, '1');
    expect((await consume(admin, card, '1')).statusCode).toBe(200);
    expect((await consume(admin, wrong, '1')).json().code).toBe('CARD_SECRET_INVALID');
  });

  it('refunds a consume entry once', async () => {
    const card = await activeCard(admin);
    const used = (await consume(admin, card, '45.60')).json();
    const refund = await admin.post(`/api/v1/cards/${card.number}/refund`, { entryId: used.entry.id });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json().card.balance).toBe('500.00');
    const again = await admin.post(`/api/v1/cards/${card.number}/refund`, { entryId: used.entry.id });
    expect(again.json().code).toBe('CARD_ENTRY_NOT_REFUNDABLE');
    const refundOfRefund = await admin.post(`/api/v1/cards/${card.number}/refund`, {
      entryId: refund.json().entry.id,
    });
    expect(refundOfRefund.json().code).toBe('CARD_ENTRY_NOT_REFUNDABLE');
  });

  it('an issued, frozen or scrapped card is not usable (409 CARD_NOT_USABLE)', async () => {
    const { cards } = await makeBatch(admin, { count: 1 });
    expect((await consume(admin, cards[0], '1')).json().code).toBe('CARD_NOT_USABLE');
    const frozen = await activeCard(admin);
    expect((await admin.post(`/api/v1/cards/${frozen.number}/freeze`)).statusCode).toBe(200);
    expect((await consume(admin, frozen, '1')).json().code).toBe('CARD_NOT_USABLE');
    expect((await admin.post(`/api/v1/cards/${frozen.number}/recharge`, { amount: '5' })).json().code).toBe(
      'CARD_NOT_USABLE',
    );
    const scrapped = await activeCard(admin);
    const s = await admin.post(`/api/v1/cards/${scrapped.number}/scrap`);
    expect(s.json().entry).toMatchObject({ kind: 'scrap', amount: '-500.00', balanceAfter: '0.00' });
    expect((await consume(admin, scrapped, '1')).json().code).toBe('CARD_NOT_USABLE');
  });

  it('an expired card refuses use: past its date at once, and the expiry job ends it with an expire entry', async () => {
    const old = await makeBatch(admin, { count: 1, producedAt: '2020-01-01', expiresAt: '2020-12-31' });
    expect((await admin.post(`/api/v1/cards/${old.cards[0].number}/activate`)).json().code).toBe(
      'CARD_NOT_USABLE',
    );
    const card = await activeCard(admin, { expiresAt: '2030-06-30' });
    expect(await expireCards(t.database.db, new Date('2030-07-01T12:00:00Z'))).toBeGreaterThanOrEqual(2);
    const after = (await admin.get(`/api/v1/cards/${card.number}`)).json();
    expect(after).toMatchObject({ status: 'expired', balance: '0.00' });
    const ledger = (await admin.get(`/api/v1/cards/${card.number}/ledger`)).json();
    expect(ledger.data[0]).toMatchObject({ kind: 'expire', amount: '-500.00' });
    expect((await consume(admin, card, '1')).json().code).toBe('CARD_NOT_USABLE');
    expect(await ledgerMismatches(t)).toEqual([]);
  });

  it('recharges add to the balance', async () => {
    const card = await activeCard(admin);
    const res = await admin.post(`/api/v1/cards/${card.number}/recharge`, { amount: '0.35' });
    expect(res.json().card.balance).toBe('500.35');
  });
});

describe('usage limits', () => {
  it('a card of a batch limited to stores is used only there', async () => {
    const other = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
    const card = await activeCard(admin, { limits: { storeDepartmentIds: [storeId] } });
    expect((await consume(admin, card, '1')).json().code).toBe('CARD_STORE_NOT_ALLOWED');
    expect((await consume(admin, card, '1', { storeDepartmentId: other })).json().code).toBe(
      'CARD_STORE_NOT_ALLOWED',
    );
    expect((await consume(admin, card, '1', { storeDepartmentId: storeId })).statusCode).toBe(200);
  });

  it('max uses per day counts the day’s consumptions', async () => {
    const card = await activeCard(admin, { limits: { maxUsesPerDay: 2 } });
    expect((await consume(admin, card, '1')).statusCode).toBe(200);
    expect((await consume(admin, card, '1')).statusCode).toBe(200);
    const third = await consume(admin, card, '1');
    expect(third.json().code).toBe('CARD_DAILY_LIMIT');
  });
});

describe('permissions', () => {
  it('a store role with cards:use consumes but makes no batch and freezes nothing', async () => {
    const card = await activeCard(admin);
    const role = await makeRole(admin, ['cards:read', 'cards:use'], { cards: 'all' });
    const u = await makeUser(admin, { departmentId: storeId, roleIds: [role.id] });
    const clerk = await t.login(u.username);
    expect((await consume(clerk, card, '5')).statusCode).toBe(200);
    expect((await clerk.post(`/api/v1/cards/${card.number}/freeze`)).statusCode).toBe(403);
    expect((await clerk.post('/api/v1/card-batches', {})).statusCode).toBe(403);
  });
});
