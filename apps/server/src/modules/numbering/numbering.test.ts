import { numberedEntityCodes } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRules, formatNumber, nextNumber } from '../../platform/numbering.ts';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const ZONE = 'Asia/Shanghai'; // the template tenants' time zone

type Rule = {
  entity: string;
  prefix: string;
  datePattern: string;
  sequenceWidth: number;
  resetPeriod: string;
  separator: string;
  version: number;
  example: string;
  isDefault: boolean;
};

const rules = async (agent = admin) => {
  const res = await agent.get('/api/v1/numbering-rules');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Rule[];
};
const ruleOf = async (entity: string, agent = admin) =>
  (await rules(agent)).find((r) => r.entity === entity)!;

const allocate = (entity: string, tenantId = t.tenant.id) =>
  t.database.db.transaction((tx) => nextNumber(tx, tenantId, entity, ZONE));

async function save(entity: string, body: Partial<Rule>) {
  const current = await ruleOf(entity);
  const res = await admin.put(`/api/v1/numbering-rules/${entity}`, {
    version: current.version,
    prefix: current.prefix,
    datePattern: current.datePattern,
    sequenceWidth: current.sequenceWidth,
    resetPeriod: current.resetPeriod,
    separator: current.separator,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Rule;
}

describe('numbering rules', () => {
  it('lists the default rule of every configurable entity with an example in the tenant time zone', async () => {
    const list = await rules();
    expect(list.map((r) => r.entity)).toEqual(numberedEntityCodes);
    const customer = list.find((r) => r.entity === 'customer')!;
    expect(customer).toMatchObject({
      ...defaultRules.customer,
      version: 0,
      isDefault: true,
    });
    expect(customer.example).toMatch(/^KH\d{8}-0001$/);
    expect(customer.example).toBe(formatNumber(defaultRules.customer, 1, new Date(), ZONE));
    expect(list.find((r) => r.entity === 'plan')!.example).toMatch(/^JH\d{8}-0001$/);
  });

  it('saves a rule from version 0; the next number allocated follows it', async () => {
    const saved = await save('customer', {
      prefix: 'KC',
      datePattern: 'YYYYMM',
      sequenceWidth: 5,
      resetPeriod: 'monthly',
      separator: '_',
    });
    expect(saved).toMatchObject({ entity: 'customer', prefix: 'KC', version: 1, isDefault: false });
    expect(saved.example).toMatch(/^KC\d{6}_00001$/);
    expect(await ruleOf('customer')).toEqual(saved);
    expect(await allocate('customer')).toMatch(/^KC\d{6}_\d{5}$/);

    const again = await save('customer', {
      prefix: 'KD',
      datePattern: '',
      resetPeriod: 'never',
      separator: '',
    });
    expect(again.version).toBe(2);
    expect(again.example).toBe('KD00001');
    expect(await allocate('customer')).toMatch(/^KD\d{5}$/);
  });

  it('never gives a number out twice across changes of prefix, date part and reset period', async () => {
    const given: string[] = [];
    const take = async (n: number) => {
      for (let i = 0; i < n; i++) given.push(await allocate('plan'));
    };
    await take(3); // default: JH + today + daily reset
    // Same text, another counter (monthly): must continue after today's numbers, not restart at 0001.
    await save('plan', { resetPeriod: 'monthly' });
    await take(2);
    // Back to daily: today's counter must skip what the monthly one gave out meanwhile.
    await save('plan', { resetPeriod: 'daily' });
    await take(2);
    await save('plan', { prefix: 'JX', resetPeriod: 'yearly' });
    await take(2);
    await save('plan', { prefix: 'JH' });
    await take(2);
    await save('plan', { resetPeriod: 'never', sequenceWidth: 6 });
    await take(1);
    await save('plan', { resetPeriod: 'daily', sequenceWidth: 4 });
    await take(2);
    expect(new Set(given).size, given.join(' ')).toBe(given.length);
    expect(given.filter((n) => n.startsWith('JH')).length).toBe(given.length - 2);
  });

  it('keeps numbers unique while rules change during allocations', async () => {
    const allocations = Promise.all(Array.from({ length: 30 }, () => allocate('plan')));
    const changes = (async () => {
      for (const resetPeriod of ['monthly', 'yearly', 'daily'] as const) await save('plan', { resetPeriod });
    })();
    const [numbers] = await Promise.all([allocations, changes]);
    expect(new Set(numbers).size).toBe(30);
  });

  it('makes a rule change wait for an allocation still in flight', async () => {
    await save('plan', { prefix: 'JH', datePattern: 'YYYYMMDD', resetPeriod: 'daily' });
    const before = await allocate('plan');
    let allocated!: () => void;
    let release!: () => void;
    const inFlight = new Promise<void>((r) => {
      allocated = r;
    });
    const hold = new Promise<void>((r) => {
      release = r;
    });
    // Allocated under the daily rule but not yet committed when the change to monthly starts.
    const held = t.database.db.transaction(async (tx) => {
      const n = await nextNumber(tx, t.tenant.id, 'plan', ZONE);
      allocated();
      await hold;
      return n;
    });
    await inFlight;
    const change = save('plan', { resetPeriod: 'monthly' });
    await new Promise((r) => setTimeout(r, 150));
    release();
    const [heldNumber] = await Promise.all([held, change]);
    const after = [await allocate('plan'), await allocate('plan')];
    const all = [before, heldNumber, ...after];
    expect(new Set(all).size, all.join(' ')).toBe(all.length);
  });

  it('answers 409 CONFLICT to a stale version', async () => {
    const plan = await ruleOf('plan');
    const stale = await admin.put('/api/v1/numbering-rules/plan', {
      ...plan,
      version: plan.version - 1,
      entity: undefined,
      example: undefined,
      isDefault: undefined,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    // a tenant's first rule must come with version 0
    const other = await t.login('admin', undefined, t.other.code);
    const first = await other.put('/api/v1/numbering-rules/plan', { ...defaultRules.plan, version: 3 });
    expect(first.json().code).toBe('CONFLICT');
  });

  it('refuses a reset finer than the date part with NUMBERING_RULE_AMBIGUOUS', async () => {
    const before = await ruleOf('plan');
    for (const [datePattern, resetPeriod] of [
      ['YYYYMM', 'daily'],
      ['YYYY', 'monthly'],
      ['', 'yearly'],
    ]) {
      const res = await admin.with({ 'accept-language': 'en-US' }).put('/api/v1/numbering-rules/plan', {
        ...defaultRules.plan,
        version: before.version,
        datePattern,
        resetPeriod,
      });
      expect(res.statusCode, `${datePattern}/${resetPeriod}`).toBe(400);
      expect(res.json().code).toBe('NUMBERING_RULE_AMBIGUOUS');
      expect(res.json().message).toMatch(/repeat/);
    }
    const zh = await admin.put('/api/v1/numbering-rules/plan', {
      ...defaultRules.plan,
      version: before.version,
      datePattern: 'YYYYMM',
    });
    expect(zh.json().message).toMatch(/重复/);
    expect(await ruleOf('plan')).toEqual(before);
  });

  it('validates prefix, width, separator and entity', async () => {
    const put = (entity: string, body: Record<string, unknown>) =>
      admin.put(`/api/v1/numbering-rules/${entity}`, { ...defaultRules.plan, version: 0, ...body });
    const bad: [string, Record<string, unknown>][] = [
      ['plan', { prefix: 'ABCDEFGHI' }],
      ['plan', { prefix: '' }],
      ['plan', { prefix: 'K-H' }],
      ['plan', { sequenceWidth: 2 }],
      ['plan', { sequenceWidth: 9 }],
      ['plan', { separator: '.' }],
      ['plan', { datePattern: 'YYMMDD' }],
      ['invoice', {}],
    ];
    for (const [entity, body] of bad) {
      const res = await put(entity, body);
      expect({ body, status: res.statusCode, code: res.json().code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const long = await put('plan', { prefix: 'ABCDEFGHI' });
    expect(long.json().details.map((d: { path: string }) => d.path)).toContain('prefix');
  });

  it('audits a change with before → after', async () => {
    const before = await ruleOf('customer');
    await save('customer', { prefix: 'KA', sequenceWidth: 6 });
    const res = await admin.get('/api/v1/audit-logs?entity=numbering_rules&pageSize=100');
    const entry = res.json().data[0];
    expect(entry).toMatchObject({
      action: 'update',
      entity: 'numbering_rules',
      summary: 'customer',
      userName: expect.any(String),
      changes: { prefix: [before.prefix, 'KA'], sequenceWidth: [before.sequenceWidth, 6] },
    });
    // the first save of a tenant's own rule compares with the default
    const first = (res.json().data as { changes: Record<string, [unknown, unknown]> }[]).find(
      (e) => e.changes.prefix?.[1] === 'KC',
    );
    expect(first?.changes).toMatchObject({ prefix: ['KH', 'KC'], datePattern: ['YYYYMMDD', 'YYYYMM'] });
  });

  it('leaves other tenants alone', async () => {
    const other = await t.login('admin', undefined, t.other.code);
    const theirs = await ruleOf('customer', other);
    expect(theirs).toMatchObject({ prefix: 'KH', isDefault: true, version: 0 });
    expect(await allocate('customer', t.other.id)).toMatch(/^KH\d{8}-\d{4}$/);
    expect((await ruleOf('customer')).prefix).toBe('KA');
  });
});

describeAuthz(authz);
