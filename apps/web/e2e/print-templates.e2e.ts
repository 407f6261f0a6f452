import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const hostile = (title: string) => `<div class="doc">
<h1>{{tenant.name}} ${title} {{number}}</h1>
<script>document.title = 'pwned'</script>
<img src="x" onerror="document.title = 'pwned'" />
<p onclick="alert(1)">金额大写：{{amountInWords}}</p>
<a href="javascript:alert(1)">link</a>
</div>`;

/** Nothing in the frame can run: no script, no handler, no javascript: link, no image from elsewhere. */
async function expectInert(page: Page, frameTitle: string) {
  const frame = page.frameLocator(`iframe[title="${frameTitle}"]`);
  await frame.locator('h1').waitFor();
  const inert = await frame.locator('body').evaluate((body) => ({
    scripts: body.ownerDocument.querySelectorAll('script').length,
    handlers: [...body.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
    links: body.querySelectorAll('a[href]').length,
    images: body.querySelectorAll('img').length,
    title: body.ownerDocument.title,
  }));
  expect(inert).toMatchObject({ scripts: 0, handlers: 0, links: 0, images: 0 });
  expect(inert.title).not.toBe('pwned');
}

async function journey(
  viewport: ViewportName,
  type: { key: 'order' | 'quote'; label: string; path: string },
) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, '打印模板', phone);
  await page.waitForURL('**/settings/print-templates**');
  await page.getByRole('tab', { name: type.label }).click();
  const editor = page.getByLabel(`${type.label}打印模板`);
  await editor.waitFor();
  const preview = `${type.label}预览`;
  // the default: a Chinese business document from the sample data
  await page
    .frameLocator(`iframe[title="${preview}"]`)
    .getByText('金额大写：人民币壹仟伍佰叁拾叁元柒角伍分')
    .waitFor();

  // unescaped output is refused, in the preview and on saving
  await editor.fill('<p>{{{number}}}</p>');
  await page.getByText('打印模板不能使用不转义的输出').first().waitFor();
  const refused = answer(page, 'PUT', `/print-templates/${type.key}`);
  await page.getByRole('button', { name: '保存' }).click();
  expect((await refused).status()).toBe(400);

  // a template with a script, handlers and a javascript: link previews and saves harmless
  await editor.fill(hostile(type.label));
  await page
    .frameLocator(`iframe[title="${preview}"]`)
    .getByText('金额大写：壹仟伍佰叁拾叁元柒角伍分')
    .waitFor();
  await expectInert(page, preview);
  const saved = answer(page, 'PUT', `/print-templates/${type.key}`);
  await page.getByRole('button', { name: '保存' }).click();
  expect((await saved).status()).toBe(200);
  await page.getByText('已自定义').waitFor();
  await settled(page);
  await snap(page, `print-templates-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);

  // the print page of a real document shows it through that template
  const api = await apiAs(page);
  const list = await api.get(`/${type.path}?pageSize=1`);
  const doc = list.data[0] as { id: string; number: string };
  expect(doc, `a demo ${type.key} to print`).toBeTruthy();
  await page.goto(`/print/${type.key}/${doc.id}`);
  const printed = await api.get(`/${type.path}/${doc.id}/print`);
  await page
    .frameLocator(`iframe[title="${printed.title}"]`)
    .getByText(`${type.label} ${doc.number}`)
    .waitFor();
  await expectInert(page, printed.title);
  await expect.poll(() => page.getByRole('button', { name: '打印' }).isEnabled()).toBe(true);
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: '下载 PDF' }).click();
  expect((await download).suggestedFilename()).toBe(`${printed.title}.pdf`);
  await settled(page);
  await snap(page, `print-page-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);

  // a document that does not exist (or is out of scope) says so
  await page.goto(`/print/${type.key}/01000000-0000-7000-8000-000000000000`);
  await page.getByText('单据不存在或你无权查看').waitFor();

  // 恢复默认
  await page.goto(`/settings/print-templates?type=${type.key}`);
  await page.getByRole('button', { name: '恢复默认' }).click();
  const restored = answer(page, 'DELETE', `/print-templates/${type.key}`);
  await page.getByRole('tooltip').getByRole('button', { name: '恢复默认' }).click();
  expect((await restored).status()).toBe(200);
  await page.getByText('默认模板', { exact: true }).waitFor();

  // and the document prints as the built-in business document again: number, lines, total in capitals, signatures
  await page.goto(`/print/${type.key}/${doc.id}`);
  const frame = page.frameLocator(`iframe[title="${printed.title}"]`);
  await frame.getByText(`${type.label}编号：${doc.number}`.replace('报价单编号', '报价单号')).waitFor();
  await frame.getByText(/^金额大写：人民币.+[整分]$/).waitFor();
  expect(await frame.getByText('签字（盖章）').count()).toBe(2);
  await settled(page);
  await snap(page, `print-default-zh-${viewport}`);
  await context.close();
}

describe('print templates (打印模板)', () => {
  it('the admin edits the order template (unsafe output refused, scripts removed), previews it, prints an order and downloads its PDF, restores the default (desktop)', async () => {
    await journey('desktop', { key: 'order', label: '订单', path: 'orders' });
  });

  it('the same with the quote template on a 390 px phone', async () => {
    await journey('phone', { key: 'quote', label: '报价单', path: 'quotes' });
  });
});
