import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';
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
/** Mobile numbers of this run's own (the duplicate check compares them across the tenant). */
const mobile = (n: number) => `13${String(Date.now() + n).slice(-9)}`;

/**
 * As the admin, through the API: a channel (source) of this run's own, a department with one
 * salesperson, a rule sending that channel's leads round-robin into the department, a web form on
 * the channel, and a customer the salesperson already owns (for the duplicate check).
 */
async function setUp(page: Page, tag: string) {
  await signInAs(page, 'admin');
  const api = await apiAs(page);
  const source = await api.post('/dictionaries/customer-source/items', { name: `官网${tag}` });
  const root = (await api.get('/departments')).data.find((d: { parentId: string | null }) => !d.parentId);
  const department = await api.post('/departments', { name: `线索组${tag}`, parentId: root.id });
  const seller = await newUser(api, `lead_${tag}`, `线索员${tag}`, { departmentId: department.id });
  await api.post('/leads/rules', {
    name: `官网规则${tag}`,
    departmentId: department.id,
    sourceId: source.id,
  });
  const form = await api.post('/leads/forms', {
    name: `官网表单${tag}`,
    title: `预约演示${tag}`,
    sourceId: source.id,
  });
  const existing = await api.post('/customers', { name: `已有公司${tag}`, ownerId: seller.id, force: true });
  // the admin page of forms and rules, as the admin sees it
  await page.goto('/leads/forms');
  await page.getByText(`官网表单${tag}`).waitFor();
  await snap(page, `lead-forms-zh-${shotName(page)}`);
  return { seller, form: form as { token: string }, existing: existing as { id: string; name: string } };
}

const shotName = (page: Page) => ((page.viewportSize()?.width ?? 0) < 500 ? 'phone' : 'desktop');

/** A visitor (not signed in) fills the public form. */
async function visit(page: Page, token: string, company: string, mobile: string, shot?: string) {
  await page.goto(`/f/${token}`);
  await page.getByLabel('公司名称').fill(company);
  await page.getByLabel('联系人').fill('周先生');
  await page.getByLabel('手机').fill(mobile);
  if (shot) await snap(page, shot);
  const sent = answer(page, 'POST', `/public/forms/${token}`);
  await page.getByRole('button', { name: '提交' }).click();
  expect((await sent).status()).toBe(202);
  await page.getByText('提交成功').waitFor();
}

/** Opens a lead of "我的" by searching for it (each step waits for the list it asked for). */
async function openMine(page: Page, name: string) {
  const mine = answer(page, 'GET', /\/leads\?.*view=mine/);
  await page.getByText('我的', { exact: true }).click();
  await mine;
  const found = answer(page, 'GET', /\/leads\?.*q=/);
  await page.getByPlaceholder('搜索公司、联系人、手机、邮箱').fill(name);
  await page.keyboard.press('Enter');
  await found;
  await settled(page);
  await page.getByRole('button', { name, exact: true }).click();
  const drawer = page.getByRole('dialog', { name });
  await drawer.waitFor();
  await settled(page);
  return drawer;
}

async function journey(viewport: ViewportName) {
  const tag = `${stamp}${viewport[0]}`;
  const isPhone = viewport === 'phone';
  const admin = await newPage(browser, viewport);
  const { seller, form, existing } = await setUp(admin.page, tag);
  await admin.context.close();

  // a visitor submits twice: a new company, and one that is already a customer
  const visitor = await newPage(browser, viewport);
  const company = `新访客公司${tag}`;
  await visit(
    visitor.page,
    form.token,
    company,
    mobile(isPhone ? 10 : 20),
    `lead-public-form-zh-${viewport}`,
  );
  await expectNoSidewaysScroll(visitor.page);
  await visitor.page.getByRole('button', { name: '再提交一条' }).click();
  await visit(visitor.page, form.token, existing.name, mobile(isPhone ? 30 : 40));
  await visitor.context.close();

  // the rule gave both to the department's one salesperson, who converts them
  const { context, page } = await newPage(browser, viewport);
  await signIn(page, seller.username, seller.password);
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, '线索', isPhone);
  await page.waitForURL('**/leads**');
  await page.getByText('全部', { exact: true }).waitFor();
  await snap(page, `leads-list-zh-${viewport}`);
  let drawer = await openMine(page, company);
  await expect.poll(() => drawer.getByText('已分配').count()).toBeGreaterThan(0);
  await drawer.getByLabel('添加跟进').fill('电话联系，约下周演示');
  await drawer.getByRole('button', { name: '添加跟进' }).click();
  await drawer.getByText('电话联系，约下周演示').waitFor();
  await snap(page, `lead-detail-zh-${viewport}`);
  await expectNoSidewaysScroll(page);

  await drawer.getByRole('button', { name: '转化为客户' }).click();
  let dialog = page.getByRole('dialog', { name: `转化线索：${company}` });
  await dialog.waitFor();
  await settled(page);
  await expect.poll(() => dialog.getByLabel('联系人姓名').inputValue()).toBe('周先生');
  const converted = answer(page, 'POST', /\/leads\/[^/]+\/convert$/);
  await dialog.getByRole('button', { name: '转化', exact: true }).click();
  const { customerId } = await (await converted).json();
  await page.waitForURL(`**/customers/${customerId}`);
  await page.getByText(company).first().waitFor();

  // the second lead: its company exists, the duplicate check catches it and offers the customer
  await openMenu(page, '线索', isPhone);
  await page.waitForURL('**/leads**');
  drawer = await openMine(page, existing.name);
  await drawer.getByRole('button', { name: '转化为客户' }).click();
  dialog = page.getByRole('dialog', { name: `转化线索：${existing.name}` });
  await dialog.waitFor();
  await settled(page);
  const refused = answer(page, 'POST', /\/leads\/[^/]+\/convert$/);
  await dialog.getByRole('button', { name: '转化', exact: true }).click();
  expect((await refused).status()).toBe(409);
  await dialog.getByText('已存在相似客户').waitFor();
  await snap(page, `lead-duplicate-zh-${viewport}`);
  const linked = answer(page, 'POST', /\/leads\/[^/]+\/convert$/);
  await dialog
    .locator('.ant-list-item', { hasText: existing.name })
    .getByRole('button', { name: '关联到此客户' })
    .click();
  expect((await (await linked).json()).customerId).toBe(existing.id);
  await page.waitForURL(`**/customers/${existing.id}`);
  await context.close();
}

describe('leads (线索)', () => {
  it('a visitor’s web form lead is assigned by the rule, converted by its owner; an existing company is caught and linked (desktop)', async () => {
    await journey('desktop');
  });
  it('the same on a phone', async () => {
    await journey('phone');
  });
});
