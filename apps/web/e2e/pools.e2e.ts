import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, openMenu, pick, rows, settled, signIn } from './flows.ts';
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

describe('public pools (公海)', () => {
  it('admin creates a pool; a customer released into it with a reason cannot be claimed back at once (cooldown), another user claims it (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const poolName = `测试公海${stamp}`;
    const customer = await ensureCustomer(api, `放弃测试客户${stamp}`, { phone: '021-55550000' });

    await openMenu(page, '公海', false);
    await page.waitForURL('**/pools');
    await page.getByRole('button', { name: '新建公海' }).first().click();
    const form = page.getByRole('dialog', { name: '新建公海' });
    await form.getByLabel('公海名称').fill(poolName);
    await form.getByLabel('放弃后冷却天数').fill('7');
    await form.getByLabel('每日领取上限').fill('5');
    const created = answer(page, 'POST', '/pools');
    await form.getByRole('button', { name: '保存' }).click();
    expect((await created).status()).toBe(201);
    const card = page.locator('.pool-card').filter({ hasText: poolName });
    await card.getByText('放弃后 7 天内不能领回').waitFor();
    // the new pool is shown: selected, its (empty) customer list below
    await page.locator('.pool-card-selected').filter({ hasText: poolName }).waitFor();
    await page.getByText(`「${poolName}」中的客户`).waitFor();

    // release from the 360 page, with a reason, into that pool
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('button', { name: '放入公海' }).click();
    const release = page.getByRole('dialog', { name: '放入公海' });
    await pick(page, '公海', poolName, release);
    await release.getByRole('button', { name: '放入公海' }).click();
    await release.getByText('请填写放弃原因').waitFor();
    await release.getByLabel('放弃原因').fill('客户暂无采购计划');
    const released = answer(page, 'POST', `/customers/${customer.id}/release`);
    await release.getByRole('button', { name: '放入公海' }).click();
    expect((await released).status()).toBe(200);
    await page.getByRole('button', { name: '领取' }).waitFor();
    await page.getByText(`该客户在公海「${poolName}」中`, { exact: false }).waitFor();

    // the one who released it waits for the cooldown
    const refused = answer(page, 'POST', `/customers/${customer.id}/claim`);
    await page.getByRole('button', { name: '领取' }).click();
    const refusal = await refused;
    expect(refusal.status()).toBe(409);
    expect((await refusal.json()).code).toBe('CLAIM_COOLDOWN');
    await page.getByText('您刚放弃过该客户，冷却期内不能再次领取').waitFor();

    // the pools page lists it under its pool
    await page.goto('/pools');
    await page
      .locator('.pool-card')
      .filter({ hasText: poolName })
      .getByRole('button', { name: poolName, exact: true })
      .click();
    const poolRow = rows(page).filter({ hasText: customer.name });
    await poolRow.waitFor();
    await settled(page);
    await snap(page, 'pools-zh-desktop');
    await context.close();

    // 赵敏 claims it
    const other = await newPage(browser, 'desktop');
    await signInAs(other.page, 'zhaomin');
    await openMenu(other.page, '公海', false);
    await other.page
      .locator('.pool-card')
      .filter({ hasText: poolName })
      .getByRole('button', { name: poolName, exact: true })
      .click();
    const row = rows(other.page).filter({ hasText: customer.name });
    const claimed = answer(other.page, 'POST', `/customers/${customer.id}/claim`);
    await row.getByRole('button', { name: `领取 ${customer.name}` }).click();
    expect((await claimed).status()).toBe(200);
    await other.page.getByText(`已领取「${customer.name}」`).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    const mine = await (await other.page.request.get(`/api/v1/customers/${customer.id}`)).json();
    expect(mine).toMatchObject({ state: 'active', ownerName: '赵敏' });
    await other.context.close();
  });

  it('a recycle reminder lights the bell; opening it marks it read and goes to the customer (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    // a department and a user of its own, so the 1-day rule touches nobody else's customers
    const root = (await api.get('/departments')).data.find((d: { parentId: string | null }) => !d.parentId);
    const department = await api.post('/departments', { name: `提醒测试部${stamp}`, parentId: root.id });
    const user = await newUser(api, `remind_${stamp}`, `提醒${stamp}`, { departmentId: department.id });
    await api.post('/pools', {
      name: `提醒公海${stamp}`,
      departmentIds: [department.id],
      recycleNoFollowUpDays: 1,
      recycleNoDealDays: null,
      remindDaysBefore: 1,
      holdLimit: null,
      dailyClaimLimit: null,
      cooldownDays: null,
    });
    const customer = await api.post('/customers', { name: `提醒客户${stamp}`, ownerId: user.id });

    // admin runs the recycle now
    await page.goto('/pools');
    await page.getByRole('button', { name: '立即回收' }).click();
    await settled(page); // the confirmation has opened: a click during its animation can be lost
    const ran = answer(page, 'POST', '/pools/recycle');
    await page.getByRole('tooltip').getByRole('button', { name: '立即回收' }).click();
    const result = await (await ran).json();
    expect(result.reminded).toBeGreaterThanOrEqual(1);
    await context.close();

    const owner = await newPage(browser, 'desktop');
    await signIn(owner.page, user.username, user.password);
    const bell = owner.page.getByRole('button', { name: '通知，1 条未读' });
    await bell.click();
    const popover = owner.page.locator('.notification-panel');
    const item = popover.getByRole('button', {
      name: new RegExp(`客户「提醒客户${stamp}」将于 .+ 被收回公海`),
    });
    await item.waitFor();
    await settled(owner.page);
    await snap(owner.page, 'notifications-zh-desktop');
    const read = answer(owner.page, 'POST', /^\/api\/v1\/notifications\/[^/]+\/read$/);
    await item.click();
    expect((await read).status()).toBe(200);
    await owner.page.waitForURL(`**/customers/${customer.id}`);
    await owner.page.getByRole('button', { name: '通知', exact: true }).waitFor();
    await owner.context.close();
  });
});
