import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, settled } from './flows.ts';
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

/** The check-in rules every tenant starts with (the server's defaults). */
const CHECK_IN_DEFAULTS = {
  radiusMeters: 500,
  outOfRange: 'flag',
  photoRequired: true,
  accuracyLimitMeters: 200,
  workStart: '09:00',
  workEnd: '18:00',
  trackIntervalSeconds: 300,
};

/** Counts the requests of this method to `/api/v1<path>` from now on. */
function countRequests(page: Page, method: string, path: string) {
  let count = 0;
  page.on('request', (r) => {
    if (r.method() === method && new URL(r.url()).pathname === `/api/v1${path}`) count++;
  });
  return () => count;
}

/**
 * Types a time into an antd TimePicker (desktop: its input is typeable) and confirms it with
 * Enter, as people do — which must confirm the time only, not also submit the form around it.
 */
async function typeTime(page: Page, input: Locator, time: string) {
  await input.click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await panel.waitFor();
  await settled(page); // the panel has opened
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(time);
  await input.press('Enter');
  await panel.waitFor({ state: 'hidden' });
  await expect.poll(() => input.inputValue()).toBe(time);
}

describe('field work settings (签到规则, customer location)', () => {
  it('saves a radius and 拒绝 in 签到规则, a reload shows them; a work end before the start is refused on 下班时间 (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    // a value of this run only: never the default 500
    const radius = 301 + Math.floor(Math.random() * 198);
    try {
      await page.goto('/settings');
      const card = page.locator('.ant-card').filter({
        has: page.locator('.ant-card-head-title', { hasText: '签到规则' }),
      });
      const radiusInput = card.getByLabel('签到范围', { exact: true });
      await radiusInput.waitFor();
      await radiusInput.fill(String(radius));
      await card.locator('label.ant-radio-button-wrapper').filter({ hasText: '拒绝' }).click();
      expect(await card.getByRole('radio', { name: '拒绝' }).isChecked()).toBe(true);

      const saved = answer(page, 'PATCH', '/settings/check-in');
      await card.getByRole('button', { name: '保存', exact: true }).click();
      const response = await saved;
      expect(response.status()).toBe(200);
      const body = await response.json();
      expect(body.radiusMeters).toBe(radius);
      expect(body.outOfRange).toBe('reject');

      // a reload reads them from the server
      const read = answer(page, 'GET', '/settings/check-in');
      await page.reload();
      expect((await read).status()).toBe(200);
      await expect.poll(() => radiusInput.inputValue()).toBe(String(radius));
      expect(await card.getByRole('radio', { name: '拒绝' }).isChecked()).toBe(true);
      await settled(page);
      await snap(page, 'tenant-settings-zh-desktop');

      // a work end before the work start: refused on 下班时间, nothing sent
      const patches = countRequests(page, 'PATCH', '/settings/check-in');
      await typeTime(page, card.getByLabel('上班时间', { exact: true }), '10:00');
      await typeTime(page, card.getByLabel('下班时间', { exact: true }), '08:00');
      await card.getByRole('button', { name: '保存', exact: true }).click();
      await page
        .locator('.ant-form-item', { has: page.locator('#check-in-rules_workEnd') })
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: '下班时间须晚于上班时间' })
        .waitFor();
      expect(patches()).toBe(0);
      // the saved values are still those of the first save
      const now = await api.get('/settings/check-in');
      expect(now.radiusMeters).toBe(radius);
      expect(now.workEnd > now.workStart).toBe(true);
    } finally {
      // back to the defaults, so that other journeys find the rules they expect
      const current = await api.get('/settings/check-in');
      await api.patch('/settings/check-in', { ...CHECK_IN_DEFAULTS, version: current.version });
      await context.close();
    }
  });

  it('gives a customer 纬度/经度 from its page, shows them with an Amap link (GCJ-02); 纬度 without 经度 is refused (phone)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'admin');
    const name = `坐标客户${stamp}${Math.floor(Math.random() * 1000)}`;
    const customer = await ensureCustomer(await apiAs(page), name);

    await page.goto(`/customers/${customer.id}`);
    const edit = page.locator('.customer-actions').getByRole('button', { name: '编辑', exact: true });
    await edit.click();
    const drawer = page.getByRole('dialog', { name: `编辑客户：${name}` });
    const lat = drawer.getByLabel('纬度', { exact: true });
    const lng = drawer.getByLabel('经度', { exact: true });
    await lat.waitFor();
    await settled(page); // the drawer has opened
    await lat.fill('31.230416');
    await lng.fill('121.473701');
    await expectNoSidewaysScroll(page);
    const saved = answer(page, 'PATCH', `/customers/${customer.id}`);
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect([body.lat, body.lng]).toEqual([31.230416, 121.473701]);
    await expect.poll(() => drawer.isVisible()).toBe(false);

    // the page shows the location and a link to Amap's marker, converted to GCJ-02
    await page.getByText('31.230416, 121.473701').waitFor();
    const link = page.getByRole('link', { name: '在地图中查看' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith('https://uri.amap.com/marker?position=')).toBe(true);
    const [x, y] = (new URL(href).searchParams.get('position') ?? '').split(',').map(Number);
    expect(Math.abs(x - 121.478)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(y - 31.228)).toBeLessThanOrEqual(0.01);
    await expectNoSidewaysScroll(page);

    // 纬度 without 经度: the form refuses, on 经度, and sends nothing
    const patches = countRequests(page, 'PATCH', `/customers/${customer.id}`);
    await edit.click();
    await lat.waitFor();
    await settled(page); // the drawer has opened
    await expect.poll(() => lng.inputValue()).toBe('121.473701');
    await lat.fill('31.230416');
    await lng.fill('');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await drawer
      .locator('.ant-form-item', { has: page.locator('#customer-form_lng') })
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '纬度和经度需同时填写或同时留空' })
      .waitFor();
    expect(patches()).toBe(0);
    await expectNoSidewaysScroll(page);
    await context.close();
  });

  it('picks a customer’s place on the map (地图选点): a tap fills 纬度/经度 as WGS-84, saved with the customer (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const name = `选点客户${stamp}${Math.floor(Math.random() * 1000)}`;
    const customer = await ensureCustomer(await apiAs(page), name);

    await page.goto(`/customers/${customer.id}`);
    await page.locator('.customer-actions').getByRole('button', { name: '编辑', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: `编辑客户：${name}` });
    await drawer.getByRole('button', { name: '地图选点' }).click();
    const picker = page.getByRole('dialog', { name: '地图选点' });
    const map = picker.getByRole('region', { name: '地图选点' });
    await map.waitFor();
    await settled(page); // the dialog has opened: its box is where it stays
    await expect.poll(() => picker.getByRole('button', { name: '使用此位置' }).isDisabled()).toBe(true);
    // the map opens on 人民广场 when the customer has no place yet: tap its middle
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await picker.getByText(/^已选：纬度/).waitFor();
    await snap(page, 'map-picker-desktop');
    await picker.getByRole('button', { name: '使用此位置' }).click();
    await expect.poll(() => picker.isVisible()).toBe(false);
    const lat = Number(await drawer.getByLabel('纬度', { exact: true }).inputValue());
    const lng = Number(await drawer.getByLabel('经度', { exact: true }).inputValue());
    expect(Math.abs(lat - 31.2304)).toBeLessThan(0.002);
    expect(Math.abs(lng - 121.4737)).toBeLessThan(0.002);

    const saved = answer(page, 'PATCH', `/customers/${customer.id}`);
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const body = await (await saved).json();
    expect([body.lat, body.lng]).toEqual([lat, lng]);
    await context.close();
  });
});
