import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Api } from './api.ts';
import { signIn } from './flows.ts';

export async function signInAs(page: Page, username: string) {
  await signIn(page, username, inject('adminPassword'));
  await page.getByRole('button', { name: /^账户：/ }).waitFor();
}

/** The customer of this name, created through the API when it is not there yet. */
export async function ensureCustomer(api: Api, name: string, values: Record<string, unknown> = {}) {
  const { matches } = await api.post('/customers/duplicate-check', { name });
  const same = (matches as { id?: string; name: string }[]).find((m) => m.name === name && m.id);
  if (same) return (await api.get(`/customers/${same.id}`)) as { id: string; name: string; version: number };
  return (await api.post('/customers', { name, force: true, ...values })) as {
    id: string;
    name: string;
    version: number;
  };
}
