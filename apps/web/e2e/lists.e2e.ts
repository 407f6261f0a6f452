import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage } from './browser.ts';
import { answer, signIn } from './flows.ts';
import { newStamp } from './stamp.ts';
import { newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the shared list page', () => {
  it('paginates with totals and jump; a jump to 0, empty or past the last page does nothing', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await page.goto('/users');
    // the demo has 21+ people: two pages of 20
    const summary = page.getByText(/共 \d+ 条，第 \d+ \/ \d+ 页/);
    await summary.getByText(/第 1 \//).waitFor();
    const pages = Number((await summary.innerText()).match(/\/ (\d+) 页/)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    // the first load shows its rows with the summary (later pages keep the old rows while loading)
    const firstRow = () => page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
    const firstPage = await firstRow();

    const jump = page.getByLabel('跳至');
    let requests = 0;
    const cursors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().includes('/api/v1/users?')) return;
      requests++;
      const cursor = new URL(r.url()).searchParams.get('cursor');
      if (cursor) cursors.push(cursor);
    });
    for (const bad of ['0', '', String(pages + 1), 'abc']) {
      await jump.fill(bad);
      await jump.press('Enter');
    }
    expect(await summary.innerText()).toContain('第 1 /');

    // the next request is the last page's: none went out for the bad jumps before it (no waiting
    // for time to show that nothing happened)
    const last = answer(page, 'GET', /^\/api\/v1\/users\?/);
    await page.getByRole('button', { name: '末页' }).click();
    expect(new URL((await last).url()).searchParams.get('page')).toBe(String(pages));
    expect(requests).toBe(1);
    await summary.getByText(new RegExp(`第 ${pages} /`)).waitFor();
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '首页' }).click();
    await summary.getByText(/第 1 \//).waitFor();
    expect(await page.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);
    // page 2's rows, once they replace page 1's (which stay on screen while it loads)
    await jump.fill('2');
    await jump.press('Enter');
    await summary.getByText(/第 2 \//).waitFor();
    await expect.poll(firstRow).not.toBe(firstPage);
    const secondPage = await firstRow();

    // previous / next continue from the page shown by keyset (a cursor), to the same rows
    await page.getByRole('button', { name: '上一页' }).click();
    await summary.getByText(/第 1 \//).waitFor();
    await expect.poll(firstRow).toBe(firstPage);
    await page.getByRole('button', { name: '下一页' }).click();
    await summary.getByText(/第 2 \//).waitFor();
    await expect.poll(firstRow).toBe(secondPage);
    expect(cursors.length).toBeGreaterThan(0);
    await context.close();
  });

  it('remembers the column chooser per user', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    // a user of this journey's own: a demo person's preferences are left as they are
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    const stamp = newStamp();
    const user = await newUser(await apiAs(page), `cols_${stamp}`, `偏好${stamp}`, {
      roleCode: 'sales_supervisor',
    });
    await context.clearCookies();
    await signIn(page, user.username, user.password);
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await page.goto('/users');
    await page.getByRole('columnheader', { name: '职务' }).waitFor();
    await page.getByRole('button', { name: '列设置' }).click();
    // let the popover finish its opening animation before clicking inside it
    const popover = page
      .locator('.ant-popover')
      .filter({ has: page.getByRole('checkbox', { name: '职务' }) });
    await popover.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    const saved = page.waitForResponse(
      (r) => r.url().includes('/api/v1/preferences/') && r.request().method() === 'PUT',
    );
    await page.getByRole('checkbox', { name: '职务' }).click(); // the choice applies a tick later (optimistic update)
    expect((await saved).status()).toBe(200);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('columnheader', { name: '职务' }).count()).toBe(0);
    const loaded = page.waitForResponse(
      (r) => r.url().includes('/api/v1/preferences/') && r.request().method() === 'GET',
    );
    await page.reload();
    await loaded;
    await page.getByRole('columnheader', { name: '用户名' }).waitFor();
    // the saved choice applies once loaded (the default columns may show for a moment before)
    await expect.poll(() => page.getByRole('columnheader', { name: '职务' }).count()).toBe(0);
    await context.close();
  });
});
