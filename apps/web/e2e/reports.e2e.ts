import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, pickIn, settled } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/**
 * The admin opens 统计报表 → 客户构成, groups by 行业: the chart is drawn, the table's rows add
 * up to 合计, a row opens exactly as many records as it counts, a 客户等级 filter narrows it, a
 * province's row opens its cities, and the XLSX downloads.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const { page, context } = await newPage(browser, viewport);
  try {
    await signInAs(page, 'admin');
    await openMenu(page, '统计报表', isPhone);
    await page.waitForURL('**/reports');
    const loaded = answer(page, 'GET', /\/reports\/customer-composition(\?|$)/);
    // exact: the home page's dashboard cards (查看报表：客户构成 · …) may still be on screen
    await page.getByRole('link', { name: '客户构成', exact: true }).click();
    await page.waitForURL('**/reports/customer-composition');
    await loaded;

    const grouped = answer(page, 'GET', /\/reports\/customer-composition\?.*groupBy=industry/);
    await pick(page, '分组', '行业');
    const response = await grouped;
    const report = (await response.json()) as {
      rows: { cell: string; customers: number }[];
      totals: { customers: number };
    };
    expect(report.rows.reduce((n, r) => n + r.customers, 0)).toBe(report.totals.customers);
    await page.getByRole('img', { name: '客户构成' }).waitFor();
    await settled(page);
    const table = page.locator('.ant-table');
    await expect
      .poll(() => table.locator('.ant-table-summary').innerText())
      .toContain(report.totals.customers.toLocaleString());
    await snap(page, `report-composition-zh-${viewport}`);
    if (isPhone) await expectNoSidewaysScroll(page);

    // the first group's records: as many as it counts
    const first = report.rows.find((r) => r.cell !== '__others__');
    expect(first).toBeDefined();
    const drilled = answer(page, 'GET', /\/reports\/customer-composition\/drill\?/);
    await table.locator(`tr[data-row-key="${first?.cell}"]`).click();
    const drill = (await (await drilled).json()) as { total: number };
    expect(drill.total).toBe(first?.customers);
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`共 ${first?.customers} 条记录`).waitFor();
    await snap(page, `report-drill-zh-${viewport}`);
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByLabel('Close')).first().click();

    // a dictionary filter: 客户等级 offers the dictionary's items; the choice is in the address and the request
    const levelled = answer(page, 'GET', /\/reports\/customer-composition\?.*levelId=/);
    // (the 分组 list also has an option named 客户等级: the control is the combobox)
    await pickIn(
      page,
      page.locator('.ant-select', { has: page.getByRole('combobox', { name: '客户等级' }) }).first(),
      '重点客户',
    );
    const level = (await (await levelled).json()) as { totals: { customers: number } };
    expect(level.totals.customers).toBeLessThanOrEqual(report.totals.customers);
    expect(page.url()).toContain('levelId=');

    // 地区: a province's row opens its cities (the province becomes the 地区 filter)
    const provinces = answer(page, 'GET', /\/api\/v1\/reports\/customer-composition\?.*groupBy=province/);
    await page.goto('/reports/customer-composition?groupBy=province');
    const byProvince = (await (await provinces).json()) as {
      rows: { cell: string; province: string; customers: number }[];
    };
    const province = byProvince.rows.find((r) => !r.cell.startsWith('__'));
    expect(province, 'the demo customers have regions').toBeDefined();
    const cities = answer(page, 'GET', /\/reports\/customer-composition\?.*groupBy=city/);
    await page.getByRole('button', { name: `${province?.province} 的城市` }).click();
    const byCity = await cities;
    expect(byCity.url()).toContain(`regionId=${province?.cell}`);
    const cityReport = (await byCity.json()) as { totals: { customers: number } };
    expect(cityReport.totals.customers).toBe(province?.customers);
    await page.getByRole('columnheader', { name: '城市' }).waitFor();
    await settled(page);
    await snap(page, `report-region-zh-${viewport}`);
    if (isPhone) await expectNoSidewaysScroll(page);

    // 销售分析 as a pivot: 部门 × 月份; a cell opens its own orders
    if (!isPhone) {
      const pivot = answer(page, 'GET', /\/api\/v1\/reports\/sales-pivot\?.*groupBy2=month/);
      await page.goto('/reports/sales-pivot?groupBy=department&groupBy2=month&range=all');
      const body = (await (await pivot).json()) as { rows: { cell: string }[]; columns: { key: string }[] };
      await page.getByRole('columnheader', { name: '销售额合计' }).waitFor();
      if (body.rows.length) {
        const link = page
          .locator('.ant-table-tbody')
          .getByRole('button')
          .filter({ hasNotText: /^0\.00$/ })
          .first();
        const cellDrill = answer(page, 'GET', /\/reports\/sales-pivot\/drill\?.*cell=[^&]*%7C%7C/);
        await link.click();
        expect(((await (await cellDrill).json()) as { total: number }).total).toBeGreaterThan(0);
        await page
          .getByRole('dialog')
          .getByText(/^共 \d+ 条记录$/)
          .waitFor();
        await snap(page, 'report-pivot-drill-zh-desktop');
      }
      await page.goBack();

      // a filter in the address is the control's value and the request's: 业务员销售额排名 of 上海分公司
      const api = await apiAs(page);
      const branch = (await api.get('/departments')).data.find(
        (d: { name: string }) => d.name === '上海分公司',
      );
      const filtered = answer(
        page,
        'GET',
        new RegExp(`/api/v1/reports/sales-ranking\\?.*departmentId=${branch.id}`),
      );
      await page.goto(`/reports/sales-ranking?departmentId=${branch.id}&range=all`);
      expect((await filtered).status()).toBe(200);
      await page.getByLabel('部门', { exact: true }).waitFor();
      await page.locator('.ant-select', { hasText: '上海分公司' }).first().waitFor();
      await page.goBack();

      // 销售分析 of one customer by 省份 × 产品: the 客户 filter names the customer from the address,
      // the figures are the lines' (产品销售额, before tax)
      const sold = (await api.get('/orders?pageSize=1')).data[0] as {
        customerId: string;
        customerName: string;
      };
      const ofCustomer = answer(
        page,
        'GET',
        new RegExp(`/api/v1/reports/sales-pivot\\?.*customerId=${sold.customerId}`),
      );
      await page.goto(
        `/reports/sales-pivot?groupBy=province&groupBy2=product&customerId=${sold.customerId}&range=all`,
      );
      const lines = (await (await ofCustomer).json()) as { totals: { total: string } };
      expect(Number(lines.totals.total)).toBeGreaterThan(0);
      await page.locator('.ant-select', { hasText: sold.customerName }).first().waitFor();
      await page.getByRole('columnheader', { name: '产品销售额（未税）合计' }).waitFor();
      await snap(page, 'report-pivot-customer-zh-desktop');
      await page.goBack();
    }

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 XLSX' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('客户构成.xlsx');
  } finally {
    await context.close();
  }
}

describe('reports (统计报表)', () => {
  it('客户构成 by industry: chart, totals, a drill-down of exactly the counted records, XLSX (desktop)', () =>
    journey('desktop'));
  it('客户构成 by industry: chart, totals, a drill-down of exactly the counted records, XLSX (phone)', () =>
    journey('phone'));
});
