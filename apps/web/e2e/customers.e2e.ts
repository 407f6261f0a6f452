import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import {
  answer,
  createdRow,
  expectNoSidewaysScroll,
  openMenu,
  pick,
  pickUser,
  rows,
  settled,
  switchLanguage,
} from './flows.ts';
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
const HUAWEI = '华为技术有限公司';

/** The customer list's answer for a quick search of `q`. */
function listed(page: Page, q: string) {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === '/api/v1/customers' && url.searchParams.get('q') === q;
  });
}

describe('customers (客户)', () => {
  it('creates 华为技术…有限公司 in the drawer, sees it marked in the list, finds it by pinyin initials and by name; search is kept in the address (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    // the searches look among this journey's own customers (its tag), whatever else the book holds
    // digits only in the names: letters could themselves match the pinyin search `hw`
    const tag = `e2e${stamp}`;
    const n = String(Date.now()).slice(-6);
    const huawei = `华为技术${n}有限公司`;
    await ensureCustomer(api, `海王集团${n}`, { tags: [tag] });
    await ensureCustomer(api, `阿里巴巴网络${n}`, { tags: [tag] });

    await openMenu(page, '客户', false);
    await page.waitForURL('**/customers');
    await page.getByRole('radiogroup', { name: '客户视图' }).waitFor();
    await rows(page).first().waitFor();

    await page.getByRole('button', { name: '新建客户' }).click();
    const drawer = page.getByRole('dialog', { name: '新建客户' });
    await drawer.getByLabel('客户名称').fill(huawei);
    const checked = answer(page, 'POST', '/customers/duplicate-check');
    await drawer.getByLabel('简称').click(); // the name loses focus: live duplicate check
    expect((await checked).status()).toBe(200);
    await drawer.getByLabel('简称').fill('华为');
    await pick(page, '客户等级', '重点客户', drawer);
    await pick(page, '客户意向', '强烈', drawer);
    await drawer.getByLabel('电话', { exact: true }).fill('0755-28780808');
    await drawer.getByLabel('注册资本').fill('4,084,113.182');
    await drawer.getByLabel('详细地址').click();
    await drawer.getByText('请输入金额，最多 16 位整数和 2 位小数').waitFor();
    await drawer.getByLabel('注册资本').fill('4084113.18');
    await drawer.getByLabel('标签', { exact: true }).fill(tag);
    await page.keyboard.press('Enter');
    await drawer.getByLabel('法人代表').fill('赵明路');
    await drawer.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0));
    await settled(page);
    await snap(page, 'customer-form-zh-desktop');
    const created = answer(page, 'POST', '/customers');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    expect((await created).status()).toBe(201);
    // the list shows the new customer: searched by its name, marked
    await createdRow(page, huawei).waitFor();
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe(huawei);

    // pinyin initials among the journey's customers: hw finds 华为 and 海王, not 阿里巴巴
    await page.goto(`/customers?tag=${tag}`);
    await rows(page)
      .filter({ hasText: `阿里巴巴网络${n}` })
      .waitFor();
    const names = () => rows(page).locator('.customer-name-link').allInnerTexts();
    const search = page.getByLabel('搜索', { exact: true });
    const byInitials = listed(page, 'hw');
    await search.fill('hw');
    expect((await byInitials).status()).toBe(200);
    // the shown rows are the answer once 阿里巴巴 has gone (the rows before the search had it)
    await expect.poll(async () => (await names()).sort()).toEqual([`海王集团${n}`, huawei].sort());
    await page.waitForURL((url) => url.searchParams.get('q') === 'hw' && url.searchParams.get('tag') === tag);

    // the search is part of the address: a reload keeps it
    await page.reload();
    await expect.poll(async () => (await names()).sort()).toEqual([`海王集团${n}`, huawei].sort());
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe('hw');

    const byName = listed(page, '华为');
    await page.getByLabel('搜索', { exact: true }).fill('华为');
    await byName;
    await expect.poll(names).toEqual([huawei]);
    await settled(page);
    await snap(page, 'customers-zh-desktop');
    await context.close();
  });

  it('shows the duplicates of “ 华为技术（有限公司） ” with their owner; saving anyway is for those allowed (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    await ensureCustomer(await apiAs(page), HUAWEI);
    await page.goto('/customers');
    await page.getByRole('button', { name: '新建客户' }).click();
    const drawer = page.getByRole('dialog', { name: '新建客户' });
    await drawer.getByLabel('客户名称').fill(' 华为技术（有限公司） ');
    await drawer.getByLabel('简称').click();
    // the live hint under the name
    await drawer.getByText(/已有 \d+ 个相似的客户/).waitFor();

    const refused = answer(page, 'POST', '/customers');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    const response = await refused;
    expect(response.status()).toBe(409);
    expect((await response.json()).code).toBe('DUPLICATE_CUSTOMER');
    const modal = page.getByRole('dialog', { name: '发现重复客户' });
    const match = modal.getByRole('listitem').filter({ hasText: HUAWEI }).first();
    await match.waitFor();
    await match.getByText('负责人：系统管理员').waitFor();
    await match.getByText('客户名称', { exact: true }).waitFor();
    expect(await match.getByRole('link', { name: HUAWEI }).count()).toBe(1);
    await modal.getByRole('button', { name: '仍然保存' }).waitFor();
    await settled(page);
    await snap(page, 'customer-duplicates-zh-desktop');
    await modal.getByRole('button', { name: '返回修改' }).click();
    await expect.poll(() => modal.isVisible()).toBe(false);
    await context.close();
  });

  it('an account manager sees the owner masked and cannot save a duplicate anyway (phone)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'admin');
    await ensureCustomer(await apiAs(page), HUAWEI);
    await context.clearCookies();
    await signInAs(page, 'liuyang');
    await openMenu(page, '客户', true);
    await page.waitForURL('**/customers');
    await page.getByRole('radiogroup', { name: '客户视图' }).waitFor();
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: '新建客户' }).click();
    const drawer = page.getByRole('dialog', { name: '新建客户' });
    await drawer.getByLabel('客户名称').fill(' 华为技术（有限公司） ');
    await expectNoSidewaysScroll(page);
    const refused = answer(page, 'POST', '/customers');
    await drawer.getByRole('button', { name: '保存为草稿' }).click();
    expect((await refused).status()).toBe(409);
    const modal = page.getByRole('dialog', { name: '发现重复客户' });
    const match = modal.getByRole('listitem').filter({ hasText: HUAWEI }).first();
    await match.getByText(/负责人：系\*+员/).waitFor();
    // outside the scope: no link to it, and no way around the check
    expect(await match.getByRole('link').count()).toBe(0);
    expect(await modal.getByRole('button', { name: '仍然保存' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await modal.getByRole('button', { name: '返回修改' }).click();
    await context.close();
  });

  it('paginates the customer list; a jump to 0, empty or past the last page does nothing; back goes to the previous page (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const prefix = `分页客户${stamp}`;
    const existing = await api.get(`/customers?q=${encodeURIComponent(prefix)}&pageSize=100`);
    for (let i = existing.total + 1; i <= 25; i++) {
      await api.post('/customers', { name: `${prefix}-${String(i).padStart(2, '0')}` });
    }

    await page.goto(`/customers?q=${encodeURIComponent(prefix)}`);
    const summary = page.getByText(/共 \d+ 条，第 \d+ \/ \d+ 页/);
    await summary.getByText('共 25 条，第 1 / 2 页').waitFor();
    await expect.poll(() => rows(page).count()).toBe(20);

    const jump = page.getByLabel('跳至');
    let requests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/customers') requests++;
    });
    for (const bad of ['0', '', '3', 'abc']) {
      await jump.fill(bad);
      await jump.press('Enter');
    }
    await page.getByRole('button', { name: '跳转' }).click();
    expect(requests).toBe(0);
    expect(await summary.innerText()).toContain('第 1 /');

    const second = answer(page, 'GET', '/customers');
    await jump.fill('2');
    await jump.press('Enter');
    expect((await second).status()).toBe(200);
    await summary.getByText('共 25 条，第 2 / 2 页').waitFor();
    // the rows of page 2 (page 1's stay on screen while it loads)
    await expect.poll(() => rows(page).count()).toBe(5);
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);

    // the page is in the address: back returns to page 1, forward to page 2
    await page.goBack();
    await summary.getByText('第 1 / 2 页', { exact: false }).waitFor();
    await page.goForward();
    await summary.getByText('第 2 / 2 页', { exact: false }).waitFor();
    await page.getByRole('button', { name: '首页' }).click();
    await summary.getByText('第 1 / 2 页', { exact: false }).waitFor();

    // bulk edit two of them (whichever page 1 shows first, once it shows page 1's 20 rows rather
    // than page 2's while loading): the result says how many were done
    await expect.poll(() => rows(page).count()).toBe(20);
    const [firstName, secondName] = await rows(page).locator('.customer-name-link').allInnerTexts();
    await page.getByRole('checkbox', { name: `选择 ${firstName}` }).check();
    await page.getByRole('checkbox', { name: `选择 ${secondName}` }).check();
    await page.getByRole('toolbar', { name: '批量操作' }).getByRole('button', { name: '批量修改' }).click();
    const bulkDialog = page.getByRole('dialog', { name: '批量修改 2 个客户' });
    await pick(page, '客户等级', '小客户', bulkDialog);
    const updated = answer(page, 'POST', '/customers/bulk-update');
    await bulkDialog.getByRole('button', { name: '保存' }).click();
    expect(await (await updated).json()).toEqual({ updated: 2, failed: [] });
    await page.getByText('已处理 2 个客户').waitFor();
    await rows(page).filter({ hasText: firstName }).getByText('小客户').waitFor();
    await rows(page).filter({ hasText: secondName }).getByText('小客户').waitFor();

    // print: the same search as a plain table
    await page.getByRole('button', { name: '打印' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/customers/print' && url.searchParams.get('q') === prefix,
    );
    await page.getByRole('heading', { name: '客户列表（我的客户）' }).waitFor();
    await page.getByText('共 25 条', { exact: false }).waitFor();
    expect(await page.locator('.print-table tbody tr').count()).toBe(25);
    await page.getByRole('button', { name: '打印' }).waitFor();
    await settled(page);
    await snap(page, 'customers-print-zh-desktop');
    await page.getByRole('button', { name: '返回列表' }).click();
    await summary.getByText('共 25 条，第 1 / 2 页').waitFor();

    // 我的查询: save this search; the queries open again with the new one marked
    const queryName = `分页查询${stamp}`;
    // (each click waits for the popover or dialog to have opened: a click during antd's opening
    // animation can land beside its target on a busy machine)
    await page.getByRole('button', { name: '我的查询' }).click();
    await settled(page);
    await page.getByRole('button', { name: '保存当前查询…' }).click();
    const saveDialog = page.getByRole('dialog', { name: '保存当前查询…' });
    await saveDialog.waitFor();
    await settled(page);
    await saveDialog.getByLabel('查询名称').fill(queryName);
    const savedQuery = answer(page, 'POST', '/saved-queries');
    await saveDialog.getByRole('button', { name: '保存' }).click();
    expect((await savedQuery).status()).toBe(201);
    await page.locator('.ant-popover .row-just-created').filter({ hasText: queryName }).waitFor();
    // … and applying it later brings the search back
    await page.goto('/customers');
    await page.getByRole('button', { name: '我的查询' }).click();
    await settled(page);
    await page.locator('.ant-popover').getByRole('button', { name: queryName, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === prefix);
    await summary.getByText('共 25 条，第 1 / 2 页').waitFor();
    await context.close();
  });

  it('on a phone: pinyin search finds the customer, and the jump rules hold (phone)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const prefix = `手机分页${stamp}`;
    for (let i = 1; i <= 23; i++)
      await api.post('/customers', { name: `${prefix}-${String(i).padStart(2, '0')}`, force: true });
    await api.post('/customers', { name: `湖湾${stamp}渔业有限公司`, force: true });

    // pinyin initials typed into the search box on the phone
    await page.goto('/customers?view=all');
    // the initials of 湖湾 plus the journey's stamp (kept as typed in the initials): only this one
    const search = page.getByPlaceholder(/名称、简称、编号/);
    const searched = listed(page, `hw${stamp}`);
    await search.fill(`hw${stamp}`);
    await search.press('Enter');
    expect((await searched).status()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('q') === `hw${stamp}`);
    // the list shows the answer (not the rows before the search): this one customer
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page)
      .filter({ hasText: `湖湾${stamp}渔业有限公司` })
      .waitFor();

    await page.goto(`/customers?view=all&q=${encodeURIComponent(prefix)}`);
    const summary = page.getByText(/共 \d+ 条/);
    await summary.getByText(/共 23 条/).waitFor();
    const jump = page.getByLabel('跳至');
    let requests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/customers') requests++;
    });
    for (const bad of ['0', '', '3']) {
      await jump.fill(bad);
      await jump.press('Enter');
    }
    expect(requests).toBe(0);
    await jump.fill('2');
    await jump.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await summary.getByText(/第 2 \/ 2 页/).waitFor();
    await expect.poll(() => rows(page).count()).toBe(3);
    await expectNoSidewaysScroll(page);
    await context.close();
  });

  it('360 page: add a contact, see it in the contacts tab and the timeline; share and transfer (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `深圳前海微众${stamp}`, {
      shortName: '微众',
      tags: ['金融', '重点'],
      phone: '0755-86666666',
      credit: 4,
      satisfaction: 5,
      annualTurnover: '125000000.00',
      address: '前海深港合作区',
    });
    await page.goto(`/customers?q=${encodeURIComponent(customer.name)}`);
    await rows(page).getByRole('link', { name: customer.name }).click();
    await page.waitForURL(`**/customers/${customer.id}`);
    await page.getByRole('heading', { name: customer.name }).waitFor();

    // contacts tab: add one; the first contact becomes the primary one
    await page.getByRole('tab', { name: '联系人' }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    const drawer = page.getByRole('dialog', { name: '添加联系人' });
    await drawer.getByLabel('姓名').fill('张晓明');
    await drawer.getByLabel('职务').fill('采购总监');
    const mobile = `139${String(Date.now()).slice(-8)}`;
    await drawer.getByLabel('手机').fill(mobile);
    const added = answer(page, 'POST', '/contacts');
    await drawer.getByRole('button', { name: '保存' }).click();
    expect((await added).status()).toBe(201);
    // the new contact is marked in the tab
    const contactRow = createdRow(page, '张晓明');
    await contactRow.getByRole('img', { name: '主联系人' }).waitFor();

    // timeline: the new contact is there
    await page.getByRole('tab', { name: '时间线' }).click();
    await page.locator('.customer-timeline').getByText('张晓明').first().waitFor();
    await page.locator('.customer-timeline').getByText('联系人', { exact: true }).first().waitFor();

    // share read-only with 刘洋
    await page.getByRole('button', { name: '共享', exact: true }).click();
    const share = page.getByRole('dialog', { name: `共享「${customer.name}」` });
    await pickUser(page, '共享给用户', '刘洋', 'liuyang', share);
    const shared = answer(page, 'POST', `/customers/${customer.id}/share`);
    await share.getByRole('button', { name: '共享', exact: true }).click();
    expect((await shared).status()).toBe(200);
    await share.getByRole('listitem').filter({ hasText: '刘洋' }).getByText('只读').waitFor();
    await share.getByRole('button', { name: '取消', exact: true }).click();
    await page.getByRole('tab', { name: '共享' }).click();
    await page.getByRole('tabpanel').getByText('刘洋').waitFor();
    await settled(page);
    await snap(page, 'customer-360-shares-zh-desktop');

    // transfer to 赵敏
    await page.getByRole('button', { name: '转移', exact: true }).click();
    const transfer = page.getByRole('dialog', { name: '更改负责人' });
    await transfer.getByText('当前负责人：系统管理员').waitFor();
    await pickUser(page, '新负责人', '赵敏', 'zhaomin', transfer);
    const moved = answer(page, 'POST', `/customers/${customer.id}/transfer`);
    await transfer.getByRole('button', { name: '转移' }).click();
    expect((await moved).status()).toBe(200);
    await page.locator('.customer-facts').getByText('赵敏').waitFor();
    await page.getByRole('tab', { name: '时间线' }).click();
    await page.locator('.customer-timeline').getByText('转移').first().waitFor();

    // the contact is on the contacts list too, with a link to its customer (searched through the
    // address by its own mobile: without a search, GET /contacts takes ~15 s on the demo data)
    await page.goto(`/contacts?q=${mobile}`);
    expect(await page.getByLabel('搜索', { exact: true }).inputValue()).toBe(mobile);
    const contactListRow = rows(page).filter({ hasText: '张晓明' }).filter({ hasText: customer.name });
    await contactListRow.getByRole('link', { name: customer.name }).click();
    await page.waitForURL(`**/customers/${customer.id}`);
    await context.close();
  });

  it('invalidates a customer on its 360 page with a reason: flagged, view-only, restorable (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const customer = await ensureCustomer(await apiAs(page), `已注销商贸${stamp}`);
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('heading', { name: customer.name }).waitFor();
    await page.getByRole('button', { name: '失效', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '设为失效' });
    await dialog.getByText(/只能查看/).waitFor();
    await dialog.getByLabel('失效原因').fill('企业已注销');
    const invalidated = answer(page, 'POST', `/customers/${customer.id}/invalidate`);
    await dialog.getByRole('button', { name: '失效', exact: true }).click();
    expect(await (await invalidated).json()).toMatchObject({ valid: false, invalidReason: '企业已注销' });
    await page.getByText('已设为失效').waitFor();
    await page.getByText(/设为失效，只能查看。 原因：企业已注销/).waitFor();
    // view-only: no 编辑 / 转移 / 失效, but 恢复
    await page.getByRole('button', { name: '恢复' }).waitFor();
    for (const name of ['编辑', '转移', '失效'])
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    await page.getByRole('tab', { name: '联系人' }).click();
    // once the tab shows its (empty) contacts, it offers no 添加联系人
    await page.getByRole('tabpanel').getByText('还没有联系人').waitFor();
    expect(await page.getByRole('button', { name: '添加联系人' }).count()).toBe(0);
    await settled(page);
    await snap(page, 'customer-invalid-zh-desktop');

    // in the list: flagged, and found by the 有效性 filter
    await page.goto(`/customers?q=${encodeURIComponent(customer.name)}&valid=false`);
    await rows(page).filter({ hasText: customer.name }).getByText('已失效').waitFor();

    await page.goto(`/customers/${customer.id}`);
    const restored = answer(page, 'POST', `/customers/${customer.id}/restore`);
    await page.getByRole('button', { name: '恢复' }).click();
    expect((await restored).status()).toBe(200);
    await page.getByText('客户已恢复').waitFor();
    await page.getByRole('button', { name: '编辑', exact: true }).waitFor();
    expect(await page.getByText('已失效', { exact: true }).count()).toBe(0);
    await context.close();
  });

  it('延期 on the 360 page: a date picked is all it needs (a required date field used to fail as missing) (desktop)', async () => {
    const { context, page } = await newPage(browser, 'desktop');
    await signInAs(page, 'admin');
    const customer = await ensureCustomer(await apiAs(page), `延期保护商贸${stamp}`);
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('heading', { name: customer.name }).waitFor();
    await page.getByRole('button', { name: '延期', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '延期保护' });
    await dialog.getByLabel('保护期至').click();
    await settled(page);
    // the 15th of next month: in the future whatever the browser's and the tenant's time zones
    const picker = page.locator('.ant-picker-dropdown:visible');
    await picker.locator('.ant-picker-header-next-btn').click();
    const next = new Date();
    next.setUTCDate(15);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const until = next.toISOString().slice(0, 10);
    await picker.locator(`td[title="${until}"]`).click();
    const delayed = answer(page, 'POST', `/customers/${customer.id}/delay`);
    await dialog.getByRole('button', { name: '延期', exact: true }).click();
    expect((await delayed).status()).toBe(200);
    await page.getByText(`已延期至 ${until}`).waitFor();
    await context.close();
  });

  it('invalidates two customers at once from the list, with a reason (phone)', async () => {
    const { context, page } = await newPage(browser, 'phone');
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const prefix = `批量失效${stamp}`;
    for (const n of ['甲', '乙']) await ensureCustomer(api, `${prefix}${n}`);
    await page.goto(`/customers?q=${encodeURIComponent(prefix)}`);
    await rows(page)
      .filter({ hasText: `${prefix}乙` })
      .waitFor();
    await page.getByRole('checkbox', { name: `选择 ${prefix}甲` }).check();
    await page.getByRole('checkbox', { name: `选择 ${prefix}乙` }).check();
    await page.getByRole('toolbar', { name: '批量操作' }).getByRole('button', { name: '失效' }).click();
    const dialog = page.getByRole('dialog', { name: '将 2 个客户设为失效' });
    await dialog.getByLabel('失效原因').fill('重复录入');
    await expectNoSidewaysScroll(page);
    const done = answer(page, 'POST', '/customers/bulk-invalidate');
    await dialog.getByRole('button', { name: '失效', exact: true }).click();
    expect(await (await done).json()).toEqual({ updated: 2, failed: [] });
    await page.getByText('已处理 2 个客户').waitFor();
    await rows(page)
      .filter({ hasText: `${prefix}甲` })
      .getByText('已失效')
      .waitFor();
    await rows(page)
      .filter({ hasText: `${prefix}乙` })
      .getByText('已失效')
      .waitFor();
    await expectNoSidewaysScroll(page);
    await context.close();
  });

  it('the list and a well-filled 360 page at desktop and phone sizes', async () => {
    const desktop = await newPage(browser, 'desktop');
    const { page } = desktop;
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const items = async (type: string) =>
      (await api.get(`/dictionaries/${type}/items?includeInvalid=false`)).data as {
        id: string;
        name: string;
        parentId: string | null;
      }[];
    const item = async (type: string, name: string) => (await items(type)).find((i) => i.name === name)?.id;
    const regions = await items('region');
    const shenzhen = regions.find((r) => r.name === '深圳市');
    const nanshan = regions.find((r) => r.name === '南山区' && r.parentId === shenzhen?.id);
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setHours(10, 0, 0, 0);
    const customer = await ensureCustomer(api, '深圳云帆智能科技有限公司', {
      shortName: '云帆智能',
      levelId: await item('customer-level', '重点客户'),
      statusId: await item('customer-status', '商务谈判'),
      intentionId: await item('customer-intention', '强烈'),
      sourceId: await item('customer-source', '展会'),
      industryId: await item('industry', '制造业'),
      regionId: nanshan?.id,
      address: '科技园南区 8 栋 12 层',
      phone: '0755-86001234',
      mobile: '13600001234',
      email: 'sales@yunfan.example.cn',
      website: 'https://yunfan.example.cn',
      credit: 4,
      satisfaction: 5,
      legalRepresentative: '林海',
      registeredCapital: '50000000.00',
      annualTurnover: '386000000.00',
      taxNumber: '91440300MA5FYF0001',
      bankName: '招商银行深圳科技园支行',
      tags: ['智能硬件', '华南', '年度重点'],
      profile: '专注工业无人机与智能巡检设备，客户遍布华南电力与能源行业。',
      nextFollowUpAt: tomorrow.toISOString(),
    });
    const existing = await api.get(`/customers/${customer.id}/contacts`);
    if (!existing.data.length) {
      await api.post('/contacts', {
        customerId: customer.id,
        name: '林海',
        title: '总经理',
        mobile: '13600001234',
        decisionRole: '决策者',
      });
      await api.post('/contacts', {
        customerId: customer.id,
        name: '陈思远',
        title: '采购经理',
        mobile: '13700005678',
        email: 'chensy@yunfan.example.cn',
        wechat: 'chensy_yf',
      });
      await api.post('/contacts', {
        customerId: customer.id,
        name: '王蕾',
        gender: 'female',
        title: '财务主管',
        phone: '0755-86001235',
      });
    }

    await page.goto('/customers?view=all');
    await rows(page).nth(5).waitFor();
    await settled(page);
    await snap(page, 'customers-list-zh-desktop');
    await page.goto(`/customers/${customer.id}`);
    await rows(page).filter({ hasText: '陈思远' }).waitFor();
    await settled(page);
    await snap(page, 'customer-360-zh-desktop');
    await desktop.context.close();

    const phone = await newPage(browser, 'phone');
    await signInAs(phone.page, 'admin');
    await phone.page.goto('/customers?view=all');
    await rows(phone.page).nth(5).waitFor();
    await expectNoSidewaysScroll(phone.page);
    await settled(phone.page);
    await snap(phone.page, 'customers-zh-phone');
    await phone.page.goto(`/customers/${customer.id}`);
    await phone.page.getByRole('heading', { name: customer.name }).waitFor();
    await rows(phone.page).filter({ hasText: '陈思远' }).waitFor();
    await expectNoSidewaysScroll(phone.page);
    await settled(phone.page);
    await snap(phone.page, 'customer-360-zh-phone');
    await phone.page.getByRole('button', { name: '更多' }).click();
    await phone.page.getByRole('menuitem', { name: '放入公海' }).waitFor();
    await expectNoSidewaysScroll(phone.page);
    await phone.page.keyboard.press('Escape');

    // the same in English
    await switchLanguage(phone.page, 'English');
    await phone.page.getByRole('tab', { name: 'Contacts' }).waitFor();
    await expectNoSidewaysScroll(phone.page);
    await settled(phone.page);
    await snap(phone.page, 'customer-360-en-phone');
    await phone.page.goto('/customers?view=all');
    await phone.page.getByRole('button', { name: 'Filters' }).click();
    await phone.page.getByRole('combobox', { name: 'Created' }).waitFor();
    await expectNoSidewaysScroll(phone.page);
    await settled(phone.page);
    await snap(phone.page, 'customers-filters-en-phone');
    await phone.context.close();
  });
});
