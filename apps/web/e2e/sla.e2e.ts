import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/**
 * 服务时限: the admin edits a target in place, sees when a ticket created now would be due, is
 * stopped by a resolution shorter than the response, saves, and finds the change after a reload.
 */
async function journey(viewport: ViewportName, responseHours: number) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, '服务时限', phone);
  await page.waitForURL('**/settings/sla');
  // every default row shows when a ticket created now is due
  for (const priority of ['紧急', '高', '普通', '低']) {
    await page
      .getByRole('group', { name: `${priority} 现在创建的工单截止于` })
      .getByText(/^响应 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      .waitFor();
  }

  const hours = page.getByLabel('普通 响应时限小时数', { exact: true });
  const resolutionHours = page.getByLabel('普通 解决时限小时数', { exact: true });
  // a resolution shorter than the response is refused on its field
  await resolutionHours.fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('解决时限不能短于响应时限').waitFor();
  await resolutionHours.fill('24');

  // the preview follows the edit: the normal row's response is due sooner
  const dueText = () =>
    page
      .getByRole('group', { name: '普通 现在创建的工单截止于' })
      .getByText(/^响应 \d{4}-/)
      .innerText();
  const before = await dueText();
  await hours.fill(String(responseHours));
  await expect.poll(dueText).not.toBe(before);

  const saved = answer(page, 'PATCH', '/settings/sla');
  await page.getByRole('checkbox', { name: '周六' }).check();
  await page.getByRole('button', { name: '保存' }).click();
  expect((await saved).status()).toBe(200);
  await page.getByText('服务时限已保存').waitFor();
  await settled(page);
  if (phone) await expectNoSidewaysScroll(page);
  await snap(page, `sla-settings-${viewport}`);

  await page.reload();
  await expect
    .poll(() => page.getByLabel('普通 响应时限小时数', { exact: true }).inputValue())
    .toBe(String(responseHours));
  expect(await page.getByRole('checkbox', { name: '周六' }).isChecked()).toBe(true);
  // back to a five-day week and the default target for whoever comes next
  await page.getByRole('checkbox', { name: '周六' }).uncheck();
  await page.getByLabel('普通 响应时限小时数', { exact: true }).fill('4');
  const restored = answer(page, 'PATCH', '/settings/sla');
  await page.getByRole('button', { name: '保存' }).click();
  expect((await restored).status()).toBe(200);
  await context.close();
}

describe('service levels (服务时限)', () => {
  it('edits a target in place with its due-date preview, refuses a bad one, saves (desktop)', async () => {
    await journey('desktop', 2);
  });
  it('edits a target in place with its due-date preview, refuses a bad one, saves (390 px phone)', async () => {
    await journey('phone', 3);
  });
});
