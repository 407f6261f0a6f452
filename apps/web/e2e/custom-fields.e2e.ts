import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import {
  answer,
  createdRow,
  expectNoSidewaysScroll,
  openMenu,
  pick,
  rows,
  settled,
  signIn,
} from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
let fieldTitle = `合作级别${stamp}`;
let customerName = `自定义字段测试${stamp}有限公司`;
beforeRetry(() => {
  stamp = newStamp();
  fieldTitle = `合作级别${stamp}`;
  customerName = `自定义字段测试${stamp}有限公司`;
});

/**
 * Leaves the other journeys a customer list and form without this field — also when the journey
 * failed half-way (called from `finally`; a field that was never made is fine).
 */
async function disableField(page: Page, title: string) {
  const api = await apiAs(page);
  const fields = (await api.get('/custom-fields?entity=customers')).data as {
    id: string;
    title: string;
    enabled: boolean;
    version: number;
  }[];
  const field = fields.find((f) => f.title === title);
  if (field?.enabled) await api.post(`/custom-fields/${field.id}/disable`, { version: field.version });
}

describe('custom fields (自定义字段)', () => {
  it('admin adds a dropdown to customers; it shows in the customer form and list; options are read-only while enabled (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await openMenu(page, '自定义字段', false);
    await page.waitForURL('**/custom-fields');
    await page.getByRole('radiogroup', { name: '记录类型' }).getByText('客户', { exact: true }).waitFor();

    try {
      // a dropdown with two options
      await page.getByRole('button', { name: '新增字段' }).click();
      const drawer = page.getByRole('dialog', { name: '新增自定义字段' });
      await drawer.getByLabel('标题').fill(fieldTitle);
      await drawer.getByLabel('选项 1', { exact: true }).fill('战略伙伴');
      await drawer.getByRole('button', { name: '添加选项' }).click();
      await drawer.getByLabel('选项 2', { exact: true }).fill('普通伙伴');
      const created = answer(page, 'POST', '/custom-fields');
      await drawer.getByRole('button', { name: '保存', exact: true }).click();
      expect((await created).status()).toBe(201);
      // the new field is shown marked in the list
      await createdRow(page, fieldTitle).waitFor();
      const row = rows(page).filter({ hasText: fieldTitle });
      await row.getByText('下拉列表').waitFor();
      expect(await row.getByRole('switch', { name: `停用“${fieldTitle}”` }).isChecked()).toBe(true);
      await settled(page);
      await snap(page, 'custom-fields-zh-desktop');

      // while enabled, its options are read-only, and the drawer says why
      await row.getByRole('button', { name: '编辑' }).click();
      const edit = page.getByRole('dialog', { name: `编辑“${fieldTitle}”` });
      await edit.getByText('字段启用期间选项只读').waitFor();
      expect(await edit.getByLabel('选项 1', { exact: true }).isDisabled()).toBe(true);
      await settled(page);
      await snap(page, 'custom-fields-edit-zh-desktop');
      await edit.getByRole('button', { name: '取消' }).click();

      // the customer form offers it; the list shows it as a column
      await openMenu(page, '客户', false);
      await page.waitForURL('**/customers');
      await page.getByRole('button', { name: '新建客户' }).click();
      const form = page.getByRole('dialog', { name: '新建客户' });
      await form.getByLabel('客户名称').fill(customerName);
      await form.getByRole('region', { name: '自定义字段' }).waitFor();
      await pick(page, fieldTitle, '战略伙伴', form);
      await form.getByRole('region', { name: '自定义字段' }).scrollIntoViewIfNeeded();
      await settled(page);
      await snap(page, 'custom-fields-customer-form-zh-desktop');
      const saved = answer(page, 'POST', '/customers');
      await form.getByRole('button', { name: '保存', exact: true }).click();
      const response = await saved;
      expect(response.status()).toBe(201);
      const customer = await response.json();
      expect(Object.values(customer.custom)).toEqual([expect.stringMatching(/^o_/)]);
      await page.getByRole('columnheader', { name: fieldTitle }).waitFor();
      // the list shows the new customer (searched by its name, marked), with the field's value
      const listed = createdRow(page, customerName);
      await listed.getByText('战略伙伴').waitFor();
      await settled(page);
      await snap(page, 'custom-fields-customer-list-zh-desktop');
    } finally {
      await disableField(page, fieldTitle);
    }
    await context.close();
  });

  it('the admin page and its drawer fit a phone (390 px)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    const title = `手机字段${stamp}`;
    const api = await apiAs(page);
    await api.post('/custom-fields', {
      entity: 'customers',
      title,
      type: 'multi-select',
      required: true,
      options: [{ label: '华南' }, { label: '华东' }, { label: '西南' }],
    });
    try {
      await openMenu(page, '自定义字段', true);
      await page.waitForURL('**/custom-fields');
      const row = rows(page).filter({ hasText: title });
      await row.waitFor();
      await expectNoSidewaysScroll(page);
      await settled(page);
      await snap(page, 'custom-fields-zh-phone');
      await row.getByRole('button', { name: '编辑' }).click();
      await page
        .getByRole('dialog', { name: `编辑“${title}”` })
        .getByText('字段启用期间选项只读')
        .waitFor();
      await settled(page);
      await snap(page, 'custom-fields-edit-zh-phone');
      await expectNoSidewaysScroll(page);
    } finally {
      await disableField(page, title);
    }
    await context.close();
  });
});
