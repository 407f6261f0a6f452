import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Api, apiAs } from './api.ts';
import { launch, snap, type ViewportName, viewports } from './browser.ts';
import { ensureCustomer, signInAs } from './customer-flows.ts';
import { answer, CJK, expectNoSidewaysScroll, rows, settled, switchLanguage } from './flows.ts';
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

/** Where the emulated phone is (WGS-84): 武汉, away from the demo company's customers. */
const here = { latitude: 30.5928, longitude: 114.3055, accuracy: 12 };
/** The customer's door, about 90 m north-east of the phone. */
const door = { lat: 30.5934, lng: 114.3062 };

/** A context with a fake camera (launch flags), the location emulated and both allowed. */
async function fieldContext(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseURL'),
    viewport: viewports[viewport],
    locale: 'zh-CN',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    geolocation: here,
    permissions: ['geolocation', 'camera'],
  });
  return { context, page: await context.newPage() };
}

/** Waits until the service worker controls the page (the app then opens offline). */
async function serviceWorkerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
  });
}

type CheckInRecord = {
  id: string;
  note: string | null;
  type: string;
  customerName: string | null;
  distanceMeters: number | null;
};

/** The caller's check-ins whose note contains `text` (the list is newest first). */
async function checkInsWithNote(api: Api, text: string): Promise<CheckInRecord[]> {
  const list = await api.get(`/check-ins?userId=${api.me.user.id}&pageSize=100`);
  return (list.data as CheckInRecord[]).filter((c) => c.note?.includes(text));
}

/**
 * A check-in sent from the page as the app sends it (multipart with a JPEG drawn on a canvas,
 * `Idempotency-Key`), for setting up data and for replaying a request.
 */
async function postCheckIn(
  page: Page,
  fields: Record<string, string>,
  key: string,
  photoBytes?: number[],
): Promise<{ status: number; body: { id: string } }> {
  return page.evaluate(
    async ({ fields, key, photoBytes }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const g = canvas.getContext('2d')!;
      g.fillStyle = `hsl(${Math.floor(Math.random() * 360)} 70% 50%)`;
      g.fillRect(0, 0, 64, 48);
      g.fillText(key.slice(0, 8), 4, 24);
      const photo = photoBytes
        ? new Blob([new Uint8Array(photoBytes)], { type: 'image/jpeg' })
        : await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg'));
      const me = await (await fetch('/api/v1/auth/me')).json();
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      form.set('photo', photo, 'photo.jpg');
      const response = await fetch('/api/v1/check-ins', {
        method: 'POST',
        body: form,
        headers: { 'Idempotency-Key': key, 'X-CSRF-Token': me.csrfToken },
      });
      return { status: response.status, body: await response.json() };
    },
    { fields, key, photoBytes },
  );
}

/** On /field: 活动签到 (or the button named) → photo → note → 提交签到. */
async function checkIn(page: Page, action: string, note: string, customer?: string) {
  await page.getByRole('button', { name: action }).click();
  if (customer) {
    const picker = page.getByRole('dialog', { name: `${action}：选择客户` });
    await picker.getByRole('button', { name: customer }).click();
  }
  const sheet = page.getByRole('dialog', { name: customer ? `${action} · ${customer}` : action });
  await sheet.getByText(/已定位 · 精度 ±12 米/).waitFor();
  const shutter = sheet.getByRole('button', { name: '拍照' });
  await expect.poll(() => shutter.isEnabled()).toBe(true);
  await shutter.click();
  await sheet.getByRole('img', { name: '拍摄的照片' }).waitFor();
  await sheet.getByLabel('备注').fill(note);
  return sheet;
}

describe('field check-in (外勤签到)', () => {
  it('checks in at a nearby customer with the live camera and a location; offline check-ins wait, open offline and arrive once each (phone)', async () => {
    const { context, page } = await fieldContext('phone');
    await signInAs(page, 'liuyang');
    const api = await apiAs(page);
    const customer = await ensureCustomer(api, `外勤测试客户${stamp}`, {
      ...door,
      address: '武汉市江汉区解放大道',
    });

    await page.goto('/field');
    await page.getByRole('heading', { name: '外勤' }).waitFor();
    await serviceWorkerInControl(page);
    await expectNoSidewaysScroll(page);
    await snap(page, 'field-home-phone');

    // 拜访签到 at the customer: nearest first, then camera, shutter, note, submit
    const sheet = await checkIn(page, '拜访签到', `拜访${stamp}`, customer.name);
    await snap(page, 'field-camera-phone');
    const created = answer(page, 'POST', '/check-ins');
    await sheet.getByRole('button', { name: '提交签到' }).click();
    expect((await created).status()).toBe(201);
    const result = page.locator('.ant-card', { hasText: '签到结果' });
    await result.getByText('拜访签到').first().waitFor();
    const fact = (label: string) => result.locator('tr', { hasText: label }).locator('td');
    await fact('距客户')
      .getByText(/^\d+ 米$/)
      .waitFor(); // about 90 m
    await fact('地区')
      .getByText(/湖北省/)
      .waitFor(); // resolved offline by the server
    const photo = result.getByRole('img', { name: '签到照片（带水印）' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await snap(page, 'field-result-phone');
    const [visit] = await checkInsWithNote(api, `拜访${stamp}`);
    expect(visit).toMatchObject({ type: 'visit-in', customerName: customer.name });
    expect(visit!.distanceMeters).toBeGreaterThan(50);
    expect(visit!.distanceMeters).toBeLessThan(150);

    // no network: a check-in waits on the phone
    await context.setOffline(true);
    const first = await checkIn(page, '活动签到', `离线一${stamp}`);
    await first.getByRole('button', { name: '提交签到' }).click();
    await page.getByText('当前没有网络：签到已保存在本机，联网后自动上传').waitFor();
    const queue = page.locator('.ant-card', { hasText: '待上传' });
    await queue.getByText(`离线一${stamp}`, { exact: false }).waitFor();

    // the installed app opens with no network and shows the queue
    await page.reload();
    await page.getByRole('heading', { name: '外勤' }).waitFor();
    await queue.getByText(`离线一${stamp}`, { exact: false }).waitFor();
    expect(await page.getByText('离线', { exact: true }).isVisible()).toBe(true);
    await snap(page, 'field-offline-reload-phone');

    // a visit with no network: the customers nearby are the last ones the phone was shown
    const second = await checkIn(page, '拜访签到', `离线二${stamp}`, customer.name);
    await second.getByRole('button', { name: '提交签到' }).click();
    await page.getByText('当前没有网络：签到已保存在本机，联网后自动上传').waitFor();
    await queue.getByText(`离线二${stamp}`, { exact: false }).waitFor();
    await expect.poll(() => queue.locator('.ant-badge').first().textContent()).toBe('2');
    await expect.poll(() => queue.getByText('待上传', { exact: true }).count()).toBe(3); // title + 2 tags
    await snap(page, 'field-queue-phone');

    // what the phone keeps, to send the very same request again at the end
    const kept = await page.evaluate(
      () =>
        new Promise<{ key: string; fields: Record<string, string>; photo: number[] }[]>((resolve, reject) => {
          const open = indexedDB.open('guanxi-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('checkIns').objectStore('checkIns').getAll();
            all.onsuccess = async () => {
              const items = all.result as Record<string, unknown>[];
              resolve(
                await Promise.all(
                  items.map(async ({ key, photo, userId: _u, status: _s, customerName: _c, ...rest }) => ({
                    key: key as string,
                    fields: Object.fromEntries(
                      Object.entries(rest)
                        .filter(([, v]) => v !== undefined)
                        .map(([k, v]) => [k, String(v)]),
                    ),
                    photo: [...new Uint8Array(await (photo as Blob).arrayBuffer())],
                  })),
                ),
              );
            };
          };
        }),
    );
    expect(kept).toHaveLength(2);

    // the network returns, but the first answer is lost on the way back: sent again with its key
    let taken = false;
    let lost = false;
    await context.route('**/api/v1/check-ins', async (route) => {
      if (taken || route.request().method() !== 'POST') return route.continue();
      taken = true;
      await route.fetch(); // the server stores it…
      await route.abort('connectionreset'); // …and the phone never hears so
      lost = true;
    });
    await context.setOffline(false);
    await expect.poll(() => lost).toBe(true);
    await context.unroute('**/api/v1/check-ins');
    // the phone heard nothing: both still wait (the first one is on the server already)
    expect(await queue.locator('.ant-badge').first().textContent()).toBe('2');
    // 立即上传 (the first run stopped at the lost answer; it is pressed until the queue is empty)
    const sendNow = queue.getByRole('button', { name: '立即上传' });
    await expect
      .poll(async () => {
        if (await sendNow.isVisible()) await sendNow.click().catch(() => {});
        return queue.count();
      })
      .toBe(0);

    // exactly once each, also when the same request is sent again with its key
    const arrived = await checkInsWithNote(api, `离线`);
    const mine = arrived.filter((c) => c.note?.endsWith(stamp));
    expect(mine.map((c) => c.note).sort()).toEqual([`离线一${stamp}`, `离线二${stamp}`].sort());
    const replay = await postCheckIn(page, kept[0]!.fields, kept[0]!.key, kept[0]!.photo);
    expect([200, 201]).toContain(replay.status);
    expect(mine.map((c) => c.id)).toContain(replay.body.id);
    expect((await checkInsWithNote(api, '离线')).filter((c) => c.note?.endsWith(stamp))).toHaveLength(2);
    await context.close();
  }, 120_000); // the longest journey: a service worker to install, two check-ins offline, a reload

  it('上班签到 puts the phone on duty and sends where it is; 下班签退 ends it (phone)', async () => {
    const { context, page } = await fieldContext('phone');
    await signInAs(page, 'liuyang');
    await page.goto('/field');
    await page.getByText('未上班', { exact: true }).waitFor();
    const sheet = await checkIn(page, '上班签到', `上班${stamp}`);
    // the first point is taken at once, then every trackIntervalSeconds
    const track = answer(page, 'POST', '/tracks');
    await sheet.getByRole('button', { name: '提交签到' }).click();
    await page.getByText('在岗', { exact: true }).waitFor();
    const sent = await track;
    expect(sent.status()).toBe(200);
    const [point] = (sent.request().postDataJSON() as { points: { lat: number; lng: number }[] }).points;
    expect(point).toMatchObject({ lat: here.latitude, lng: here.longitude, accuracy: here.accuracy });
    expect(await page.getByRole('button', { name: '上班签到' }).count()).toBe(0);

    // a visit, and its 签退 offered at the same customer
    const customer = await ensureCustomer(await apiAs(page), `签退测试客户${stamp}`, { ...door });
    const visit = await checkIn(page, '拜访签到', `到访${stamp}`, customer.name);
    await visit.getByRole('button', { name: '提交签到' }).click();
    await page.locator('.ant-card', { hasText: '签到结果' }).getByText(customer.name).waitFor();
    await page.getByRole('button', { name: '拜访签退' }).click();
    const picker = page.getByRole('dialog', { name: '拜访签退：选择客户' });
    await picker.getByRole('button', { name: `签退：${customer.name}（上次拜访）` }).click();
    const leave = page.getByRole('dialog', { name: `拜访签退 · ${customer.name}` });
    await leave.getByRole('button', { name: '拍照' }).click();
    await leave.getByRole('img', { name: '拍摄的照片' }).waitFor();
    const left = answer(page, 'POST', '/check-ins');
    await leave.getByRole('button', { name: '提交签到' }).click();
    expect(await (await left).json()).toMatchObject({ type: 'visit-out' });

    const out = await checkIn(page, '下班签退', `下班${stamp}`);
    await out.getByRole('button', { name: '提交签到' }).click();
    await page.getByText('未上班', { exact: true }).waitFor();
    await page.getByRole('button', { name: '上班签到' }).waitFor();

    // the same page in English (its texts come with its code in Chinese, from the English chunk here)
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'Field' }).waitFor();
    const actions = page.getByRole('region', { name: 'Check-in actions' });
    expect(await actions.innerText()).not.toMatch(CJK);
    await page.getByText('Off duty', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Activity check-in' }).click();
    const en = page.getByRole('dialog', { name: 'Activity check-in' });
    await en.getByText(/Located · accuracy ±12 m/).waitFor();
    expect(await en.innerText()).not.toMatch(CJK);
    await settled(page);
    await snap(page, 'field-camera-en-phone');
    await context.close();
  });

  it('a queued check-in the server refuses is kept as 上传失败 with the reason, and can be deleted (phone)', async () => {
    const { context, page } = await fieldContext('phone');
    await signInAs(page, 'liuyang');
    const customer = await ensureCustomer(await apiAs(page), `失败测试客户${stamp}`, { ...door });
    await page.goto('/field');
    // the picker is opened once online (the phone keeps the customers it was shown)
    await page.getByRole('button', { name: '拜访签到' }).click();
    await page
      .getByRole('dialog', { name: '拜访签到：选择客户' })
      .getByRole('button', { name: customer.name })
      .waitFor();
    await page.keyboard.press('Escape');
    await settled(page);

    await context.setOffline(true);
    const sheet = await checkIn(page, '拜访签到', `失败${stamp}`, customer.name);
    await sheet.getByRole('button', { name: '提交签到' }).click();
    await page.getByText('当前没有网络：签到已保存在本机，联网后自动上传').waitFor();

    // meanwhile the customer is deleted (by the admin): sending it now is refused for good
    const admin = await browser.newContext({ baseURL: inject('baseURL') });
    const adminPage = await admin.newPage();
    await signInAs(adminPage, 'admin');
    const adminApi = await apiAs(adminPage);
    const { version } = await adminApi.get(`/customers/${customer.id}`);
    const removed = await adminPage.request.delete(`/api/v1/customers/${customer.id}?version=${version}`, {
      headers: { 'X-CSRF-Token': adminApi.me.csrfToken },
    });
    expect(removed.ok()).toBe(true);
    await admin.close();

    const refused = answer(page, 'POST', '/check-ins');
    await context.setOffline(false);
    expect((await refused).status()).toBeGreaterThanOrEqual(400);
    const queue = page.locator('.ant-card', { hasText: '待上传' });
    await queue.getByText('上传失败', { exact: true }).waitFor();
    await snap(page, 'field-queue-failed-phone');
    await queue.getByRole('button', { name: '删除' }).click();
    await expect.poll(() => queue.count()).toBe(0);
    await context.close();
  });

  it('refuses a blocked camera and location with a clear message (phone)', async () => {
    const context = await browser.newContext({
      baseURL: inject('baseURL'),
      viewport: viewports.phone,
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signInAs(page, 'liuyang');
    await page.goto('/field');
    // the fake-UI flag allows the camera: block it and the location in the page itself
    await page.evaluate(() => {
      const denied = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: denied });
    });
    await page.getByRole('button', { name: '上班签到' }).click();
    const sheet = page.getByRole('dialog', { name: '上班签到' });
    await sheet.getByText(/无法使用相机：请在浏览器或系统设置中允许本网站使用相机/).waitFor();
    await sheet.getByText(/无法获取位置：请在浏览器或系统设置中允许本网站定位/).waitFor();
    expect(await sheet.getByRole('button', { name: '拍照' }).isDisabled()).toBe(true);
    expect(await sheet.locator('input[type=file]').count()).toBe(0);
    await settled(page);
    await snap(page, 'field-denied-phone');
    await context.close();
  });
});

describe('check-in records (签到记录)', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`lists a check-in with its photo and flags, opens it with a map and sets the customer's location from it (${viewport})`, async () => {
      const { context, page } = await fieldContext(viewport);
      await signInAs(page, 'liuyang');
      const api = await apiAs(page);
      // a customer without a location yet, visited here
      const customer = await ensureCustomer(api, `签到列表客户${viewport}${stamp}`);
      const sent = await postCheckIn(
        page,
        {
          type: 'visit-in',
          customerId: customer.id,
          lat: String(here.latitude),
          lng: String(here.longitude),
          accuracy: '12',
          capturedAt: new Date().toISOString(),
          note: `列表${viewport}${stamp}`,
        },
        crypto.randomUUID(),
      );
      expect(sent.status).toBe(201);

      await page.goto('/check-ins');
      await page.getByRole('heading', { name: '签到记录' }).waitFor();
      const row = rows(page).filter({ hasText: customer.name });
      await row.getByText('拜访签到').waitFor();
      await expect
        .poll(() =>
          row
            .getByRole('img', { name: '签到照片（带水印）' })
            .evaluate((i: HTMLImageElement) => i.naturalWidth),
        )
        .toBeGreaterThan(0);
      if (viewport === 'phone') await expectNoSidewaysScroll(page);
      await snap(page, `check-ins-list-${viewport}`);

      await row.getByRole('button', { name: /^\d{4}-\d{2}-\d{2} / }).click();
      const drawer = page.getByRole('dialog', { name: '签到详情' });
      await drawer.getByText(customer.name).waitFor();
      const map = drawer.getByRole('region', { name: '签到位置地图' });
      await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBe(1);
      const photo = drawer.getByRole('img', { name: '签到照片（带水印）' });
      await expect.poll(() => photo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
      await settled(page);
      await snap(page, `check-in-detail-${viewport}`);
      await drawer.getByRole('button', { name: '设为客户位置' }).click();
      const moved = answer(page, 'POST', /\/set-customer-location$/);
      await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
      expect((await moved).status()).toBe(200);
      await page.getByText('已更新客户位置').waitFor();
      const after = await api.get(`/customers/${customer.id}`);
      expect([after.lat, after.lng]).toEqual([here.latitude, here.longitude]);
      await context.close();
    });
  }
});

describe('monitoring (后台监控)', () => {
  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`shows a supervisor the day's check-ins on the list and map, and a person's route with its mileage (${viewport})`, async () => {
      // 刘洋 checks in at a customer and his phone sends a route (through the API)
      const { context: phone, page: phonePage } = await fieldContext('phone');
      await signInAs(phonePage, 'liuyang');
      const liuyang = await apiAs(phonePage);
      const customer = await ensureCustomer(liuyang, `监控测试客户${viewport}${stamp}`, { ...door });
      const sent = await postCheckIn(
        phonePage,
        {
          type: 'visit-in',
          customerId: customer.id,
          lat: String(here.latitude),
          lng: String(here.longitude),
          accuracy: '12',
          capturedAt: new Date().toISOString(),
          note: `监控${viewport}${stamp}`,
        },
        crypto.randomUUID(),
      );
      expect(sent.status).toBe(201);
      // ten points 100 m apart going north, a minute apart, ending now: about 900 m
      const now = Date.now();
      const points = Array.from({ length: 10 }, (_, i) => ({
        lat: here.latitude + (i * 100) / 111_320,
        lng: here.longitude,
        accuracy: 10,
        at: new Date(now - (9 - i) * 60_000).toISOString(),
      }));
      await liuyang.post('/tracks', { points });
      await phone.close();

      const context = await browser.newContext({
        baseURL: inject('baseURL'),
        viewport: viewports[viewport],
        locale: 'zh-CN',
        isMobile: viewport === 'phone',
        hasTouch: viewport === 'phone',
      });
      const page = await context.newPage();
      await signInAs(page, 'zhaomin');
      await page.goto('/monitoring');
      await page.getByRole('heading', { name: '后台监控' }).waitFor();
      await page.getByText(`${customer.name} · `, { exact: false }).waitFor(); // in the list, with its distance
      // the markers are drawn with no tiles (the test has no internet)
      const map = page.getByRole('region', { name: '签到地图' });
      await expect.poll(() => map.locator('path.leaflet-interactive').count()).toBeGreaterThan(0);
      if (viewport === 'phone') await expectNoSidewaysScroll(page);
      await snap(page, `monitoring-${viewport}`);

      await page.getByRole('tab', { name: /轨迹人员/ }).click();
      await page.getByRole('button', { name: '刘洋', exact: true }).click();
      await page.getByText('刘洋 的轨迹').waitFor();
      const mileage = page.locator('.ant-statistic', { hasText: '里程' });
      await expect.poll(async () => (await mileage.textContent()) ?? '').toMatch(/\d+(\.\d+)? (米|公里)/);
      const routeMap = page.getByRole('region', { name: '轨迹地图' });
      await expect.poll(() => routeMap.locator('path.leaflet-interactive[stroke="#1668dc"]').count()).toBe(1);
      await settled(page);
      await snap(page, `monitoring-route-${viewport}`);

      // the attendance table answers for the day
      await page.getByText('考勤', { exact: true }).waitFor();
      await context.close();
    });
  }
});
