import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { expectNoSidewaysScroll, openMenu, signIn } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});
const csv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.join(',')).join('\n')}`;

/** Chooses a file in the wizard's drop zone (its hidden file input). */
async function chooseFile(page: Page, name: string, content: string) {
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
}

describe('import wizard (数据导入) and export', () => {
  it('imports a clean file with auto-mapped columns and a progress bar (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await openMenu(page, '数据导入', false);
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    const rows = [['客户名称', '手机', '行业', '地区', '标签']];
    for (let i = 0; i < 25; i++)
      rows.push([
        `导入${stamp}第${i}号贸易有限公司`,
        `1380013${String(1000 + i)}`,
        '制造业',
        '广东省/深圳市/南山区',
        '华南',
      ]);
    await chooseFile(page, 'customers.csv', csv(rows));
    // mapping step: headers mapped automatically, first rows checked
    await page.getByText('前 20 行检查通过').waitFor();
    for (const field of ['客户名称 *', '手机', '行业', '地区', '标签'])
      await page.getByTitle(field, { exact: true }).first().waitFor();
    await snap(page, 'import-mapping-desktop');
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByText('导入完成').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByRole('progressbar', { name: '导入进度' }).getAttribute('aria-valuenow'))
      .toBe('100');
    await snap(page, 'import-done-desktop');
    // the customers are there, searchable
    const found = await (
      await page.request.get(`/api/v1/customers?q=${encodeURIComponent(`导入${stamp}`)}`)
    ).json();
    expect(found.total).toBe(25);
    await context.close();
  });

  it('reports bad rows and imports nothing; the report downloads (phone)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.goto('/imports');
    await page.getByRole('heading', { name: '数据导入' }).waitFor();
    const rows = [
      ['客户名称', '信用等级'],
      [`坏行${stamp}甲`, '3'],
      ['', '2'],
      [`坏行${stamp}乙`, '9'],
    ];
    await chooseFile(page, 'bad.csv', csv(rows));
    await page.getByText(/前几行中发现 \d+ 处问题/).waitFor();
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByText('2 行有问题，未导入任何数据').first().waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: '必填' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '下载错误报告' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/errors\.csv$/);
    await expectNoSidewaysScroll(page);
    await snap(page, 'import-failed-phone');
    const found = await (
      await page.request.get(`/api/v1/customers?q=${encodeURIComponent(`坏行${stamp}`)}`)
    ).json();
    expect(found.total).toBe(0);
    await context.close();
  });

  for (const viewport of ['desktop', 'phone'] as const)
    it(`a 市场专员 imports leads from the leads list; the rules or the pool take them (${viewport})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      await signInAs(page, 'gaoyan'); // leads:import, not customers:import
      await page.goto('/leads');
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByRole('heading', { name: '数据导入' }).waitFor();
      // only what she may import is offered, and 线索 is chosen
      await expect.poll(() => page.getByRole('radio', { name: '线索' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: '客户' }).count()).toBe(0);
      const tag = `展会${stamp}${viewport}`;
      await chooseFile(
        page,
        'leads.csv',
        csv([
          ['线索名称', '联系人', '手机', '地区', '备注'],
          [`${tag}甲公司`, '张三', '13800138001', '广东省/深圳市', '展会名片'],
          [`${tag}乙公司`, '李四', '13800138002', '上海市', ''],
        ]),
      );
      await page.getByText('前 2 行检查通过').waitFor();
      await page.getByText(/没有匹配规则的进入线索池/).waitFor();
      await snap(page, `import-leads-mapping-${viewport}`);
      await page.getByRole('button', { name: '开始导入' }).click();
      await page.getByText('导入完成').first().waitFor({ timeout: 30_000 });
      if (viewport === 'phone') await expectNoSidewaysScroll(page);
      const found = await (await page.request.get(`/api/v1/leads?q=${encodeURIComponent(tag)}`)).json();
      expect(found.total).toBe(2);
      await context.close();
    });
});
