import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { makeCustomer, makeRole, makeUser, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { fieldsAs, optionValue, title } from './test-fields.ts';

// Field definitions: types, options, order, deletion, dependent dropdowns, limits, access.
// (Values on records: custom-values.test.ts.)

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
});
afterAll(() => t.close());

const { addField, dropdown, fields } = fieldsAs(() => admin);

describe('custom field definitions', () => {
  it('creates fields of every type with a generated key; title ≤ 16, options only where they belong', async () => {
    for (const type of ['integer', 'decimal', 'text', 'date', 'user', 'phone']) {
      const f = await addField({ type });
      expect(f).toMatchObject({ type, enabled: true, required: false, options: [], dependsOn: null });
      expect(f.key).toMatch(/^cf_[a-z0-9]{6}$/);
    }
    const d = await dropdown(['甲', '乙']);
    expect(d.options.map((o) => o.label)).toEqual(['甲', '乙']);
    expect(new Set(d.options.map((o) => o.value)).size).toBe(2);
    const m = await addField({ type: 'multi-select', options: [{ value: 'red', label: '红' }] });
    expect(m.options).toEqual([{ value: 'red', label: '红' }]);

    const bad = async (body: Record<string, unknown>, code = 'VALIDATION_FAILED') => {
      const res = await admin.post('/api/v1/custom-fields', { entity: 'customers', title: title(), ...body });
      expect(res.json().code, res.body).toBe(code);
      return res.json();
    };
    expect((await bad({ type: 'text', title: '一二三四五六七八九十一二三四五六七' })).details[0].path).toBe(
      'title',
    );
    await bad({ type: 'colour' });
    expect((await bad({ type: 'dropdown' })).details[0].path).toBe('options');
    expect((await bad({ type: 'text', options: [{ label: 'x' }] })).details[0].path).toBe('options');
    expect(
      (await bad({ type: 'dropdown', options: [{ label: '同' }, { label: '同' }] })).details[0].path,
    ).toBe('options.1.label');
    await bad({ type: 'dropdown', options: [{ value: 'a,b', label: 'x' }] });
    await bad({ type: 'text', entity: 'orders' });
    const taken = await admin.post('/api/v1/custom-fields', {
      entity: 'customers',
      title: d.title,
      type: 'text',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('NAME_TAKEN');
    // the same title on another entity is fine
    await addField({ type: 'text', title: d.title }, 'contacts');
  });

  it('accepts a 16-character title', async () => {
    const sixteen = `${unique('标')}一二三四五六七八九十一二三四五六`.slice(0, 16);
    expect([...sixteen]).toHaveLength(16);
    const f = await addField({ type: 'text', title: sixteen });
    expect(f.title).toBe(sixteen);
  });

  it('lists fields for any signed-in user (disabled ones flagged); only custom-fields:admin changes them', async () => {
    const f = await addField({ type: 'text' });
    await admin.post(`/api/v1/custom-fields/${f.id}/disable`, { version: f.version });
    const role = await makeRole(admin, ['customers:view']);
    const user = await makeUser(admin, { departmentId: t.tenant.rootDepartmentId, roleIds: [role.id] });
    const agent = await t.login(user.username);
    const seen = (await fields('customers', agent)).find((x) => x.id === f.id);
    expect(seen).toMatchObject({ enabled: false, title: f.title });
    const denied = await agent.post('/api/v1/custom-fields', {
      entity: 'customers',
      title: title(),
      type: 'text',
    });
    expect(denied.statusCode).toBe(403);
    // tenants never mix
    const other = await t.login('admin', undefined, t.other.code);
    expect((await fields('customers', other)).some((x) => x.id === f.id)).toBe(false);
    expect((await other.post(`/api/v1/custom-fields/${f.id}/move`, { to: 1 })).statusCode).toBe(404);
  });

  it('keeps options read-only while enabled: 409 CUSTOM_FIELD_ENABLED; editable once disabled; versions checked', async () => {
    const f = await dropdown(['一', '二']);
    const renamed = await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      version: f.version,
      title: title('改'),
      required: true,
      options: f.options, // sent back unchanged: fine
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ required: true, version: f.version + 1 });
    const locked = await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      version: f.version + 1,
      options: [...f.options, { label: '三' }],
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('CUSTOM_FIELD_ENABLED');
    const stale = await admin.post(`/api/v1/custom-fields/${f.id}/disable`, { version: f.version });
    expect(stale.json().code).toBe('CONFLICT');
    const disabled = (
      await admin.post(`/api/v1/custom-fields/${f.id}/disable`, { version: f.version + 1 })
    ).json();
    expect(disabled.enabled).toBe(false);
    const edited = await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      version: disabled.version,
      required: false, // (a required field would need a value on every customer the other tests create)
      options: [f.options[1], { label: '三' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().options.map((o: { label: string }) => o.label)).toEqual(['二', '三']);
    expect(edited.json().options[0].value).toBe(f.options[1].value);
    const enabled = await admin.post(`/api/v1/custom-fields/${f.id}/enable`, {
      version: edited.json().version,
    });
    expect(enabled.json().enabled).toBe(true);
    const history = (await admin.get(`/api/v1/custom-fields/${f.id}/history`)).json().data;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'disable', 'enable']),
    );
  });

  it('reorders: move to a position renumbers 1..n', async () => {
    const before = await fields('contacts');
    const a = await addField({ type: 'text' }, 'contacts');
    const b = await addField({ type: 'text' }, 'contacts');
    expect(b.sortOrder).toBe(before.length + 2);
    const moved = await admin.post(`/api/v1/custom-fields/${b.id}/move`, { to: 1 });
    expect(moved.json().sortOrder).toBe(1);
    const after = await fields('contacts');
    expect(after[0].id).toBe(b.id);
    expect(after.map((f) => f.sortOrder)).toEqual(after.map((_, i) => i + 1));
    await admin.post(`/api/v1/custom-fields/${a.id}/move`, { to: 1 });
    expect((await fields('contacts')).slice(0, 2).map((f) => f.id)).toEqual([a.id, b.id]);
  });

  it('deletes only a disabled field without values or dependants; otherwise it stays disabled', async () => {
    const f = await dropdown(['有', '无']);
    const enabledDelete = await admin.delete(`/api/v1/custom-fields/${f.id}?version=${f.version}`);
    expect(enabledDelete.json().code).toBe('CUSTOM_FIELD_ENABLED');
    const c = await makeCustomer(admin, { custom: { [f.key]: optionValue(f, '有') } });
    const off = (await admin.post(`/api/v1/custom-fields/${f.id}/disable`, { version: f.version })).json();
    const inUse = await admin.delete(`/api/v1/custom-fields/${f.id}?version=${off.version}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('CUSTOM_FIELD_IN_USE');
    // the value stays on the record, read-only
    expect((await admin.get(`/api/v1/customers/${c.id}`)).json().custom[f.key]).toBe(optionValue(f, '有'));
    await admin.delete(`/api/v1/customers/${c.id}?version=${c.version}`);
    const gone = await admin.delete(`/api/v1/custom-fields/${f.id}?version=${off.version}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect((await fields()).some((x) => x.id === f.id)).toBe(false);
    expect((await fields()).map((x) => x.sortOrder)).toEqual((await fields()).map((_, i) => i + 1));
  });
});

describe('dependent dropdowns (字段约束)', () => {
  it('checks the dependency: a dropdown parent of the same entity, known options, no cycle', async () => {
    const province = await dropdown(['广东', '浙江']);
    const text = await addField({ type: 'text' });
    const bad = async (body: Record<string, unknown>) => {
      const res = await admin.post('/api/v1/custom-fields', {
        entity: 'customers',
        title: title(),
        type: 'dropdown',
        options: [{ value: 'sz', label: '深圳' }],
        ...body,
      });
      expect(res.json().code, res.body).toBe('VALIDATION_FAILED');
      return res.json().details[0].path;
    };
    expect(await bad({ dependsOn: text.key })).toBe('dependsOn');
    expect(await bad({ dependsOn: 'cf_nosuch' })).toBe('dependsOn');
    expect(await bad({ dependsOn: province.key, optionParents: { sz: ['nope'] } })).toBe('optionParents.sz');
    expect(
      await bad({ dependsOn: province.key, optionParents: { nope: [optionValue(province, '广东')] } }),
    ).toBe('optionParents.nope');
    expect(await bad({ type: 'text', options: undefined, dependsOn: province.key })).toBe('dependsOn');
    // a cycle: province → city → province
    const city = await dropdown(['深圳'], { dependsOn: province.key });
    const off = (
      await admin.post(`/api/v1/custom-fields/${province.id}/disable`, { version: province.version })
    ).json();
    const cycle = await admin.patch(`/api/v1/custom-fields/${province.id}`, {
      version: off.version,
      dependsOn: city.key,
    });
    expect(cycle.json().details[0]).toMatchObject({ path: 'dependsOn' });
    // the dependency is part of the read-only options of an enabled field
    const locked = await admin.patch(`/api/v1/custom-fields/${city.id}`, {
      version: city.version,
      dependsOn: null,
    });
    expect(locked.json().code).toBe('CUSTOM_FIELD_ENABLED');
    // a parent others depend on cannot be deleted
    const parentDelete = await admin.delete(`/api/v1/custom-fields/${province.id}?version=${off.version}`);
    expect(parentDelete.json()).toMatchObject({
      code: 'CUSTOM_FIELD_IN_USE',
      details: [{ path: 'dependsOn' }],
    });
  });

  it('accepts a child value only under an allowed parent value, when either changes', async () => {
    const province = await dropdown(['广东', '浙江']);
    const [gd, zj] = [optionValue(province, '广东'), optionValue(province, '浙江')];
    const city = await addField({
      type: 'dropdown',
      options: [
        { value: 'sz', label: '深圳' },
        { value: 'hz', label: '杭州' },
        { value: 'other', label: '其他' },
      ],
      dependsOn: province.key,
      optionParents: { sz: [gd], hz: [zj], other: [] },
    });
    expect(city.optionParents).toEqual({ sz: [gd], hz: [zj] });
    const mismatch = await admin.post('/api/v1/customers', {
      name: unique('客户'),
      force: true,
      custom: { [province.key]: zj, [city.key]: 'sz' },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({
      code: 'CUSTOM_FIELD_INVALID',
      details: [{ path: `custom.${city.key}` }],
    });
    const noParent = await admin.post('/api/v1/customers', {
      name: unique('客户'),
      force: true,
      custom: { [city.key]: 'hz' },
    });
    expect(noParent.json().code).toBe('CUSTOM_FIELD_INVALID');
    // an unconstrained option goes with any parent (or none)
    await makeCustomer(admin, { custom: { [city.key]: 'other' } });
    const c = await makeCustomer(admin, { custom: { [province.key]: gd, [city.key]: 'sz' } });
    // changing only the parent to one the child does not allow is refused
    const parentOnly = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version,
      custom: { [province.key]: zj },
    });
    expect(parentOnly.json()).toMatchObject({
      code: 'CUSTOM_FIELD_INVALID',
      details: [{ path: `custom.${city.key}` }],
    });
    const both = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version,
      custom: { [province.key]: zj, [city.key]: 'hz' },
    });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().custom).toMatchObject({ [province.key]: zj, [city.key]: 'hz' });
  });
});

describe('limits', () => {
  it('allows at most 50 fields per entity', async () => {
    const ctx = await createTestContext();
    try {
      const a = await ctx.admin();
      for (let i = 0; i < 50; i++) {
        const res = await a.post('/api/v1/custom-fields', {
          entity: 'contacts',
          title: `字段${i}`,
          type: 'text',
        });
        expect(res.statusCode).toBe(201);
      }
      const res = await a.post('/api/v1/custom-fields', {
        entity: 'contacts',
        title: '第51个',
        type: 'text',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CUSTOM_FIELD_LIMIT');
      // another entity has its own 50
      expect(
        (await a.post('/api/v1/custom-fields', { entity: 'customers', title: '客户字段', type: 'text' }))
          .statusCode,
      ).toBe(201);
    } finally {
      await ctx.close();
    }
    // fifty creations one after another, each with its audit row: slow on a busy machine
  }, 120_000);
});

describeAuthz(authz);
