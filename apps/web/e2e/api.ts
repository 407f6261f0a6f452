import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Calls the HTTP API as the page's signed-in user (its cookie, plus the CSRF token that every
 * mutating request needs): for setting up data a journey is not about.
 */
export async function apiAs(page: Page) {
  const request: APIRequestContext = page.request;
  const me = await (await request.get('/api/v1/auth/me')).json();
  const headers = { 'X-CSRF-Token': me.csrfToken as string, 'Accept-Language': 'zh-CN' };
  const call = async (method: 'post' | 'patch' | 'delete', path: string, body?: unknown) => {
    const response = await request[method](`/api/v1${path}`, { headers, data: body });
    const json = await response.json();
    expect(response.ok(), `${method.toUpperCase()} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
  return {
    me,
    get: async (path: string) => (await request.get(`/api/v1${path}`)).json(),
    post: (path: string, body?: unknown) => call('post', path, body ?? {}),
    patch: (path: string, body: unknown) => call('patch', path, body),
    delete: (path: string) => call('delete', path),
  };
}

export type Api = Awaited<ReturnType<typeof apiAs>>;
