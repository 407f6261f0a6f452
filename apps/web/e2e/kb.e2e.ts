import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, openMenu, rows, settled } from './flows.ts';
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

/** Opens 知识库 and searches it; answers the row of `title` among what the query found. */
async function find(page: Page, query: string, title: string) {
  const search = page.getByPlaceholder('搜索标题、正文或拼音首字母');
  await search.fill(query);
  const searched = answer(page, 'GET', /\/kb-articles\?.*q=/);
  await search.press('Enter');
  await searched;
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(query);
  const row = rows(page).filter({ hasText: title });
  await row.waitFor();
  // every row found holds the query (in its title or its text's excerpt, or the article's text)
  await settled(page);
  return row;
}

/** Chooses a top-level category in the form's 分类 cascader (the dictionary is a tree). */
async function pickCategory(page: Page, form: Locator, name: string) {
  const id = await form.getByLabel('分类', { exact: true }).getAttribute('id');
  const cascader = form.locator('.ant-select', { has: page.locator(`[id="${id}"]`) }).first();
  await cascader.click();
  const menu = page.locator('.ant-select-dropdown:visible');
  await menu.waitFor();
  await settled(page);
  await menu
    .getByRole('menuitemcheckbox', { name })
    .or(menu.locator('li', { hasText: name }))
    .first()
    .click();
  await cascader.getByText(name).waitFor();
  await menu.waitFor({ state: 'hidden' });
}

async function openKb(page: Page, isPhone: boolean) {
  await openMenu(page, '知识库', isPhone);
  await page.waitForURL('**/kb');
  await rows(page).first().waitFor(); // the demo's articles
  await settled(page);
}

/**
 * 梁晓 (客服) writes an article with formatting and saves it as a draft — she may not publish;
 * the admin finds it by two Chinese characters of its text and publishes it; 梁晓 then finds it
 * the same way, reads it and votes 有帮助.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const title = `打印机卡纸怎么办${isPhone ? '手机' : ''}${stamp}`;

  // the writer: a draft
  const writer = await newPage(browser, viewport);
  await signInAs(writer.page, 'liangxiao');
  await openKb(writer.page, isPhone);
  await snap(writer.page, `kb-list-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(writer.page);
  await writer.page.getByRole('button', { name: '写文章' }).click();
  const form = writer.page.getByRole('dialog', { name: '写文章' });
  await settled(writer.page);
  await form.getByRole('textbox', { name: '标题', exact: true }).fill(title);
  await pickCategory(writer.page, form, '故障排除');
  const editor = form.getByRole('textbox', { name: '正文' });
  await editor.click();
  await writer.page.keyboard.type('先关闭电源，打开前盖，');
  await form.getByRole('button', { name: '加粗' }).click();
  await writer.page.keyboard.type('轻轻取出卡住的纸张');
  await form.getByRole('button', { name: '加粗' }).click();
  await writer.page.keyboard.type('。');
  // a writer without kb:publish has no 发布
  await expect.poll(() => form.getByRole('button', { name: '发布' }).count()).toBe(0);
  await settled(writer.page);
  await snap(writer.page, `kb-editor-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(writer.page);
  const created = answer(writer.page, 'POST', '/kb-articles');
  await form.getByRole('button', { name: '保存草稿' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const article = await response.json();
  expect(article).toMatchObject({ title, status: 'draft', categoryName: '故障排除' });
  // the browser's bold (b or strong), kept by the server's sanitiser
  expect(article.content).toMatch(/<(b|strong)>轻轻取出卡住的纸张<\/(b|strong)>/);
  const draft = writer.page.getByRole('dialog', { name: title });
  await draft.getByText('草稿只有作者和有发布权限的人能看到').waitFor();
  expect(await draft.getByRole('button', { name: '发布' }).count()).toBe(0);
  await draft
    .getByRole('button', { name: /Close|关闭/ })
    .first()
    .click();
  await draft.waitFor({ state: 'hidden' });

  // the publisher: finds it by two characters of its text, publishes it
  const admin = await newPage(browser, viewport);
  await signInAs(admin.page, 'admin');
  await openKb(admin.page, isPhone);
  const row = await find(admin.page, '卡纸', title);
  await row.getByRole('button', { name: title }).click();
  const detail = admin.page.getByRole('dialog', { name: title });
  await detail
    .getByTestId('kb-article-content')
    .locator('b, strong', { hasText: '轻轻取出卡住的纸张' })
    .waitFor();
  await settled(admin.page);
  await snap(admin.page, `kb-draft-review-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(admin.page);
  const published = answer(admin.page, 'POST', `/kb-articles/${article.id}/publish`);
  // once published, the open article counts the admin's reading
  const adminRead = answer(admin.page, 'POST', `/kb-articles/${article.id}/view`);
  await detail.getByRole('button', { name: '发布' }).click();
  expect((await published).status()).toBe(200);
  expect(await (await adminRead).json()).toEqual({ viewCount: 1, counted: true });
  await admin.page.locator('.ant-message').getByText('文章已发布').waitFor();
  await detail.getByRole('button', { name: '撤回为草稿' }).waitFor();
  await admin.context.close();

  // the writer finds it published by two other characters, reads it and votes 有帮助
  await writer.page.reload();
  await rows(writer.page).first().waitFor();
  const found = await find(writer.page, '前盖', title);
  await found.getByText('已发布').waitFor();
  const viewed = answer(writer.page, 'POST', `/kb-articles/${article.id}/view`);
  await found.getByRole('button', { name: title }).click();
  const reading = writer.page.getByRole('dialog', { name: title });
  expect((await viewed).status()).toBe(200);
  await reading.getByText('这篇文章对您有帮助吗？').waitFor();
  const voted = answer(writer.page, 'POST', `/kb-articles/${article.id}/vote`);
  await reading.getByRole('button', { name: /有帮助 0/ }).click();
  expect(await (await voted).json()).toMatchObject({ helpfulCount: 1, myVote: true });
  await reading.getByRole('button', { name: /有帮助 1/, pressed: true }).waitFor();
  await reading.getByText('阅读 2').waitFor(); // the admin's and hers
  await settled(writer.page);
  await snap(writer.page, `kb-article-zh-${viewport}`);
  if (isPhone) await expectNoSidewaysScroll(writer.page);
  await writer.context.close();
}

describe('knowledge base (知识库)', () => {
  it('writes a draft, publishes it, finds it by two characters and votes it helpful (desktop)', () =>
    journey('desktop'));
  it('writes a draft, publishes it, finds it by two characters and votes it helpful (phone)', () =>
    journey('phone'));
});
