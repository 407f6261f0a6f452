import { crc32, deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { ensureCustomer } from './customer-flows.ts';
import { expectNoSidewaysScroll, settled, signIn } from './flows.ts';
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

/** A solid-colour RGB PNG, written by hand (no image library in the journeys). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0)]);
  for (let x = 0; x < width; x++) row.set([0x33, 0x99, 0xcc], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function journey(viewport: ViewportName) {
  const { context, page } = await newPage(browser, viewport);
  await signIn(page, 'admin', inject('adminPassword'));
  const api = await apiAs(page);
  const customer = await ensureCustomer(api, `附件${stamp}${viewport}科技有限公司`);
  await page.goto(`/customers/${customer.id}?tab=files`);
  await page.getByRole('tab', { name: '附件', selected: true }).waitFor();
  await page.getByText('暂无附件').waitFor();

  // upload: the list shows it with its thumbnail
  const name = `现场照片-${viewport}.png`;
  const image = png(640, 480);
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'image/png', buffer: image });
  const item = page.getByRole('listitem', { name });
  await item.waitFor();
  const thumbnail = item.getByRole('img', { name: `${name} 的缩略图` });
  await thumbnail.waitFor();
  await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(320);
  await item.getByText(/\d+(\.\d)? KB · /).waitFor(); // size · uploader · time
  if (viewport === 'phone') await expectNoSidewaysScroll(page);
  await snap(page, `files-listed-${viewport}`);

  // download: the same bytes under its name
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: `下载 ${name}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of saved) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).equals(image)).toBe(true);

  // delete, after confirming
  await item.getByRole('button', { name: `删除 ${name}` }).click();
  await settled(page);
  await page.locator('.ant-popover').getByRole('button', { name: '删除' }).click();
  await page.getByText('暂无附件').waitFor();
  await expect
    .poll(async () => (await api.get(`/files?entity=customers&entityId=${customer.id}`)).data)
    .toEqual([]);
  await context.close();
}

describe('attachments (附件) on a customer', () => {
  it('uploads a PNG, sees its thumbnail, downloads and deletes it (desktop)', () => journey('desktop'));
  it('uploads a PNG, sees its thumbnail, downloads and deletes it (phone)', () => journey('phone'));
});
