import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, pick, rows, searchList, settled } from './flows.ts';
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
const pad = (n: number) => String(n).padStart(2, '0');

/** Three days from now at 18:00 in the browser's zone, as the date picker takes it. */
const inThreeDays = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 3);
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  });

/** Signs `username` in on a page of its own and opens 通知公告. */
async function open(viewport: ViewportName, username: string) {
  const { context, page } = await newPage(browser, viewport);
  await signInAs(page, username);
  await openMenu(page, '通知公告', viewport === 'phone');
  await page.waitForURL('**/announcements');
  return { context, page };
}

/** Finds the announcement in the current box by its title and opens it. */
async function openByTitle(page: Page, title: string) {
  const found = await searchList(page, page.getByPlaceholder('搜索标题'), title);
  await found.first().getByRole('button', { name: title }).click();
  const drawer = page.getByRole('dialog', { name: title });
  await drawer.waitFor();
  await settled(page);
  return drawer;
}

describe('announcements (通知公告)', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`an instruction to 上海分公司 with its stores: two stores read and complete, the sender sees per department who read and who did (${viewport})`, async () => {
      const title = `库存盘点指令${stamp}${viewport === 'phone' ? 'P' : 'D'}`;

      // 周强 (上海分公司经理) sends an instruction to the branch, which brings its two stores
      const sender = await open(viewport, 'zhouqiang');
      let page = sender.page;
      await page.getByRole('button', { name: '发通知' }).click();
      const form = page.getByRole('dialog', { name: '发通知' });
      await settled(page);
      await form.getByText('指令', { exact: true }).click();
      await form.getByLabel('标题', { exact: true }).fill(title);
      await pick(page, '接收部门', '上海分公司', form);
      const [y, m, d] = await inThreeDays(page);
      const due = form.getByLabel('完成期限', { exact: true });
      await due.click();
      await due.fill(`${y}-${pad(m)}-${pad(d)} 18:00`);
      await page.keyboard.press('Enter');
      await expect.poll(() => due.inputValue()).toBe(`${y}-${pad(m)}-${pad(d)} 18:00`);
      const editor = form.getByRole('textbox', { name: '正文' });
      await editor.click();
      await page.keyboard.type('请各门店周五前完成库存盘点，');
      await form.getByRole('button', { name: '加粗' }).click();
      await page.keyboard.type('差异写明原因');
      await settled(page);
      await snap(page, `announcement-form-zh-${viewport}`);
      const sent = answer(page, 'POST', '/announcements');
      await form.getByRole('button', { name: '发送', exact: true }).click();
      const created = await (await sent).json();
      expect(created).toMatchObject({ kind: 'instruction', title, readCount: 0, doneCount: 0 });
      expect(created.content).toMatch(/<(b|strong)>差异写明原因<\/(b|strong)>/);
      // the branch's own people and both stores' (the sender excluded)
      expect(created.recipientCount).toBeGreaterThanOrEqual(3);
      const detail = page.getByRole('dialog', { name: title });
      await detail.getByText('接收人在发送时确定').waitFor();
      await sender.context.close();

      // 刘洋 of 浦东中心门店 opens it (read) and completes it with a note
      const pudong = await open(viewport, 'liuyang');
      page = pudong.page;
      const read = answer(page, 'POST', /\/announcements\/[^/]+\/read$/);
      let drawer = await openByTitle(page, title);
      expect((await read).status()).toBe(200);
      await drawer.getByText('请各门店周五前完成库存盘点').waitFor();
      await drawer.getByRole('button', { name: '完成' }).click();
      const confirm = page.getByRole('dialog', { name: '确认完成' });
      await settled(page);
      await confirm.getByLabel('完成说明').fill('浦东已盘点，差异 2 件为退货未入账');
      const done = answer(page, 'POST', /\/announcements\/[^/]+\/done$/);
      await confirm.getByRole('button', { name: '完成' }).click();
      expect((await done).status()).toBe(200);
      await drawer.getByText(/^完成于/).waitFor();
      await settled(page);
      await snap(page, `announcement-done-zh-${viewport}`);
      await pudong.context.close();

      // 黄伟 of 徐汇小微门店 only reads it
      const xuhui = await open(viewport, 'huangwei');
      page = xuhui.page;
      const read2 = answer(page, 'POST', /\/announcements\/[^/]+\/read$/);
      drawer = await openByTitle(page, title);
      expect((await read2).status()).toBe(200);
      await drawer.getByRole('button', { name: '完成' }).waitFor();
      await xuhui.context.close();

      // the sender's 已发出: per department who read and who did, per person with the note
      const again = await open(viewport, 'zhouqiang');
      page = again.page;
      await page.getByText('已发出', { exact: true }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('box')).toBe('sent');
      // the sent box's own list is drawn (its 回执 column) before searching in it
      await page.getByRole('columnheader', { name: '回执' }).waitFor();
      await settled(page);
      drawer = await openByTitle(page, title);
      const departments = drawer.getByRole('table', { name: '按部门' });
      const row = (name: string) => rows(departments).filter({ hasText: name });
      await expect.poll(() => row('浦东中心门店').getByLabel('完成 1/1').count()).toBe(1);
      await expect(row('浦东中心门店').getByLabel('已读 1/1').count()).resolves.toBe(1);
      await expect(row('徐汇小微门店').getByLabel('已读 1/1').count()).resolves.toBe(1);
      await expect(row('徐汇小微门店').getByLabel('完成 0/1').count()).resolves.toBe(1);
      const people = drawer.getByRole('table', { name: '人员' });
      await expect(
        rows(people).filter({ hasText: '刘洋' }).getByText('浦东已盘点，差异 2 件为退货未入账').count(),
      ).resolves.toBe(1);
      await settled(page);
      await snap(page, `announcement-receipts-zh-${viewport}`);
      if (viewport === 'phone') await expectNoSidewaysScroll(page);

      // 提醒未完成的人: the rest are reminded
      const reminded = answer(page, 'POST', /\/announcements\/[^/]+\/remind$/);
      await drawer.getByRole('button', { name: '提醒未完成的人' }).click();
      const remindedBody = await (await reminded).json();
      expect(remindedBody.reminded).toBe(created.recipientCount - 1);
      await drawer
        .getByRole('button', { name: 'Close' })
        .or(drawer.getByRole('button', { name: '关闭' }))
        .first()
        .click();
      await drawer.waitFor({ state: 'hidden' });
      await settled(page);
      await snap(page, `announcements-sent-zh-${viewport}`);
      await again.context.close();
      // four people sign in one after another: more than one journey step's time on a busy machine
    }, 180_000);
  }
});
