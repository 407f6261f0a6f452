/**
 * Renders the app icons (public/icons/*.png) from public/icons/icon.svg with Chromium, once:
 * `npx tsx build/render-icons.ts` (from apps/web) after changing the SVG; the PNGs are committed.
 * The maskable icon keeps the glyph inside the safe zone (the inner 80%) on a full-bleed background.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../public/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const background = '#1668dc';

const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const { file, size, maskable } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    // maskable: a square of the brand colour, the rounded logo shrunk into the safe zone
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<html><body style="margin:0;width:${size}px;height:${size}px;display:flex;align-items:center;` +
        `justify-content:center;background:${maskable ? background : 'transparent'}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>` +
        '</body></html>',
    );
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(dir, file), omitBackground: !maskable });
    await page.close();
    console.log(`${file} ${size}×${size}`);
  }
} finally {
  await browser.close();
}
