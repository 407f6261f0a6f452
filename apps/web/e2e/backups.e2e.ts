import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { answer, expectNoSidewaysScroll, openMenu, settled, signIn } from './flows.ts';

/**
 * The admin backs up the tenant, sees it finish with its size and checksum, downloads the archive,
 * then tries to restore a copy with one byte changed: refused, nothing replaced; then deletes it. (The journeys
 * share one server: this one never replaces the demo tenant; restores that succeed are API tests.)
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function journey(viewport: ViewportName) {
  const { context, page } = await newPage(browser, viewport);
  const phone = viewport === 'phone';
  await signIn(page, 'admin', inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
  await openMenu(page, '备份还原', phone);
  await page.waitForURL('**/settings/backups');

  // 立即备份: the new archive shows up and finishes (the list polls while it runs)
  const started = answer(page, 'POST', '/backups');
  await page.getByRole('button', { name: '立即备份' }).click();
  const { id } = await (await started).json();
  const row = page.locator(`tr[data-row-key="${id}"]`);
  await row.getByText('完成').waitFor({ timeout: 60_000 });
  await settled(page);
  await snap(page, `backups-list-zh-${viewport}`);
  if (phone) await expectNoSidewaysScroll(page);

  // download it, then change one byte in the middle
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: '下载' }).click();
  const archive = fs.readFileSync((await (await downloading).path())!);
  expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
  archive[Math.floor(archive.length / 2)] ^= 0xff;

  // 还原 the tampered copy over the tenant (its code typed): refused with the reason
  await page.getByRole('button', { name: '还原' }).click();
  const dialog = page.getByRole('dialog', { name: '从备份文件还原' });
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'tampered.tar.gz',
    mimeType: 'application/gzip',
    buffer: archive,
  });
  await dialog.getByLabel('输入租户代码以确认覆盖').fill('demo');
  const refused = answer(page, 'POST', '/restores');
  await dialog.getByRole('button', { name: '开始还原' }).click();
  expect((await refused).status()).toBe(400);
  await page.getByText(/备份文件已损坏或被改动|不是有效的备份文件/).waitFor();
  await snap(page, `backups-refused-zh-${viewport}`);

  // 删除 the archive made here, after confirming: its row goes
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await row.getByRole('button', { name: /^删除 .* 的备份$/ }).click();
  await settled(page);
  const removed = answer(page, 'DELETE', `/backups/${id}`);
  await page
    .locator('.ant-popover')
    .getByRole('button', { name: /^删\s?除$/ })
    .click();
  expect((await removed).status()).toBe(200);
  await row.waitFor({ state: 'detached' });
  await context.close();
}

describe('backups (备份还原)', () => {
  it('the admin backs up, downloads, and a tampered archive is refused (desktop)', async () => {
    await journey('desktop');
  });

  it('the same on a 390 px phone', async () => {
    await journey('phone');
  });
});
