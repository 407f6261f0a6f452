import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, multipart } from '../../test/agent.ts';
import { makeContact, makeCustomer, unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { type Field, fieldsAs, optionValue } from './test-fields.ts';

// Custom values on records: stored, checked, filtered and sorted, replaced, exported and imported.

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext({}, { jobs: true });
  admin = await t.admin();
});
afterAll(() => t.close());

const { addField, dropdown, fields } = fieldsAs(() => admin);

async function customersWhere(query: string) {
  const res = await admin.get(`/api/v1/customers?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { id: string; name: string; custom: Record<string, unknown> }[];
}

const enc = encodeURIComponent;

describe('custom values on records', () => {
  let f: Record<string, Field>;
  beforeAll(async () => {
    f = {
      int: await addField({ type: 'integer' }),
      dec: await addField({ type: 'decimal' }),
      text: await addField({ type: 'text' }),
      date: await addField({ type: 'date' }),
      user: await addField({ type: 'user' }),
      phone: await addField({ type: 'phone' }),
      dd: await dropdown(['金', '银', '铜']),
      multi: await addField({
        type: 'multi-select',
        options: [{ label: '甲' }, { label: '乙' }, { label: '丙' }],
      }),
    };
  });

  const create = (custom: Record<string, unknown>) =>
    admin.post('/api/v1/customers', { name: unique('客户'), force: true, custom });

  it('stores values of every type in their canonical form', async () => {
    const res = await create({
      [f.int.key]: '42',
      [f.dec.key]: '1234.50',
      [f.text.key]: '  备注  ',
      [f.date.key]: '2026-02-28',
      [f.user.key]: t.tenant.adminId,
      [f.phone.key]: '138 0013 8000',
      [f.dd.key]: optionValue(f.dd, '银'),
      [f.multi.key]: [optionValue(f.multi, '乙'), optionValue(f.multi, '甲'), optionValue(f.multi, '乙')],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().custom).toEqual({
      [f.int.key]: 42,
      [f.dec.key]: '1234.50',
      [f.text.key]: '备注',
      [f.date.key]: '2026-02-28',
      [f.user.key]: t.tenant.adminId,
      [f.phone.key]: '138 0013 8000',
      [f.dd.key]: optionValue(f.dd, '银'),
      [f.multi.key]: [optionValue(f.multi, '乙'), optionValue(f.multi, '甲')],
    });
  });

  it('refuses unknown keys and values of the wrong type, with custom.<key> paths', async () => {
    const cases: [string, unknown][] = [
      ['cf_nosuch', 'x'],
      [f.int.key, 1.5],
      [f.int.key, 'abc'],
      [f.dec.key, '1e3'],
      [f.dec.key, '1.1234567'],
      [f.dec.key, 0.1 + 0.2],
      [f.text.key, 'x'.repeat(501)],
      [f.text.key, 5],
      [f.date.key, '2026-02-30'],
      [f.date.key, '2026/02/01'],
      [f.user.key, '01000000-0000-7000-8000-000000000000'],
      [f.user.key, 'admin'],
      [f.phone.key, 'call me'],
      [f.dd.key, 'not-an-option'],
      [f.dd.key, [optionValue(f.dd, '金')]],
      [f.multi.key, ['nope']],
      [f.multi.key, optionValue(f.multi, '甲')],
    ];
    for (const [key, value] of cases) {
      const res = await create({ [key]: value });
      expect({ key, value, status: res.statusCode, code: res.json().code }).toEqual({
        key,
        value,
        status: 400,
        code: 'CUSTOM_FIELD_INVALID',
      });
      expect(res.json().details[0].path).toBe(`custom.${key}`);
    }
    // a user of another tenant is no user here; a disabled one cannot be chosen
    const other = await create({ [f.user.key]: t.other.adminId });
    expect(other.json().code).toBe('CUSTOM_FIELD_INVALID');
  });

  it('requires required enabled fields on create, not on updates that leave them alone', async () => {
    const old = await makeCustomer(admin);
    const req = await addField({ type: 'text', required: true });
    try {
      const missing = await create({});
      expect(missing.json()).toMatchObject({
        code: 'CUSTOM_FIELD_INVALID',
        details: [{ path: `custom.${req.key}`, message: 'required' }],
      });
      const ok = await create({ [req.key]: '有' });
      expect(ok.statusCode).toBe(201);
      // an older record without a value can still be edited…
      const edit = await admin.patch(`/api/v1/customers/${old.id}`, {
        version: old.version,
        shortName: '简',
      });
      expect(edit.statusCode, edit.body).toBe(200);
      // …but a required value cannot be emptied
      const cleared = await admin.patch(`/api/v1/customers/${ok.json().id}`, {
        version: ok.json().version,
        custom: { [req.key]: null },
      });
      expect(cleared.json().code).toBe('CUSTOM_FIELD_INVALID');
      // contacts are checked the same way (their own fields)
      const contactField = await addField({ type: 'integer', required: true }, 'contacts');
      const contact = await admin.post('/api/v1/contacts', {
        customerId: old.id,
        name: unique('联系人'),
        custom: {},
      });
      expect(contact.json()).toMatchObject({ details: [{ path: `custom.${contactField.key}` }] });
      const good = await makeContact(admin, old.id, { custom: { [contactField.key]: 7 } });
      expect(good.custom).toEqual({ [contactField.key]: 7 });
      const bad = await admin.patch(`/api/v1/contacts/${good.id}`, {
        version: good.version,
        custom: { [contactField.key]: 'seven' },
      });
      expect(bad.json().code).toBe('CUSTOM_FIELD_INVALID');
      const renamed = await admin.patch(`/api/v1/contacts/${good.id}`, {
        version: good.version,
        title: '经理',
      });
      expect(renamed.json().custom).toEqual({ [contactField.key]: 7 }); // untouched by an edit without custom
      const changed = await admin.patch(`/api/v1/contacts/${good.id}`, {
        version: good.version + 1,
        custom: { [contactField.key]: '8' },
      });
      expect(changed.json().custom).toEqual({ [contactField.key]: 8 });
      await admin.post(`/api/v1/custom-fields/${contactField.id}/disable`, { version: contactField.version });
    } finally {
      const latest = (await fields()).find((x) => x.id === req.id)!;
      await admin.post(`/api/v1/custom-fields/${req.id}/disable`, { version: latest.version });
    }
  });

  it('merges updates by key, keeps disabled fields read-only, and audits each field', async () => {
    const c = await makeCustomer(admin, {
      custom: { [f.text.key]: '原值', [f.int.key]: 1 },
    });
    const res = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version,
      custom: { [f.int.key]: 2 },
    });
    expect(res.json().custom).toEqual({ [f.text.key]: '原值', [f.int.key]: 2 });
    const history = (await admin.get(`/api/v1/customers/${c.id}/history`)).json().data;
    expect(history).toContainEqual(
      expect.objectContaining({ action: 'update', field: `custom.${f.int.key}`, before: 1, after: 2 }),
    );
    const extra = await addField({ type: 'text' });
    const withExtra = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version + 1,
      custom: { [extra.key]: '停用前' },
    });
    expect(withExtra.statusCode).toBe(200);
    await admin.post(`/api/v1/custom-fields/${extra.id}/disable`, { version: extra.version });
    const change = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version + 2,
      custom: { [extra.key]: '改了' },
    });
    expect(change.json()).toMatchObject({
      code: 'CUSTOM_FIELD_INVALID',
      details: [{ path: `custom.${extra.key}` }],
    });
    // sending the whole object back unchanged is fine (forms do)
    const same = await admin.patch(`/api/v1/customers/${c.id}`, {
      version: c.version + 2,
      custom: { ...withExtra.json().custom, [f.int.key]: 3 },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().custom[extra.key]).toBe('停用前');
    const created = await create({ [extra.key]: 'x' });
    expect(created.json().code).toBe('CUSTOM_FIELD_INVALID');
  });

  it('filters by equality, contains and ranges, and sorts by a custom field', async () => {
    const tag = unique('筛');
    const make = (name: string, custom: Record<string, unknown>) =>
      makeCustomer(admin, { name: `${tag}${name}`, tags: [tag], custom });
    const [gold, silver, bronze] = ['金', '银', '铜'].map((l) => optionValue(f.dd, l));
    const [a, b, c] = ['甲', '乙', '丙'].map((l) => optionValue(f.multi, l));
    await make('一', {
      [f.int.key]: 5,
      [f.dec.key]: '10.5',
      [f.date.key]: '2026-01-10',
      [f.dd.key]: bronze,
      [f.multi.key]: [a, b],
      [f.text.key]: 'VIP',
    });
    await make('二', {
      [f.int.key]: 20,
      [f.dec.key]: '10.50',
      [f.date.key]: '2026-03-01',
      [f.dd.key]: gold,
      [f.multi.key]: [b],
    });
    await make('三', {
      [f.int.key]: -3,
      [f.dec.key]: '99',
      [f.date.key]: '2025-12-31',
      [f.dd.key]: silver,
      [f.multi.key]: [c],
    });
    await make('四', {});
    const names = async (query: string) =>
      (await customersWhere(`tag=${enc(tag)}&${query}`)).map((x) => x.name.slice(tag.length));

    expect(await names(`cf.${f.dd.key}=${gold}`)).toEqual(['二']);
    expect((await names(`cf.${f.multi.key}=${b}`)).sort()).toEqual(['一', '二']);
    expect(await names(`cf.${f.text.key}=VIP`)).toEqual(['一']);
    expect(await names(`cf.${f.int.key}=20`)).toEqual(['二']);
    expect((await names(`cf.${f.dec.key}=10.5`)).sort()).toEqual(['一', '二']);
    expect((await names(`cf.${f.int.key}.from=0&cf.${f.int.key}.to=20`)).sort()).toEqual(['一', '二']);
    expect(await names(`cf.${f.dec.key}.from=50`)).toEqual(['三']);
    expect((await names(`cf.${f.date.key}.from=2026-01-01&cf.${f.date.key}.to=2026-12-31`)).sort()).toEqual([
      '一',
      '二',
    ]);
    expect(await names(`cf.${f.date.key}=2025-12-31`)).toEqual(['三']);

    // sorted: numbers numerically, dropdowns in option order, empty values last
    expect(await names(`sort=cf.${f.int.key}`)).toEqual(['三', '一', '二', '四']);
    expect(await names(`sort=-cf.${f.int.key}`)).toEqual(['二', '一', '三', '四']);
    expect(await names(`sort=cf.${f.dd.key}`)).toEqual(['二', '三', '一', '四']);
    expect(await names(`sort=cf.${f.date.key}`)).toEqual(['三', '一', '二', '四']);

    const bad = async (query: string, path: string) => {
      const res = await admin.get(`/api/v1/customers?${query}`);
      expect({ query, status: res.statusCode, code: res.json().code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.json().details[0].path).toBe(path);
    };
    await bad('cf.cf_nosuch=1', 'querystring.cf.cf_nosuch');
    await bad('sort=cf.cf_nosuch', 'querystring.sort');
    await bad(`cf.${f.int.key}=abc`, `querystring.cf.${f.int.key}`);
    await bad(`cf.${f.dd.key}.from=1`, `querystring.cf.${f.dd.key}.from`);
    await bad(`cf.${f.date.key}.to=${enc("2026-01-01' OR 1=1 --")}`, `querystring.cf.${f.date.key}.to`);
    // values never reach SQL as text: a quote is just a value that matches nothing
    expect(await names(`cf.${f.text.key}=${enc("x' OR '1'='1")}`)).toEqual([]);

    // contacts filter the same way on their own fields
    const cf = await addField(
      { type: 'dropdown', options: [{ label: '决策' }, { label: '使用' }] },
      'contacts',
    );
    const owner = await makeCustomer(admin);
    const boss = await makeContact(admin, owner.id, { custom: { [cf.key]: optionValue(cf, '决策') } });
    await makeContact(admin, owner.id, { custom: { [cf.key]: optionValue(cf, '使用') } });
    const contacts = (
      await admin.get(`/api/v1/contacts?customerId=${owner.id}&cf.${cf.key}=${optionValue(cf, '决策')}`)
    ).json();
    expect(contacts.data.map((x: { id: string }) => x.id)).toEqual([boss.id]);
  });

  it('serves equality filters from the GIN index over the values', async () => {
    // 3,000 rows with statistics (rolled back afterwards), so the planner sees what the index buys
    let plan = '';
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO customers (id, tenant_id, name, name_key, state, custom)
          SELECT gen_random_uuid(), ${t.tenant.id}, 'gin' || g, 'gin' || g, 'active',
            jsonb_build_object(${f.dd.key}::text, 'v' || (g % 1000))
          FROM generate_series(1, 3000) g`);
        await tx.execute(sql`ANALYZE customers`);
        const result = await tx.execute(sql`EXPLAIN SELECT c.id FROM customers c
          WHERE c.tenant_id = ${t.tenant.id} AND c.deleted_at IS NULL
            AND c.custom @> ${JSON.stringify({ [f.dd.key]: 'v7' })}::jsonb`);
        plan = result.rows.map((r) => Object.values(r as object)[0]).join('\n');
        throw new Error('rollback');
      })
      .catch((err: Error) => {
        if (err.message !== 'rollback') throw err;
      });
    expect(plan).toContain('customers_custom_idx');
  });
});

describe('replace an option value across records (替换)', () => {
  it('replaces in every record in one go, audited per record and as a summary', async () => {
    const f = await dropdown(['旧', '新', '别']);
    const [old, neu, other] = ['旧', '新', '别'].map((l) => optionValue(f, l));
    const tag = unique('替');
    const made = [];
    for (const v of [old, old, old, other])
      made.push(await makeCustomer(admin, { tags: [tag], custom: { [f.key]: v } }));
    // a record of the other tenant with the same key is never touched
    const theirs = await makeCustomer(await t.login('admin', undefined, t.other.code));
    await t.database.db.execute(sql`UPDATE customers SET custom = ${JSON.stringify({ [f.key]: old })}::jsonb
      WHERE id = ${theirs.id}`);
    const res = await admin.post(`/api/v1/custom-fields/${f.id}/replace-option`, { from: old, to: neu });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ count: 3 });
    const after = await customersWhere(`tag=${enc(tag)}&pageSize=100`);
    expect(after.map((c) => c.custom[f.key]).sort()).toEqual([neu, neu, neu, other].sort());
    const first = (await admin.get(`/api/v1/customers/${made[0].id}`)).json();
    expect(first.version).toBe(made[0].version + 1);
    const history = (await admin.get(`/api/v1/customers/${made[0].id}/history`)).json().data;
    expect(history[0]).toMatchObject({
      action: 'replace-option',
      field: `custom.${f.key}`,
      before: old,
      after: neu,
    });
    const summary = (await admin.get(`/api/v1/custom-fields/${f.id}/history`)).json().data;
    expect(summary).toContainEqual(
      expect.objectContaining({ action: 'replace-option', field: 'records', after: 3 }),
    );
    const [{ n }] = (
      await t.database.db.execute(sql`SELECT count(*)::int8 AS n FROM customers
        WHERE tenant_id = ${t.other.id} AND custom ->> ${f.key} = ${old}`)
    ).rows as { n: number }[];
    expect(Number(n)).toBe(1);

    const notOption = await admin.post(`/api/v1/custom-fields/${f.id}/replace-option`, {
      from: neu,
      to: 'zzz',
    });
    expect(notOption.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'to' }] });
    const sameValue = await admin.post(`/api/v1/custom-fields/${f.id}/replace-option`, {
      from: neu,
      to: neu,
    });
    expect(sameValue.json().code).toBe('VALIDATION_FAILED');
    const text = await addField({ type: 'text' });
    const noOptions = await admin.post(`/api/v1/custom-fields/${text.id}/replace-option`, {
      from: 'a',
      to: 'b',
    });
    expect(noOptions.json().code).toBe('VALIDATION_FAILED');
  });

  it('replaces inside multi-select lists, keeping order and dropping repeats; a retired value too', async () => {
    const f = await addField({
      type: 'multi-select',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
        { value: 'c', label: 'C' },
      ],
    });
    const one = await makeCustomer(admin, { custom: { [f.key]: ['c', 'a', 'b'] } });
    const two = await makeCustomer(admin, { custom: { [f.key]: ['a'] } });
    const res = await admin.post(`/api/v1/custom-fields/${f.id}/replace-option`, { from: 'a', to: 'b' });
    expect(res.json()).toEqual({ count: 2 });
    expect((await admin.get(`/api/v1/customers/${one.id}`)).json().custom[f.key]).toEqual(['c', 'b']);
    expect((await admin.get(`/api/v1/customers/${two.id}`)).json().custom[f.key]).toEqual(['b']);
    // retire option c (disabled: options editable), then move the records still holding it
    const off = (await admin.post(`/api/v1/custom-fields/${f.id}/disable`, { version: f.version })).json();
    await admin.patch(`/api/v1/custom-fields/${f.id}`, {
      version: off.version,
      options: off.options.slice(0, 2),
    });
    const retired = await admin.post(`/api/v1/custom-fields/${f.id}/replace-option`, { from: 'c', to: 'a' });
    expect(retired.json()).toEqual({ count: 1 });
    expect((await admin.get(`/api/v1/customers/${one.id}`)).json().custom[f.key]).toEqual(['a', 'b']);
  });
});

describe('export and import', () => {
  const parseCsv = (body: string) =>
    body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .map((l) => l.split(','));

  it('exports enabled fields as columns titled by the field, with option labels and user names', async () => {
    const dd = await dropdown(['重点客户', '普通客户']);
    const multi = await addField({ type: 'multi-select', options: [{ label: '华南' }, { label: '华东' }] });
    const owner = await addField({ type: 'user' });
    const hidden = await addField({ type: 'text' });
    await admin.post(`/api/v1/custom-fields/${hidden.id}/disable`, { version: hidden.version });
    const tag = unique('出');
    await makeCustomer(admin, {
      tags: [tag],
      custom: {
        [dd.key]: optionValue(dd, '重点客户'),
        [multi.key]: multi.options.map((o) => o.value),
        [owner.key]: t.tenant.adminId,
      },
    });
    const res = await admin.get(
      `/api/v1/customers/export?format=csv&tag=${enc(tag)}&cf.${dd.key}=${optionValue(dd, '重点客户')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const [header, row] = parseCsv(res.body);
    expect(header).toContain(dd.title);
    expect(header).not.toContain(hidden.title);
    expect(row[header.indexOf(dd.title)]).toBe('重点客户');
    expect(row[header.indexOf(multi.title)]).toBe('华南、华东');
    expect(row[header.indexOf(owner.title)]).not.toBe(t.tenant.adminId);
    expect(row[header.indexOf(owner.title)]).toBeTruthy();
    const none = await admin.get(
      `/api/v1/customers/export?format=csv&tag=${enc(tag)}&cf.${dd.key}=${optionValue(dd, '普通客户')}`,
    );
    expect(parseCsv(none.body)).toHaveLength(1);
    const bad = await admin.get('/api/v1/customers/export?format=csv&cf.cf_nosuch=1');
    expect(bad.statusCode).toBe(400);
  });

  it('offers enabled fields for import mapped by title, converts labels and validates values', async () => {
    const dd = await dropdown(['大客户', '小客户']);
    const multi = await addField({ type: 'multi-select', options: [{ label: '线上' }, { label: '线下' }] });
    const int = await addField({ type: 'integer' });
    const off = await addField({ type: 'text' });
    await admin.post(`/api/v1/custom-fields/${off.id}/disable`, { version: off.version });
    const upload = (url: string, fields: Record<string, string>, content: string) => {
      const body = multipart(fields, { file: { name: 'c.csv', content } });
      return admin.request('POST', url, body.payload, { headers: body.headers });
    };
    const name = unique('导入自定义');
    const file = [
      `客户名称,${dd.title},${multi.title},${int.title},${off.title}`,
      `${name}有限公司,大客户,"线上、线下",12,x`,
      `${name}二号有限公司,${optionValue(dd, '小客户')},线下,7,`,
    ].join('\n');
    const preview = await upload('/api/v1/imports/preview', { entity: 'customers' }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p.mapping).toEqual({
      客户名称: 'name',
      [dd.title]: `cf.${dd.key}`,
      [multi.title]: `cf.${multi.key}`,
      [int.title]: `cf.${int.key}`,
    });
    expect(p.fields).toContainEqual({ key: `cf.${dd.key}`, label: dd.title, required: false });
    expect(p.fields.some((x: { key: string }) => x.key === `cf.${off.key}`)).toBe(false);
    expect(p.errors).toEqual([]);

    const badFile = [`客户名称,${dd.title},${int.title}`, `${name}三号有限公司,中客户,1.5`].join('\n');
    const badPreview = (await upload('/api/v1/imports/preview', { entity: 'customers' }, badFile)).json();
    expect(badPreview.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [`cf.${dd.key}`, `cf.${int.key}`].sort(),
    );

    const started = await upload(
      '/api/v1/imports',
      { entity: 'customers', mode: 'skip', mapping: JSON.stringify(p.mapping) },
      file,
    );
    expect(started.statusCode, started.body).toBe(202);
    let job: { status: string; created: number; errors: unknown[] } | undefined;
    for (let i = 0; i < 300; i++) {
      job = (await admin.get(`/api/v1/imports/${started.json().id}`)).json();
      if (['done', 'failed', 'interrupted'].includes(job!.status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ status: 'done', created: 2 });
    const imported = await customersWhere(`q=${enc(name)}`);
    const byName = (suffix: string) => imported.find((c) => c.name === `${name}${suffix}`)?.custom;
    expect([byName('有限公司'), byName('二号有限公司')]).toEqual([
      {
        [dd.key]: optionValue(dd, '大客户'),
        [multi.key]: [optionValue(multi, '线上'), optionValue(multi, '线下')],
        [int.key]: 12,
      },
      { [dd.key]: optionValue(dd, '小客户'), [multi.key]: [optionValue(multi, '线下')], [int.key]: 7 },
    ]);
  });
});
