import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { answer, expectNoSidewaysScroll, pick, settled, signIn } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';
import { newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let stamp = newStamp();
beforeRetry(() => {
  stamp = newStamp();
});

describe('e-mail reminders (我的资料 → 邮件提醒)', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`a user chooses a daily digest at 18:00 without 服务, and finds it kept after a reload (${viewport})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      // a user of this journey's own: their settings change nobody else's
      await signIn(page, 'admin', inject('adminPassword'));
      await page.getByRole('button', { name: /^账户：/ }).waitFor();
      const name = `邮提${stamp}${viewport === 'phone' ? 'P' : 'D'}`;
      const user = await newUser(await apiAs(page), `remind_${stamp}_${viewport}`, name);
      await page.context().clearCookies();
      await signIn(page, user.username, user.password);
      await page.getByRole('button', { name: `账户：${name}` }).waitFor();

      await page.goto('/profile');
      await page.getByRole('tab', { name: '邮件提醒' }).click();
      // a new user: a daily digest at 08:00 of everything; no address yet, which the card says
      const digest = page.getByRole('radio', { name: '每日汇总' });
      await expect.poll(() => digest.isChecked()).toBe(true);
      await page.getByText('您的账号没有填写邮箱地址').waitFor();
      await page.getByText('即时', { exact: true }).click();
      await expect.poll(() => page.getByLabel('汇总发送时间').isVisible()).toBe(false);
      await page.getByText('每日汇总', { exact: true }).click();
      await pick(page, '汇总发送时间', '18:00');
      const service = page.getByRole('checkbox', { name: '服务', exact: true });
      await service.uncheck();
      await settled(page);
      await snap(page, `notification-settings-zh-${viewport}`);
      if (viewport === 'phone') await expectNoSidewaysScroll(page);
      const saved = answer(page, 'PUT', '/notification-settings');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const body = await (await saved).json();
      expect(body).toMatchObject({ email: 'digest', digestHour: 18, version: 1 });
      expect(body.categories).toMatchObject({ service: false, approvals: true, churn: true });
      await page.getByText('邮件提醒设置已保存').waitFor();

      await page.reload();
      await page.getByRole('tab', { name: '邮件提醒', selected: true }).waitFor();
      await settled(page);
      await expect.poll(() => page.getByRole('radio', { name: '每日汇总' }).isChecked()).toBe(true);
      await expect
        .poll(() =>
          page
            .getByLabel('汇总发送时间')
            .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
            .innerText(),
        )
        .toContain('18:00');
      expect(await page.getByRole('checkbox', { name: '服务', exact: true }).isChecked()).toBe(false);
      expect(await page.getByRole('checkbox', { name: '审批', exact: true }).isChecked()).toBe(true);
      await context.close();
    });
  }
});
