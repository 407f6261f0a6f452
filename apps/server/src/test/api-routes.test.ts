import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../platform/http.ts';
import { createTestContext, type TestContext } from './test-app.ts';

/**
 * docs/api-routes.md is generated from the route table, so it cannot drift: this test fails when
 * it is stale; `npm run docs:routes` rewrites it.
 */
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/api-routes.md');

function access(r: RouteInfo) {
  if (r.config.public) return 'public';
  return r.config.permission ? `\`${r.config.permission}\`` : 'signed in';
}

function routesMarkdown(routes: RouteInfo[]) {
  const lines = [
    '# HTTP routes',
    '',
    '<!-- Generated from the route table by `npm run docs:routes`; a test fails when it is stale. -->',
    '',
    'Every route of the API, by module, as registered. All under `/api/v1` (JSON, camelCase);',
    'schemas, examples and error answers are in the OpenAPI document at `/api/openapi.json`',
    '(browsable at `/api/docs`). Errors are `{code, message, details?}`; lists answer',
    '`{data, total, page, pageSize, totalIsEstimate, nextCursor, prevCursor}`. Cookie-authenticated',
    '`POST`/`PATCH`/`PUT`/`DELETE` send the `X-CSRF-Token` header from `/auth/me`. "Access" is the',
    'permission a route needs (records outside the data scope answer 404 as if absent).',
  ];
  const documented = routes.filter((r) => r.tag && r.url.startsWith('/api/v1/'));
  const tags = [...new Set(documented.map((r) => r.tag!))];
  for (const tag of tags) {
    lines.push('', `## ${tag}`, '', '| method | path | what | access |', '|---|---|---|---|');
    for (const r of documented.filter((x) => x.tag === tag)) {
      const summary = (r.summary ?? '').replaceAll('|', '\\|');
      lines.push(`| ${r.method} | \`${r.url.replace('/api/v1', '')}\` | ${summary} | ${access(r)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('docs/api-routes.md', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('lists every documented route as registered (npm run docs:routes rewrites it)', () => {
    const expected = routesMarkdown(t.app.routeTable);
    if (process.env.UPDATE_DOCS) fs.writeFileSync(file, expected);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });
});
