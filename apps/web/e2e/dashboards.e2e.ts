import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api.ts';
import { launch, newPage, snap, type ViewportName } from './browser.ts';
import { signInAs } from './customer-flows.ts';
import { answer, expectNoSidewaysScroll, pick, settled, signIn, signOut, switchLanguage } from './flows.ts';
import { newUser } from './user-flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Adds a card in the open editor: a report, how it is drawn (else as its page draws it), its title. */
async function addCard(
  page: Page,
  drawer: Locator,
  report: string,
  chart?: string,
  title?: string,
  listedAs = title ?? report,
) {
  await pick(page, '报表', report, drawer);
  if (chart) await pick(page, '图形', chart, drawer);
  if (title) await drawer.getByLabel('卡片标题').fill(title);
  await drawer.getByRole('button', { name: '添加卡片' }).click();
  await drawer.getByRole('listitem', { name: listedAs }).first().waitFor();
}

/**
 * The admin sets a role's home dashboard (a funnel, a KPI with its own title, today's check-in
 * map); a user of that
 * role finds it on their home, hides the KPI and moves the funnel (their own layout), restores
 * the role's default, and reads it in English. On a phone the cards are one column.
 */
async function journey(viewport: ViewportName) {
  const isPhone = viewport === 'phone';
  const stamp = `${Date.now().toString(36)}${viewport[0]}`;
  const kpiTitle = `本月业绩${stamp}`;
  const { page, context } = await newPage(browser, viewport);
  try {
    await signInAs(page, 'admin');
    const api = await apiAs(page);
    const role = (await api.post('/roles', {
      name: `看板${stamp}`,
      permissions: [
        'reports:funnel',
        'opportunities:view',
        'reports:sales-ranking',
        'orders:view',
        'reports:activity',
        'follow-ups:view',
        'check-ins:view',
      ],
      dataScopes: { opportunities: 'own', orders: 'own', 'follow-ups': 'own', 'check-ins': 'own' },
    })) as { id: string; name: string };
    const user = await newUser(api, `dash${stamp}`, `看板用户${stamp}`, { roleId: role.id });

    // the role's default, set on its page
    await page.goto(`/roles/${role.id}/dashboard`);
    await page.getByRole('heading', { name: `角色首页看板：${role.name}` }).waitFor();
    await page.getByText('看板上还没有卡片').waitFor();
    await page.getByRole('button', { name: '编辑看板' }).click();
    await settled(page);
    const editor = page.getByRole('dialog', { name: `角色首页看板：${role.name}` });
    await addCard(page, editor, '销售漏斗'); // drawn as a funnel, as on its page
    await addCard(page, editor, '业务员销售额排名', '指标卡', kpiTitle);
    // a map is of today: choosing it sets the period (named for what it shows)
    await addCard(page, editor, '活动量', '签到地图', undefined, '签到地图 · 今天');
    const saved = answer(page, 'PUT', `/dashboards/roles/${role.id}`);
    await editor.getByRole('button', { name: '保存看板' }).click();
    expect((await saved).status()).toBe(200);
    await page.locator('.dashboard-card', { hasText: kpiTitle }).waitFor();
    await page.getByRole('img', { name: '销售漏斗' }).waitFor();
    await page.locator('.dashboard-card', { hasText: '签到地图 · 今天' }).waitFor();
    await signOut(page, '系统管理员');

    // the role's user finds it on their home
    await signIn(page, user.username, user.password);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText('角色默认看板').waitFor();
    const kpi = page.locator('.dashboard-card', { hasText: kpiTitle });
    await kpi.getByText('销售额').waitFor();
    // a new user's own scope holds no deals yet: the funnel is there, empty
    await page
      .locator('.dashboard-card', { hasText: '销售漏斗' })
      .locator('.ant-empty-description', { hasText: '暂无数据' })
      .waitFor();
    // and no check-ins of their own today: the map says so, with the way to 后台监控
    const map = page.locator('.dashboard-card', { hasText: '签到地图 · 今天' });
    await map.getByText('今天还没有带位置的签到').waitFor();
    await map.getByText('今日签到 0 条').waitFor();
    await settled(page);
    await snap(page, `dashboard-role-zh-${viewport}`);
    const boxes = await page
      .locator('.dashboard-card')
      .evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
    expect(boxes).toHaveLength(3);
    // a phone shows one column; a desktop puts the KPI beside the chart
    if (isPhone) {
      expect(new Set(boxes).size).toBe(1);
      await expectNoSidewaysScroll(page);
    } else expect(new Set(boxes).size).toBe(2);

    // their own layout: the KPI moved first, and hidden
    await page.getByRole('button', { name: '编辑看板' }).click();
    await settled(page);
    const drawer = page.getByRole('dialog', { name: '编辑看板' });
    await drawer.getByRole('button', { name: `上移：${kpiTitle}` }).click();
    await drawer.getByRole('switch', { name: `显示：${kpiTitle}` }).click();
    const mine = answer(page, 'PUT', '/dashboards/me');
    await drawer.getByRole('button', { name: '保存看板' }).click();
    const layout = (await (await mine).json()) as {
      source: string;
      cards: { id: string; hidden: boolean }[];
    };
    expect(layout.source).toBe('mine');
    expect(layout.cards.map((c) => c.hidden)).toEqual([true, false, false]);
    await page.getByText('我的看板').waitFor();
    await expect.poll(() => page.locator('.dashboard-card').count()).toBe(2);
    await expect.poll(() => page.locator('.dashboard-card', { hasText: kpiTitle }).count()).toBe(0);

    // back to the role's default (confirmed)
    await page.getByRole('button', { name: '编辑看板' }).click();
    await settled(page);
    await page.getByRole('button', { name: '恢复默认' }).click();
    await settled(page);
    const reset = answer(page, 'DELETE', '/dashboards/me');
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    expect((await reset).status()).toBe(200);
    await page.getByText('角色默认看板').waitFor();
    await kpi.waitFor();

    // in English
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'Workspace' }).waitFor();
    await page.getByText('Role default').waitFor();
    await page.locator('.dashboard-card', { hasText: kpiTitle }).waitFor();
    await settled(page);
    await snap(page, `dashboard-role-en-${viewport}`);
  } finally {
    await context.close();
  }
}

describe('home dashboards (经理看台)', () => {
  it('a role’s default, a user’s own layout and its reset — desktop', () => journey('desktop'));
  it('the same on a phone: one column of cards', () => journey('phone'));
});
