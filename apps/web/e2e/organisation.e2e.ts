import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap } from './browser.ts';
import { answer, createdRow, pick, pickIn, signIn, signOut } from './flows.ts';
import { beforeRetry, newStamp } from './stamp.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

let department = '';
let roleName = '';
let username = '';
/** This attempt's names (a retry must not meet the records its failed first attempt made). */
function name(stamp: string) {
  department = `临港营业部${stamp}`;
  roleName = `门店主管${stamp}`;
  username = `store_${stamp}`;
}
name(newStamp());
beforeRetry(() => name(newStamp()));
/** The demo tenant's policy (the default), as the password fields say it. */
const policy = '至少 8 位，须含字母、数字，不能包含用户名，不能是常见密码';

describe('organisation set-up by the admin (desktop)', () => {
  it('department under a 分公司, a role scoped to 本部门, a user; the user changes the password and sees only its department', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    const adminId = (await (await page.request.get('/api/v1/auth/me')).json()).user.id;

    // 1. a department under 上海分公司
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.getByRole('tree').getByText('上海分公司', { exact: true }).click();
    await page.getByRole('button', { name: '新建下级部门' }).click();
    await page.getByRole('dialog').getByLabel('部门名称').fill(department);
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    // the new department is shown: selected in the tree, its details beside it
    await page.locator('.ant-tree-treenode-selected').getByText(department, { exact: true }).waitFor();
    await page.locator('.ant-card-head').getByText(department, { exact: true }).waitFor();
    await snap(page, 'departments-zh-desktop');

    // 2. a role that may view users of its own department
    await page.getByRole('menuitem', { name: '角色权限' }).click();
    await page.getByRole('button', { name: '新建角色' }).click();
    await page.getByLabel('角色名称').fill(roleName);
    await page.getByRole('checkbox', { name: '用户 查看' }).check();
    await pickIn(page, page.locator('.ant-select', { has: page.getByLabel('用户 数据范围') }), '本部门');
    await snap(page, 'roles-zh-desktop');
    const roleSaved = answer(page, 'POST', '/roles');
    await page.getByRole('button', { name: '保存' }).first().click();
    // what the rest stands on: the role may view users, of its own department
    expect(await (await roleSaved).json()).toMatchObject({ dataScopes: { users: 'department' } });
    expect((await (await roleSaved).json()).permissions).toContain('users:view');
    // back on the list, the new role is marked
    await page.waitForURL('**/roles');
    await createdRow(page, roleName).waitFor();

    // 3. a user in the new department with that role
    await page.getByRole('menuitem', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('用户名').fill(username);
    await drawer.getByLabel('姓名').fill('钱门店');
    // the line under the field says the tenant's password policy (系统设置 → 安全设置)
    await drawer.getByText(policy).waitFor();
    await drawer.getByLabel('初始密码').fill('Initial123');
    await pick(page, '部门', department, drawer);
    await pick(page, '角色', roleName, drawer);
    const userSaved = answer(page, 'POST', '/users');
    await drawer.getByRole('button', { name: '创建' }).click();
    expect((await (await userSaved).json()).roleNames).toEqual([roleName]);
    // the list searches for the new user (wherever its sort puts it) and marks the row
    await createdRow(page, username).waitFor();
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe(username);
    await snap(page, 'users-zh-desktop');
    await signOut(page, '系统管理员');

    // 4. the new user must change the password first
    await signIn(page, username, 'Initial123');
    await page.getByRole('button', { name: '修改密码' }).waitFor();
    await page.getByText(policy).waitFor();
    await page.getByLabel('当前密码').fill('Initial123');
    await page.getByLabel('新密码', { exact: true }).fill('Changed123');
    await page.getByLabel('确认新密码').fill('Changed123');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('button', { name: '账户：钱门店' }).waitFor();

    // 5. … then sees only the users of its department
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText('您好，钱门店').waitFor();
    await page.waitForURL((url) => !url.pathname.includes('change-password'));
    await page.getByRole('menuitem', { name: '用户' }).click();
    await page.waitForURL('**/users');
    await page.locator('.ant-table').getByRole('cell', { name: username }).waitFor();
    const rows = page.locator('tbody tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByText('共 1 条').first().waitFor();

    // and a direct look-up of someone outside is 404
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    const inside = await page.request.get(`/api/v1/users/${me.user.id}`);
    expect(inside.status()).toBe(200);
    const outside = await page.request.get(`/api/v1/users/${adminId}`);
    expect(outside.status()).toBe(404);
    expect((await outside.json()).code).toBe('NOT_FOUND');
    const list = await page.request.get('/api/v1/users?pageSize=100');
    expect((await list.json()).data).toHaveLength(1);
    await context.close();
  });
});
