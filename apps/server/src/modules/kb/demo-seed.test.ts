import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { createDemoTenant } from '../../test/demo-tenant.ts';
import { TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { demoCompany, seedDemoOrganization } from '../organization/tenants-service.ts';
import { seedDemoKb } from './demo-seed.ts';

let t: TestContext;
let liangxiao: Agent;
let songqian: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await createDemoTenant(t, [seedDemoOrganization, seedDemoKb]);
  [liangxiao, songqian, admin] = await Promise.all(
    ['liangxiao', 'songqian', 'admin'].map((u) => t.login(u, TEST_PASSWORD, demoCompany.code)),
  );
}, 120_000);
afterAll(() => t.close());

type Item = {
  title: string;
  status: string;
  viewCount: number;
  helpfulCount: number;
  categoryName: string | null;
};

describe('demo knowledge base', () => {
  it('publishes four articles in their categories, read and voted on; 梁晓 keeps a draft only she and the admin see', async () => {
    const list = async (agent: Agent) =>
      (await agent.get('/api/v1/kb-articles?pageSize=100')).json().data as Item[];
    const seen = await list(songqian);
    expect(seen.map((a) => a.status)).toEqual(['published', 'published', 'published', 'published']);
    expect(seen.every((a) => a.categoryName && a.viewCount > 0)).toBe(true);
    expect(seen.some((a) => a.helpfulCount > 0)).toBe(true);
    const draft = (await list(liangxiao)).filter((a) => a.status === 'draft');
    expect(draft.map((a) => a.title)).toEqual(['日常清洁与保养建议']);
    expect((await list(admin)).length).toBe(5);
    // two characters of a demo article's text find it
    const found = (await songqian.get(`/api/v1/kb-articles?q=${encodeURIComponent('网线')}`)).json()
      .data as Item[];
    expect(found.map((a) => a.title).sort()).toEqual(['常见报警代码及处理方法', '设备首次安装调试步骤']);
  });
});
