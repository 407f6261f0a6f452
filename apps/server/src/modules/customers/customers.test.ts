import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import {
  makeContact,
  makeCustomer,
  makeDepartment,
  makeRole,
  makeUser,
  unique,
} from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { forgetGramFrequencies, gramFrequencies, rarest } from './gram-stats.ts';

let t: TestContext;
let admin: Agent;
/** Two salespeople of sibling departments, scope 本部门 (department). */
let east: Agent;
let west: Agent;
let eastUser: { id: string; name: string };
let westUser: { id: string; name: string };
let manager: { id: string };
let eastDeptId: string;
let westDeptId: string;

const salesPermissions = [
  'customers:view',
  'customers:create',
  'customers:edit',
  'customers:delete',
  'customers:transfer',
  'customers:merge',
  'contacts:view',
  'contacts:create',
  'contacts:edit',
];

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
  const region = await makeDepartment(admin, t.tenant.rootDepartmentId);
  const eastDept = await makeDepartment(admin, region.id);
  const westDept = await makeDepartment(admin, region.id);
  manager = await makeRole(admin, salesPermissions, { customers: 'department' });
  eastDeptId = eastDept.id;
  westDeptId = westDept.id;
  eastUser = await makeUser(admin, { departmentId: eastDept.id, roleIds: [manager.id], name: '王小明' });
  westUser = await makeUser(admin, { departmentId: westDept.id, roleIds: [manager.id], name: '李大伟' });
  east = await t.login((eastUser as unknown as { username: string }).username);
  west = await t.login((westUser as unknown as { username: string }).username);
});
afterAll(() => t.close());

const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .replace(/-/g, '');

describe('customers: create, drafts, numbers', () => {
  it('numbers an active customer KH<date>-NNNN and keeps exact decimals', async () => {
    const res = await east.post('/api/v1/customers', {
      name: unique('深圳前海科技有限公司'),
      registeredCapital: '12345678901234.56',
      annualTurnover: '0.10',
      credit: 5,
      satisfaction: 1,
      tags: ['VIP', '华南'],
      lat: 22.543096,
      lng: 114.057865,
      type: 'distributor',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(new RegExp(`^KH${today()}-\\d{4}$`));
    expect(c).toMatchObject({
      state: 'active',
      ownerId: eastUser.id,
      ownerName: '王小明',
      registeredCapital: '12345678901234.56',
      annualTurnover: '0.10',
      tags: ['VIP', '华南'],
      lat: 22.543096,
      type: 'distributor',
      canEdit: true,
    });
    for (const bad of [
      { credit: 6 },
      { satisfaction: 0 },
      { annualTurnover: '1.234' },
      { annualTurnover: 12 },
      { type: 'x' },
    ]) {
      const r = await east.post('/api/v1/customers', { name: unique(), ...bad });
      expect(r.json().code, JSON.stringify(bad)).toBe('VALIDATION_FAILED');
    }
  });

  it('keeps a draft private to its creator until submitted, then numbers it', async () => {
    const draft = (await east.post('/api/v1/customers', { name: unique('潜在客户'), draft: true })).json();
    expect(draft).toMatchObject({ state: 'draft', number: null });
    expect((await admin.get(`/api/v1/customers/${draft.id}`)).statusCode).toBe(404);
    const peer = await makeUser(admin, { departmentId: eastDeptId, roleIds: [manager.id] });
    const peerAgent = await t.login(peer.username);
    expect((await peerAgent.get(`/api/v1/customers/${draft.id}`)).statusCode).toBe(404);
    const drafts = (await east.get('/api/v1/customers?state=draft')).json().data;
    expect(drafts.map((d: { id: string }) => d.id)).toContain(draft.id);
    const submitted = await east.post(`/api/v1/customers/${draft.id}/submit`, { version: draft.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      state: 'active',
      number: expect.stringMatching(/^KH\d{8}-\d{4}$/),
    });
    const again = await east.post(`/api/v1/customers/${draft.id}/submit`, {
      version: submitted.json().version,
    });
    expect(again.json().code).toBe('CUSTOMER_NOT_DRAFT');
    expect((await peerAgent.get(`/api/v1/customers/${draft.id}`)).statusCode).toBe(200);
  });

  it('answers 409 CONFLICT to a stale version and soft-deletes with the current one', async () => {
    const c = await makeCustomer(east);
    const ok = await east.patch(`/api/v1/customers/${c.id}`, { version: c.version, shortName: '简称' });
    expect(ok.json().version).toBe(c.version + 1);
    const stale = await east.patch(`/api/v1/customers/${c.id}`, { version: c.version, shortName: '旧' });
    expect(stale.json().code).toBe('CONFLICT');
    const history = (await east.get(`/api/v1/customers/${c.id}/history`)).json().data;
    expect(history.find((h: { field: string }) => h.field === 'shortName')).toMatchObject({
      before: null,
      after: '简称',
    });
    expect((await east.delete(`/api/v1/customers/${c.id}?version=${c.version + 1}`)).statusCode).toBe(200);
    expect((await east.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
  });
});

describe('duplicate check', () => {
  it('sees the same company behind width, spaces, brackets and suffixes; masks owners outside scope', async () => {
    const name = `深圳市${unique('腾讯计算机系统')}有限公司`;
    const original = (await east.post('/api/v1/customers', { name, phone: '0755-86013388' })).json();
    const variant = ` ${name.replace('有限公司', '（有限公司）')} `;
    const dup = await west.post('/api/v1/customers', { name: variant });
    expect(dup.statusCode).toBe(409);
    const body = dup.json();
    expect(body.code).toBe('DUPLICATE_CUSTOMER');
    expect(body.details.matches).toEqual([
      { name, state: 'active', ownerName: '王****明', poolName: null, matchedBy: ['name'] },
    ]);
    expect(body.details.matches[0].id).toBeUndefined();
    // inside scope the match names its id, number and owner
    const mine = (
      await east.post('/api/v1/customers/duplicate-check', { name: variant, phone: '+86 0755 8601 3388' })
    ).json();
    expect(mine.matches[0]).toMatchObject({ id: original.id, number: original.number, ownerName: '王小明' });
    expect(mine.matches[0].matchedBy.sort()).toEqual(['name', 'phone']);
    // width and case: full-width letters, and suffixes like 股份有限公司 / 集团 / （中国）
    const fw = await west.post('/api/v1/customers/duplicate-check', {
      name: `${name.replace('有限公司', '')}（中国）股份有限公司`,
    });
    expect(fw.json().matches).toHaveLength(1);
    const forced = await west.post('/api/v1/customers', { name: variant, force: true });
    expect(forced.json().code).toBe('DUPLICATE_CUSTOMER'); // force needs customers:force_duplicate
    const adminForced = await admin.post('/api/v1/customers', { name: variant, force: true });
    expect(adminForced.statusCode).toBe(201);
  });

  it('checks tax number and email, drafts included, and on submit', async () => {
    const tax = `91440300${Date.now().toString().slice(-10)}`;
    await east.post('/api/v1/customers', { name: unique('草稿'), taxNumber: tax, draft: true });
    const byTax = await west.post('/api/v1/customers/duplicate-check', { taxNumber: tax.toLowerCase() });
    expect(byTax.json().matches[0]).toMatchObject({ state: 'draft', matchedBy: ['taxNumber'] });
    const email = `${unique('sales')}@example.cn`;
    const a = (await west.post('/api/v1/customers', { name: unique('甲'), email, draft: true })).json();
    await admin.post('/api/v1/customers', { name: unique('乙'), email: email.toUpperCase(), force: true });
    const submit = await west.post(`/api/v1/customers/${a.id}/submit`, { version: a.version });
    expect(submit.json().code).toBe('DUPLICATE_CUSTOMER');
  });
});

describe('sibling departments never see each other', () => {
  it('through list, count, search, look-up, contacts and duplicate-check details', async () => {
    const name = unique('华东精密机械');
    const c = (await east.post('/api/v1/customers', { name, mobile: '13912345678' })).json();
    const contact = await makeContact(east, c.id, { name: unique('张三') });
    const list = (await west.get('/api/v1/customers?pageSize=100')).json();
    expect(list.data.some((x: { id: string }) => x.id === c.id)).toBe(false);
    const search = (await west.get(`/api/v1/customers?q=${encodeURIComponent(name.slice(0, 4))}`)).json();
    expect(search.total).toBe(0);
    expect((await west.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    expect((await west.get(`/api/v1/customers/${c.id}/contacts`)).statusCode).toBe(404);
    expect((await west.get(`/api/v1/customers/${c.id}/timeline`)).statusCode).toBe(404);
    expect((await west.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    const contacts = (await west.get('/api/v1/contacts?pageSize=100')).json();
    expect(contacts.data.some((x: { id: string }) => x.id === contact.id)).toBe(false);
    expect(
      (await west.patch(`/api/v1/customers/${c.id}`, { version: c.version, name: 'x' })).statusCode,
    ).toBe(404);
    expect((await west.post('/api/v1/contacts', { customerId: c.id, name: '偷偷加' })).statusCode).toBe(404);
    const dup = (await west.post('/api/v1/customers/duplicate-check', { phone: '139 1234 5678' })).json();
    expect(dup.matches[0]).toEqual({
      name,
      state: 'active',
      ownerName: '王****明',
      poolName: null,
      matchedBy: ['phone'],
    });
  });
});

describe('quick search', () => {
  it('finds by 1–4 Chinese characters, pinyin initials, number and phone', async () => {
    const tag = unique('s');
    const hw = await makeCustomer(admin, {
      name: `华为${tag}技术有限公司`,
      shortName: '华为',
      phone: '0755-28780808',
    });
    const yd = await makeCustomer(admin, { name: `中国移动${tag}通信集团` });
    const ids = async (q: string) =>
      (
        (await admin.get(`/api/v1/customers?pageSize=100&q=${encodeURIComponent(q)}`)).json().data as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await ids('华')).toContain(hw.id);
    expect(await ids('华为')).toContain(hw.id);
    expect(await ids('中国移动')).toContain(yd.id);
    expect(await ids('国移')).toContain(yd.id);
    expect(await ids('移中')).not.toContain(yd.id); // the grams are there, the order is not
    expect(await ids('hw')).toContain(hw.id);
    expect(await ids('zgyd')).toContain(yd.id);
    expect(await ids('HW')).toContain(hw.id);
    expect(await ids(hw.number as string)).toEqual([hw.id]);
    expect(await ids('28780808')).toContain(hw.id);
    expect(await ids('zgyd')).not.toContain(hw.id);
    // the company form is left out of the initials: `yxgs` (有限公司) is not a way to find anyone
    expect(await ids('yxgs')).not.toContain(hw.id);
    expect(await ids(tag)).toEqual(expect.arrayContaining([hw.id, yd.id]));
  });
});

describe('quick search by a narrower scope', () => {
  it('reads how common each pair is from the planner statistics', async () => {
    const db = t.database.db;
    await makeCustomer(admin, { name: unique('常见词有限公司') });
    await db.execute(sql`ANALYZE customers`);
    forgetGramFrequencies(db);
    const frequency = await gramFrequencies(db);
    expect(frequency('n:公司')).toBeGreaterThan(0);
    expect(frequency('n:从未出现')).toBe(0);
    expect(rarest(['n:公司', 'n:从未出现', 'n:有限'], frequency)).toBe('n:从未出现');
  });

  it('looks up the rarest pair only, and still finds exactly the matches in scope', async () => {
    const tag = unique('r');
    const inScope = await makeCustomer(east, { name: `${tag}精密仪器有限公司` });
    const apart = await makeCustomer(east, { name: `${tag}精密机械仪器厂` }); // the pairs, not the phrase
    const outside = await makeCustomer(west, { name: `${tag}精密仪器研究所` });
    await t.database.db.execute(sql`ANALYZE customers`);
    forgetGramFrequencies(t.database.db);
    const found = async (who: Agent, q: string) =>
      (
        (await who.get(`/api/v1/customers?pageSize=100&q=${encodeURIComponent(q)}`)).json().data as {
          id: string;
        }[]
      )
        .map((c) => c.id)
        .filter((id) => [inScope.id, apart.id, outside.id].includes(id));
    expect(await found(east, '精密仪器')).toEqual([inScope.id]);
    expect(await found(east, '密仪器有')).toEqual([inScope.id]);
    expect((await found(admin, '精密仪器')).sort()).toEqual([inScope.id, outside.id].sort());
  });
});

describe('paging', () => {
  it('moves to the next and previous page by cursor, the same rows as by page number', async () => {
    const tag = unique('p');
    for (let i = 0; i < 5; i++) await makeCustomer(admin, { name: `翻页${tag}公司${i}` });
    const url = `/api/v1/customers?pageSize=2&sort=-createdAt&q=${encodeURIComponent(tag)}`;
    const names = (r: { data: { name: string }[] }) => r.data.map((c) => c.name);
    const [p1, p2, p3] = await Promise.all(
      [1, 2, 3].map(async (n) => (await admin.get(`${url}&page=${n}`)).json()),
    );
    expect(names(p1)).toEqual([`翻页${tag}公司4`, `翻页${tag}公司3`]);
    const next = (await admin.get(`${url}&page=2&cursor=${p1.nextCursor}`)).json();
    expect(names(next)).toEqual(names(p2));
    const last = (await admin.get(`${url}&page=3&cursor=${next.nextCursor}`)).json();
    expect(last).toMatchObject({ total: 5, totalIsEstimate: false });
    expect(names(last)).toEqual(names(p3));
    expect(last.nextCursor).toBeUndefined();
    const back = (await admin.get(`${url}&page=2&cursor=${last.prevCursor}`)).json();
    expect(names(back)).toEqual(names(p2));
    // a cursor continues its own order only, and a made-up one is refused
    const other = await admin.get(`/api/v1/customers?pageSize=2&sort=name&page=2&cursor=${p1.nextCursor}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('VALIDATION_FAILED');
    const junk = await admin.get(
      `${url}&page=2&cursor=${Buffer.from('["-createdAt","next","x","y"]').toString('base64url')}`,
    );
    expect(junk.statusCode).toBe(400);
  });
});

describe('dictionary fields', () => {
  it('keeps an invalidated item on old customers but refuses it for new ones', async () => {
    const level = (
      await admin.post('/api/v1/dictionaries/customer-level/items', { name: unique('等级') })
    ).json();
    const old = (await east.post('/api/v1/customers', { name: unique('老客户'), levelId: level.id })).json();
    expect(old.levelName).toBe(level.name);
    await admin.post('/api/v1/dictionaries/customer-level/items/invalidate', { ids: [level.id] });
    const reread = (await east.get(`/api/v1/customers/${old.id}`)).json();
    expect(reread).toMatchObject({ levelId: level.id, levelName: level.name });
    const edit = await east.patch(`/api/v1/customers/${old.id}`, {
      version: reread.version,
      shortName: '仍可编辑',
    });
    expect(edit.statusCode).toBe(200);
    const fresh = await east.post('/api/v1/customers', { name: unique('新客户'), levelId: level.id });
    expect(fresh.json().code).toBe('DICTIONARY_ITEM_INVALID');
    const industry = (await east.get('/api/v1/dictionaries/industry/items')).json().data[0];
    const wrongType = await east.post('/api/v1/customers', { name: unique(), levelId: industry.id });
    expect(wrongType.json().code).toBe('DICTIONARY_ITEM_MISMATCH');
    const del = await admin.delete(
      `/api/v1/dictionaries/customer-level/items/${level.id}?version=${level.version + 1}`,
    );
    expect(del.json().code).toBe('DICTIONARY_ITEM_IN_USE');
  });

  it('filters by region subtree and by relative creation dates', async () => {
    const provinces = (await admin.get('/api/v1/dictionaries/region/items?parentId=root')).json().data;
    const gd = provinces.find((p: { name: string }) => p.name === '广东省');
    const cities = (await admin.get(`/api/v1/dictionaries/region/items?parentId=${gd.id}`)).json().data;
    const sz = cities.find((c: { name: string }) => c.name === '深圳市');
    const c = await makeCustomer(admin, { regionId: sz.id });
    const inGd = (await admin.get(`/api/v1/customers?regionId=${gd.id}&pageSize=100`)).json().data;
    expect(inGd.map((x: { id: string }) => x.id)).toContain(c.id);
    const thisWeek = (await admin.get(`/api/v1/customers?createdIn=today&regionId=${sz.id}`)).json();
    expect(thisWeek.data.map((x: { id: string }) => x.id)).toContain(c.id);
    const lastMonth = (await admin.get(`/api/v1/customers?createdIn=last-month&regionId=${sz.id}`)).json();
    expect(lastMonth.total).toBe(0);
  });
});

describe('ownership', () => {
  it('transfers inside the caller’s scope only, audited', async () => {
    const c = await makeCustomer(east);
    const out = await east.post(`/api/v1/customers/${c.id}/transfer`, { ownerId: westUser.id });
    expect(out.json().code).toBe('OWNER_INVALID');
    const moved = await admin.post(`/api/v1/customers/${c.id}/transfer`, { ownerId: westUser.id });
    expect(moved.json()).toMatchObject({ ownerId: westUser.id, ownerName: '李大伟' });
    expect((await east.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    expect((await west.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
    const timeline = (await west.get(`/api/v1/customers/${c.id}/timeline`)).json().data;
    expect(timeline[0]).toMatchObject({ action: 'transfer', entity: 'customers' });
  });

  it('shares read-only or read-write with a user or a department', async () => {
    const c = await makeCustomer(east);
    const shared = await east.post(`/api/v1/customers/${c.id}/share`, {
      userIds: [westUser.id],
      access: 'read',
    });
    expect(shared.json().data[0]).toMatchObject({ userName: '李大伟', access: 'read' });
    const seen = (await west.get(`/api/v1/customers/${c.id}`)).json();
    expect(seen.canEdit).toBe(false);
    expect(
      (await west.patch(`/api/v1/customers/${c.id}`, { version: seen.version, shortName: 'x' })).statusCode,
    ).toBe(404);
    await east.post(`/api/v1/customers/${c.id}/share`, { userIds: [westUser.id], access: 'write' });
    const writable = (await west.get(`/api/v1/customers/${c.id}`)).json();
    expect(writable.canEdit).toBe(true);
    expect(
      (await west.patch(`/api/v1/customers/${c.id}`, { version: writable.version, shortName: 'ok' }))
        .statusCode,
    ).toBe(200);
    const shareId = (await east.get(`/api/v1/customers/${c.id}/shares`)).json().data[0].id;
    await east.delete(`/api/v1/customers/${c.id}/shares/${shareId}`);
    expect((await west.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const stranger = await east.post(`/api/v1/customers/${c.id}/share`, {
      userIds: ['01000000-0000-7000-8000-000000000000'],
      access: 'read',
    });
    expect(stranger.json().code).toBe('VALIDATION_FAILED');
  });

  it('delays protection to a future date only', async () => {
    const c = await makeCustomer(east);
    const past = await east.post(`/api/v1/customers/${c.id}/delay`, { until: '2020-01-01' });
    expect(past.json().code).toBe('DATE_IN_PAST');
    const ok = await east.post(`/api/v1/customers/${c.id}/delay`, { until: '2099-12-31' });
    expect(ok.json().protectedUntil).toBe('2099-12-31');
  });

  it('bulk-transfers and reports what it could not touch', async () => {
    const mine = [await makeCustomer(east), await makeCustomer(east)];
    const theirs = await makeCustomer(west);
    const peer = await makeUser(admin, { departmentId: eastDeptId, roleIds: [manager.id] });
    const res = await east.post('/api/v1/customers/bulk-transfer', {
      ids: [...mine.map((c) => c.id), theirs.id],
      ownerId: peer.id,
    });
    expect(res.json()).toEqual({ updated: 2, failed: [{ id: theirs.id, code: 'NOT_FOUND' }] });
    const updated = await east.post('/api/v1/customers/bulk-update', {
      ids: mine.map((c) => c.id),
      values: { addTags: ['重点'] },
    });
    expect(updated.json().updated).toBe(2);
    expect((await east.get(`/api/v1/customers/${mine[0].id}`)).json().tags).toContain('重点');
  });
});

describe('merge', () => {
  it('moves every contact and share to the surviving customer in one audited step', async () => {
    const target = await makeCustomer(east, { phone: null });
    const source = await makeCustomer(east, { phone: '020-12345678', tags: ['来源'] });
    const kept = await makeContact(east, target.id);
    const movedA = await makeContact(east, source.id);
    const movedB = await makeContact(east, source.id);
    await east.post(`/api/v1/customers/${source.id}/share`, { userIds: [westUser.id], access: 'read' });
    const merged = await east.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ phone: '020-12345678', tags: ['来源'] });
    const contacts = (await east.get(`/api/v1/customers/${target.id}/contacts`)).json().data as {
      id: string;
      isPrimary: boolean;
    }[];
    expect(contacts.map((c) => c.id).sort()).toEqual([kept.id, movedA.id, movedB.id].sort());
    expect(contacts.filter((c) => c.isPrimary).map((c) => c.id)).toEqual([kept.id]);
    expect((await east.get(`/api/v1/customers/${source.id}`)).statusCode).toBe(404);
    expect((await west.get(`/api/v1/customers/${target.id}`)).statusCode).toBe(200);
    const timeline = (await east.get(`/api/v1/customers/${target.id}/timeline`)).json().data;
    expect(timeline.some((e: { action: string }) => e.action === 'merge')).toBe(true);
    const self = await east.post(`/api/v1/customers/${target.id}/merge`, { sourceId: target.id });
    expect(self.json().code).toBe('MERGE_SAME_CUSTOMER');
  });
});

describe('contacts', () => {
  it('keeps one primary contact per customer', async () => {
    const c = await makeCustomer(east);
    const first = await makeContact(east, c.id);
    expect(first.isPrimary).toBe(true);
    const second = await makeContact(east, c.id, {
      isPrimary: true,
      birthday: '1990-02-03',
      gender: 'female',
    });
    expect(second).toMatchObject({ isPrimary: true, birthday: '1990-02-03' });
    const all = (await east.get(`/api/v1/customers/${c.id}/contacts`)).json().data as {
      id: string;
      isPrimary: boolean;
    }[];
    expect(all.filter((x) => x.isPrimary).map((x) => x.id)).toEqual([second.id]);
  });
});

describe('a salesperson moves or leaves', () => {
  it('takes their customers along to a new department', async () => {
    const role = await makeRole(admin, ['customers:view', 'customers:create'], { customers: 'own' });
    const mover = await makeUser(admin, { departmentId: eastDeptId, roleIds: [role.id] });
    const c = await makeCustomer(admin, { ownerId: mover.id });
    expect((await west.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    const current = (await admin.get(`/api/v1/users/${mover.id}`)).json();
    const moved = await admin.patch(`/api/v1/users/${mover.id}`, {
      version: current.version,
      departmentId: westDeptId,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await west.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
  });

  it('hands all customers to a colleague, or chosen ones to a pool, then is set left — in one step', async () => {
    const role = await makeRole(admin, ['customers:view', 'customers:create'], { customers: 'own' });
    const leaver = await makeUser(admin, { departmentId: eastDeptId, roleIds: [role.id] });
    const heir = await makeUser(admin, { departmentId: eastDeptId, roleIds: [role.id] });
    const [a, b, c] = [
      await makeCustomer(admin, { ownerId: leaver.id }),
      await makeCustomer(admin, { ownerId: leaver.id }),
      await makeCustomer(admin, { ownerId: leaver.id }),
    ];
    const pool = (
      await admin.post('/api/v1/pools', {
        name: unique('离职公海'),
        departmentIds: [],
        recycleNoFollowUpDays: null,
        recycleNoDealDays: null,
        remindDaysBefore: null,
        holdLimit: null,
        dailyClaimLimit: null,
        cooldownDays: null,
      })
    ).json();
    const toPool = await admin.post(`/api/v1/users/${leaver.id}/departure`, {
      toPoolId: pool.id,
      customerIds: [a.id],
    });
    expect(toPool.json().transferred).toMatchObject({ customers: 1 });
    expect((await admin.get(`/api/v1/customers/${a.id}`)).json()).toMatchObject({
      state: 'pool',
      poolId: pool.id,
    });
    const rest = await admin.post(`/api/v1/users/${leaver.id}/departure`, { toUserId: heir.id });
    expect(rest.json().transferred).toMatchObject({ customers: 2 });
    for (const id of [b.id, c.id])
      expect((await admin.get(`/api/v1/customers/${id}`)).json().ownerId).toBe(heir.id);
    expect((await admin.get(`/api/v1/users/${leaver.id}`)).json().status).toBe('left');
    const bad = await admin.post(`/api/v1/users/${heir.id}/departure`, { toUserId: heir.id });
    expect(bad.json().code).toBe('OWNER_INVALID');
    expect((await admin.get(`/api/v1/users/${heir.id}`)).json().status).toBe('active');
  });
});

describe('customers: location (WGS-84 lat/lng)', () => {
  it('stores, reads, patches and audits both coordinates; clears them together', async () => {
    const c = await makeCustomer(east, { lat: 31.230416, lng: 121.473701 });
    expect(c).toMatchObject({ lat: 31.230416, lng: 121.473701 });
    const read = (await east.get(`/api/v1/customers/${c.id}`)).json();
    expect(read).toMatchObject({ lat: 31.230416, lng: 121.473701 });
    const moved = await east.patch(`/api/v1/customers/${c.id}`, {
      version: c.version,
      lat: -33.8688,
      lng: 151.2093,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ lat: -33.8688, lng: 151.2093 });
    const history = (await east.get(`/api/v1/customers/${c.id}/history`)).json().data;
    const change = (field: string) => history.find((h: { field: string }) => h.field === field);
    expect(change('lat')).toMatchObject({ before: '31.230416', after: '-33.868800' });
    expect(change('lng')).toMatchObject({ before: '121.473701', after: '151.209300' });
    const cleared = await east.patch(`/api/v1/customers/${c.id}`, {
      version: c.version + 1,
      lat: null,
      lng: null,
    });
    expect(cleared.json()).toMatchObject({ lat: null, lng: null });
  });

  it('the coordinates follow the address field permission: hidden or masked address hides them (list, record, history); read-only forbids changing them', async () => {
    const located = await makeCustomer(admin, { name: unique('定位'), lat: 31.230416, lng: 121.473701 });
    const seen = async (address: 'hidden' | 'masked' | 'read') => {
      const role = await makeRole(
        admin,
        ['customers:view', 'customers:edit'],
        { customers: 'all' },
        { fieldPermissions: { customers: { address } } },
      );
      const u = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
      return t.login(u.username);
    };
    for (const level of ['hidden', 'masked'] as const) {
      const viewer = await seen(level);
      const record = (await viewer.get(`/api/v1/customers/${located.id}`)).json();
      expect(record.lat, level).toBeUndefined();
      expect(record.lng, level).toBeUndefined();
      const listRes = await viewer.get(`/api/v1/customers?q=${encodeURIComponent(located.name)}`);
      expect(listRes.statusCode, listRes.body).toBe(200);
      const listed = listRes.json().data;
      expect(listed[0].id).toBe(located.id);
      expect(listed[0].lat).toBeUndefined();
      const history = (await viewer.get(`/api/v1/customers/${located.id}/history`)).json().data;
      expect(history.some((h: { field: string }) => h.field === 'lat' || h.field === 'lng')).toBe(false);
    }
    const reader = await seen('read');
    expect((await reader.get(`/api/v1/customers/${located.id}`)).json()).toMatchObject({ lat: 31.230416 });
    const moved = await reader.patch(`/api/v1/customers/${located.id}`, {
      version: located.version,
      lat: 30,
      lng: 120,
    });
    expect(moved.statusCode).toBe(403);
  });

  it('refuses half a location (create and patch) and coordinates out of range, on the field', async () => {
    for (const [bad, path] of [
      [{ lat: 31.2 }, 'lng'],
      [{ lng: 121.4 }, 'lat'],
      [{ lat: 90.5, lng: 121.4 }, 'lat'],
      [{ lat: 31.2, lng: -180.1 }, 'lng'],
      [{ lat: 31.2, lng: 'east' }, 'lng'],
    ] as const) {
      const r = await east.post('/api/v1/customers', { name: unique(), ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('VALIDATION_FAILED');
      expect(r.json().details, JSON.stringify(bad)).toEqual([expect.objectContaining({ path })]);
    }
    const c = await makeCustomer(east, { lat: 31.2, lng: 121.4 });
    const half = await east.patch(`/api/v1/customers/${c.id}`, { version: c.version, lng: null });
    expect(half.statusCode).toBe(400);
    expect(half.json().details).toEqual([expect.objectContaining({ path: 'lng' })]);
    const plain = await makeCustomer(east);
    const one = await east.patch(`/api/v1/customers/${plain.id}`, { version: plain.version, lat: 31.2 });
    expect(one.json().details).toEqual([expect.objectContaining({ path: 'lng' })]);
    expect((await east.get(`/api/v1/customers/${c.id}`)).json()).toMatchObject({ lat: 31.2, lng: 121.4 });
  });
});
