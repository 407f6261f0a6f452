import { dictionaryTypeCodes } from '@guanxi/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

type Item = {
  id: string;
  name: string;
  nameEn: string | null;
  sortOrder: number;
  valid: boolean;
  version: number;
  parentId: string | null;
};
const items = async (type: string, query = '') =>
  (await admin.get(`/api/v1/dictionaries/${type}/items${query}`)).json().data as Item[];

async function addItem(type: string, body: Record<string, unknown> = {}) {
  const res = await admin.post(`/api/v1/dictionaries/${type}/items`, { name: unique('项'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Item;
}

describe('dictionaries', () => {
  it('seeds every dictionary in zh-CN and en-US, regions as a province/city/district tree', async () => {
    const summaries = (await admin.get('/api/v1/dictionaries')).json().data as {
      type: string;
      total: number;
    }[];
    expect(summaries.map((s) => s.type)).toEqual(dictionaryTypeCodes);
    for (const s of summaries) expect(s.total, s.type).toBeGreaterThan(0);
    const sources = await items('customer-source');
    expect(sources[0]).toMatchObject({ name: '电话来访', nameEn: 'Inbound call', sortOrder: 1, valid: true });
    const provinces = await items('region', '?parentId=root');
    expect(provinces).toHaveLength(31);
    const guangdong = provinces.find((p) => p.name === '广东省')!;
    expect(guangdong.nameEn).toBe('Guangdong');
    const cities = await items('region', `?parentId=${guangdong.id}`);
    const shenzhen = cities.find((c) => c.name === '深圳市')!;
    const districts = await items('region', `?parentId=${shenzhen.id}`);
    expect(districts.map((d) => d.name)).toContain('南山区');
    const planTypes = await items('plan-type');
    expect(planTypes.some((p) => p.parentId !== null)).toBe(true);
  });

  it('validates name ≤ 50 and remark ≤ 500 and keeps names unique per dictionary', async () => {
    const long = await admin.post('/api/v1/dictionaries/industry/items', { name: 'x'.repeat(51) });
    expect(long.json().code).toBe('VALIDATION_FAILED');
    const remark = await admin.post('/api/v1/dictionaries/industry/items', {
      name: unique(),
      remark: 'r'.repeat(501),
    });
    expect(remark.json().code).toBe('VALIDATION_FAILED');
    const dup = await admin.post('/api/v1/dictionaries/industry/items', { name: '金融' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('NAME_TAKEN');
    // the same name in another dictionary is fine
    await addItem('hot-topic', { name: '金融' });
    const flatChild = await admin.post('/api/v1/dictionaries/industry/items', {
      name: unique(),
      parentId: (await items('industry'))[0].id,
    });
    expect(flatChild.json().code).toBe('VALIDATION_FAILED');
  });

  it('reorders: up, down and to a position, renumbering the level 1..n', async () => {
    const [a, b, c] = [
      await addItem('service-type'),
      await addItem('service-type'),
      await addItem('service-type'),
    ];
    const before = await items('service-type');
    const n = before.length;
    expect(before.slice(-3).map((i) => i.id)).toEqual([a.id, b.id, c.id]);
    const moved = await admin.post(`/api/v1/dictionaries/service-type/items/${c.id}/move`, { to: 1 });
    expect(moved.json().sortOrder).toBe(1);
    await admin.post(`/api/v1/dictionaries/service-type/items/${a.id}/move`, { to: n }); // down one: a was at n - 1
    const after = await items('service-type');
    expect(after.map((i) => i.sortOrder)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(after[0].id).toBe(c.id);
    expect(after.slice(-2).map((i) => i.id)).toEqual([b.id, a.id]);
    const zero = await admin.post(`/api/v1/dictionaries/service-type/items/${a.id}/move`, { to: 0 });
    expect(zero.json().code).toBe('VALIDATION_FAILED');
  });

  it('invalidates single and bulk: the item stays readable, is view-only, and pickers leave it out', async () => {
    const [a, b] = [await addItem('churn-reason'), await addItem('churn-reason')];
    const res = await admin.post('/api/v1/dictionaries/churn-reason/items/invalidate', { ids: [a.id, b.id] });
    expect(res.json()).toEqual({ count: 2 });
    const all = await items('churn-reason');
    expect(all.find((i) => i.id === a.id)?.valid).toBe(false);
    const choosable = await items('churn-reason', '?includeInvalid=false');
    expect(choosable.some((i) => i.id === a.id || i.id === b.id)).toBe(false);
    const edit = await admin.patch(`/api/v1/dictionaries/churn-reason/items/${a.id}`, {
      version: a.version + 1,
      name: unique(),
    });
    expect(edit.json().code).toBe('DICTIONARY_ITEM_INVALID');
    const restored = await admin.post('/api/v1/dictionaries/churn-reason/items/restore', { ids: [a.id] });
    expect(restored.json()).toEqual({ count: 1 });
    const history = (await admin.get(`/api/v1/dictionaries/churn-reason/items/${a.id}/history`)).json().data;
    expect([...new Set(history.map((h: { action: string }) => h.action))]).toEqual([
      'restore',
      'invalidate',
      'create',
    ]);
  });

  it('invalidating a province takes its cities along; a child of an invalid parent cannot be restored alone', async () => {
    const province = await addItem('region', { name: unique('省') });
    const city = await addItem('region', { name: unique('市'), parentId: province.id });
    await admin.post('/api/v1/dictionaries/region/items/invalidate', { ids: [province.id] });
    expect((await items('region', `?parentId=${province.id}`))[0].valid).toBe(false);
    const alone = await admin.post('/api/v1/dictionaries/region/items/restore', { ids: [city.id] });
    expect(alone.json().code).toBe('DICTIONARY_ITEM_INVALID');
    const under = await admin.post('/api/v1/dictionaries/region/items', {
      name: unique(),
      parentId: province.id,
    });
    expect(under.json().code).toBe('DICTIONARY_ITEM_INVALID');
  });

  it('deletes an unused item; renames with versions (409 on a stale one)', async () => {
    const a = await addItem('lost-reason');
    const renamed = await admin.patch(`/api/v1/dictionaries/lost-reason/items/${a.id}`, {
      version: a.version,
      name: unique('新'),
      nameEn: 'New name',
    });
    expect(renamed.json()).toMatchObject({ version: a.version + 1, nameEn: 'New name' });
    const stale = await admin.patch(`/api/v1/dictionaries/lost-reason/items/${a.id}`, {
      version: a.version,
      name: unique(),
    });
    expect(stale.json().code).toBe('CONFLICT');
    const del = await admin.delete(`/api/v1/dictionaries/lost-reason/items/${a.id}?version=${a.version + 1}`);
    expect(del.statusCode).toBe(200);
    expect((await items('lost-reason')).some((i) => i.id === a.id)).toBe(false);
  });

  it('lets everybody read dictionaries but only dictionaries:admin change them; tenants never mix', async () => {
    const role = await makeRole(admin, ['customers:view']);
    const user = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(user.username);
    expect((await agent.get('/api/v1/dictionaries/industry/items')).statusCode).toBe(200);
    const denied = await agent.post('/api/v1/dictionaries/industry/items', { name: unique() });
    expect(denied.statusCode).toBe(403);
    const other = await t.login('admin', undefined, t.other.code);
    const mine = await addItem('industry');
    const theirs = await other.get('/api/v1/dictionaries/industry/items');
    expect(theirs.json().data.some((i: Item) => i.id === mine.id)).toBe(false);
    const cross = await other.post(`/api/v1/dictionaries/industry/items/${mine.id}/move`, { to: 1 });
    expect(cross.statusCode).toBe(404);
  });
});

describeAuthz(authz);
