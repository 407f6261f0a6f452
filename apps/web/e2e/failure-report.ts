import type { Page } from 'playwright-core';
import { beforeEach } from 'vitest';
import { openPages } from './browser.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** What the test's pages showed when it failed (printed by `npm test` under the failure). */
    pageState?: string;
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A page's address, open dialogs and popovers, messages, the start of its text and its errors, on one line. */
async function describePage(page: Page, errors: string[]): Promise<string> {
  const shown = page.evaluate(() => {
    const visible = (e: Element) => (e as HTMLElement).getClientRects().length > 0;
    const texts = (selector: string) =>
      [...document.querySelectorAll(selector)]
        .filter(visible)
        .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
        .filter(Boolean);
    return {
      dialogs: texts('.ant-modal-title, .ant-drawer-title, .ant-popover-title, .ant-popconfirm-title'),
      messages: texts('.ant-message-notice, .ant-notification-notice, [role=alert]'),
      // the page's own content, not the menu beside it
      text: (document.querySelector('main') ?? document.body).innerText.replace(/\s+/g, ' '),
    };
  });
  // a page stuck in a script answers nothing: say so instead of waiting for it
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000));
  const state = await Promise.race([shown.catch(() => null), timeout]);
  const parts = [page.url()];
  if (!state) parts.push('(the page did not answer)');
  else {
    if (state.dialogs.length) parts.push(`open: ${state.dialogs.map((d) => clip(d, 60)).join(' / ')}`);
    if (state.messages.length) parts.push(`messages: ${state.messages.map((m) => clip(m, 80)).join(' / ')}`);
    parts.push(`text: ${clip(state.text, 300)}`);
  }
  if (errors.length) parts.push(`errors: ${errors.map((e) => clip(e, 120)).join(' / ')}`);
  return parts.join(' · ');
}

/**
 * When a journey fails, what its pages showed at that moment goes into its report, so that a
 * failure on CI can be read without running it again. Pages of earlier tests are forgotten.
 */
beforeEach(({ onTestFailed }) => {
  openPages.clear();
  onTestFailed(async ({ task }) => {
    const states: string[] = [];
    for (const [page, errors] of openPages)
      if (!page.isClosed()) states.push(await describePage(page, errors));
    if (states.length) task.meta.pageState = states.join(' | ');
  });
});
