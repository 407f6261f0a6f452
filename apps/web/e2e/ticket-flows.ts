import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { searchList, settled } from './flows.ts';

// 服务工单 steps shared by the tickets journeys (the desk's, the public form's)

/** Finds the ticket by its number in 服务工单 (never by the list's order) and opens its drawer. */
export async function openTicket(page: Page, number: string, view?: '我的' | '待领取'): Promise<Locator> {
  await page.goto('/tickets');
  if (view) {
    await page.getByText(view, { exact: true }).click();
    await page.waitForURL(/view=/);
  }
  const found = await searchList(page, page.getByPlaceholder('搜索编号、标题或客户'), number);
  await found.getByRole('button', { name: number }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(number) });
  await drawer.getByText('服务时限', { exact: true }).waitFor();
  await settled(page);
  return drawer;
}

/** Waits until the drawer's 状态 shows `status`. */
export async function expectStatus(drawer: Locator, status: string) {
  await drawer.locator('.ant-descriptions').getByText(status, { exact: true }).first().waitFor();
}

/** Runs a move whose dialog is a small form; `fill` fills it; OK carries the move's name. */
export async function moveWithForm(
  page: Page,
  drawer: Locator,
  name: string,
  fill: (dialog: Locator) => Promise<void>,
) {
  await drawer.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name, exact: true });
  await dialog.waitFor();
  await settled(page);
  await fill(dialog);
  await dialog.getByRole('button', { name, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Adds a note in the drawer (customer-visible: the 内部备注 switch turned off first) and waits
 * until it shows and the box is empty again — the box clears when the save answers, which can be
 * after the refetched timeline shows the note.
 */
export async function addNote(drawer: Locator, text: string, visible = false) {
  const internalSwitch = drawer.getByRole('switch', { name: '内部备注' });
  if (visible && (await internalSwitch.getAttribute('aria-checked')) === 'true') await internalSwitch.click();
  const box = drawer.getByLabel('备注', { exact: true });
  await box.fill(text);
  await drawer.getByRole('button', { name: '添加记录' }).click();
  await drawer.getByText(text).waitFor();
  await expect.poll(() => box.inputValue()).toBe('');
}
