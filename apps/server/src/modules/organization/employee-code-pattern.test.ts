import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { unique } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const setPattern = async (employeeCodePattern: string) => {
  const tenant = (await admin.get('/api/v1/tenant')).json();
  return admin.patch('/api/v1/tenant', { version: tenant.version, employeeCodePattern });
};

const createWithCode = (employeeCode: string) =>
  admin.post('/api/v1/users', {
    username: unique('re'),
    name: 'x',
    password: 'Initial123',
    departmentId: t.tenant.rootDepartmentId,
    employeeCode,
  });

describe('employee-code patterns run on RE2, never on a backtracking engine', () => {
  it('^(a+)+$ against a 31-character code answers at once, and a readyz issued beside it answers', async () => {
    // the baseline: the same create under an ordinary pattern
    expect((await setPattern('^[a-z!]+$')).statusCode).toBe(200);
    let start = performance.now();
    expect((await createWithCode('a'.repeat(31))).statusCode).toBe(201);
    const baseline = performance.now() - start;

    expect((await setPattern('^(a+)+$')).statusCode).toBe(200);
    start = performance.now();
    // 30 × a then a mismatch: 2^30 paths for a backtracking engine (about a minute on V8)
    const [created, ready] = await Promise.all([
      createWithCode(`${'a'.repeat(30)}!`),
      t.app.inject({ method: 'GET', url: '/readyz' }),
    ]);
    const took = performance.now() - start;
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe('EMPLOYEE_CODE_INVALID');
    expect(ready.statusCode).toBe(200);
    expect(took).toBeLessThan(Math.max(3000, baseline * 20));
    // and a code that matches still passes
    expect((await createWithCode('a'.repeat(29))).statusCode).toBe(201);
  }, 120_000);

  it('a pattern RE2 cannot run (back-reference, look-ahead, broken syntax) is refused when saved', async () => {
    for (const pattern of ['^(a)\\1$', '^(?=E)E\\d+$', '^(?!x).*$', '([', 'a{2,1}']) {
      const res = await setPattern(pattern);
      expect(res.statusCode, pattern).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().details).toEqual([expect.objectContaining({ path: 'employeeCodePattern' })]);
    }
    expect((await setPattern('^[A-Z]{2}[0-9]{4}$')).statusCode).toBe(200);
  });
});
