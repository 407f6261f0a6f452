import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { openMenu, pickUser, settled, signIn } from './flows.ts';
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

describe('离职交接 (departure)', () => {
  it('hands a leaving user’s two customers to a colleague; the user is 离职 (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    const api = await apiAs(page);

    const root = (await api.get('/departments')).data.find((d: { parentId: string | null }) => !d.parentId);
    const roles = (await api.get('/roles')).data as { id: string; code: string }[];
    const role = roles.find((r) => r.code === 'account_manager')!;
    const newUser = (username: string, name: string) =>
      api.post('/users', {
        username,
        name,
        password: 'Initial123',
        departmentId: root.id,
        roleIds: [role.id],
      }) as Promise<{ id: string }>;
    const leaverName = `离职${stamp}`;
    const heirName = `接手${stamp}`;
    const leaver = await newUser(`leave_${stamp}`, leaverName);
    const heir = await newUser(`heir_${stamp}`, heirName);
    const customers: { id: string }[] = [];
    for (const n of [1, 2])
      customers.push(
        await api.post('/customers', { name: `交接客户${stamp}-${n}`, ownerId: leaver.id, force: true }),
      );

    await openMenu(page, '用户', false);
    await page.waitForURL('**/users');
    await page.getByLabel('搜索', { exact: true }).fill(`leave_${stamp}`);
    const row = page.locator('.ant-table-tbody tr[data-row-key]').filter({ hasText: `leave_${stamp}` });
    await row.getByRole('button', { name: `为 ${leaverName} 办理离职交接` }).click();

    const dialog = page.getByRole('dialog', { name: `离职交接：${leaverName}` });
    await dialog.getByText(`${leaverName} 名下有 2 个在跟进的客户。`).waitFor();
    await dialog.getByText('立即退出登录').waitFor();
    expect(await dialog.getByRole('radio', { name: '交给同事' }).isChecked()).toBe(true);
    await pickUser(page, '接手同事', heirName, `heir_${stamp}`, dialog);
    await settled(page);
    await snap(page, 'departure-modal-zh-desktop');

    const done = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/users/${leaver.id}/departure`),
    );
    await dialog.getByRole('button', { name: '确认交接并设为离职' }).click();
    const response = await done;
    expect(response.status()).toBe(200);
    expect((await response.json()).transferred).toMatchObject({ customers: 2 });
    await page.getByText(`已交接 2 个客户，${leaverName} 已设为离职`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('离职', { exact: true }).waitFor();
    // a left user offers no second departure
    expect(await row.getByRole('button', { name: `为 ${leaverName} 办理离职交接` }).count()).toBe(0);

    for (const c of customers) expect((await api.get(`/customers/${c.id}`)).ownerId).toBe(heir.id);
    expect((await api.get(`/users/${leaver.id}`)).status).toBe('left');
    await context.close();
  });
});
