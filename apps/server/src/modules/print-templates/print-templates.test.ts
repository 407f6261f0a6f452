import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { describeAuthz } from '../../test/authz-matrix.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { authz } from './authz.ts';
import { defaultTemplates, sampleData } from './defaults.ts';
import { renderPrint } from './published.ts';
import { groupThousands, renderTemplate, safeStyle } from './render.ts';

let t: TestContext;
let admin: Agent;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

/** Nothing in the HTML can run or load: the rules a printed document must hold (escaped text may say anything). */
function expectHarmless(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|svg|link|meta|base|form|a)\b/i);
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/javascript:|url\s*\(|\\/i);
    expect(tag).not.toMatch(/\b(src|href)\s*=\s*(?!["']?data:image\/)/i);
  }
  // our stylesheet is the only CSS, and it loads nothing
  expect(html).not.toMatch(/url\s*\(|@import/i);
}

const hostile = `<div class="doc">
<script>alert(1)</script>
<img src="x" onload="alert(2)" />
<body onload="alert(3)"><p onclick="alert(4)" style="color: red; background: url(https://evil.example/x.png)">{{customerName}}</p></body>
<a href="javascript:alert(5)">click</a>
<img src="https://evil.example/track.gif" />
<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo" />
<svg onload="alert(6)"><script>alert(7)</script></svg>
<iframe src="https://evil.example"></iframe>
<link rel="stylesheet" href="https://evil.example/x.css" />
<style>@import url(https://evil.example/x.css); body { background: url(//evil.example/y) }</style>
<p style="width: 10mm; behavior: url(x.htc); background-image: u\\72l(https://evil.example)">{{notes}}</p>
</div>`;

describe('rendering (escape, refuse, sanitise)', () => {
  it('escapes every value: a value holding <img onerror> prints as text', () => {
    const html = renderTemplate('<p>{{customerName}}</p>', {
      customerName: '<img src=x onerror="alert(1)">客户',
    });
    expectHarmless(html);
    expect(html).toContain('&lt;img');
    expect(html).toContain('客户');
  });

  it('a template with <script>, onload=, javascript:, external images, CSS loads comes out harmless', () => {
    const html = renderTemplate(hostile, { customerName: '甲公司', notes: '<script>x</script>' });
    expectHarmless(html);
    expect(html).toContain('甲公司');
    expect(html).toContain('style="color:red"');
    expect(html).toContain('style="width:10mm"');
    expect(html).not.toContain('<img src="x"');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });

  it('refuses {{{x}}}, {{& x}} and partials, also behind changed delimiters', () => {
    for (const template of [
      '<p>{{{x}}}</p>',
      '<p>{{& x}}</p>',
      '{{=<% %>=}}<%{x}%>',
      '{{> other}}',
      '{{#l}}{{{x}}}{{/l}}',
    ]) {
      expect(() => renderTemplate(template, { x: '<script>alert(1)</script>' }), template).toThrow(
        expect.objectContaining({ code: 'PRINT_TEMPLATE_UNSAFE' }),
      );
    }
  });

  it('groups money with {{#money}}, escaped first, anything but a decimal left as it is', () => {
    expect(groupThousands('1234567.5')).toBe('1,234,567.5');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999.99')).toBe('999.99');
    expect(groupThousands('12a34')).toBe('12a34');
    const html = renderTemplate('<p>{{#money}}{{total}}{{/money}}|{{#money}}{{name}}{{/money}}</p>', {
      total: '1234567.89',
      name: '<b>10000</b>',
    });
    expect(html).toContain('<p>1,234,567.89|&lt;b&gt;10000&lt;/b&gt;</p>');
  });

  it('keeps plain CSS and drops declarations that load', () => {
    expect(safeStyle('color: red; background:url(http://x); font-size: 12px')).toBe(
      'color: red; font-size: 12px',
    );
    expect(safeStyle('background: \\75 rl(http://x)')).toBe('');
  });

  it('the default templates render a whole Chinese business document from the sample data', () => {
    for (const type of ['quote', 'order', 'contract'] as const) {
      const html = renderTemplate(defaultTemplates[type], {
        ...sampleData[type],
        tenant: { name: '冠希科技有限公司' },
        printedAt: '2026-12-06 10:00',
      });
      expectHarmless(html);
      expect(html).toContain('冠希科技有限公司');
      expect(html).toContain('上海示例贸易有限公司');
      expect(html).toContain('壹仟伍佰叁拾叁元柒角伍分');
      expect(html).toContain('签字（盖章）');
    }
    const quote = renderTemplate(defaultTemplates.quote, { ...sampleData.quote, tenant: { name: 'x' } });
    expect(quote).toContain('BJ20261206-0001');
    expect(quote).toContain('报价日期：2026-12-06');
    expect(quote).toMatch(/<td class="center">3<\/td>/); // lines are numbered
    expect(quote).toContain('122.44');
    expect(quote).toContain('<td class="num">1,533.75</td>');
    expect(quote).toContain('<td class="num">1,234.56</td>');
  });
});

describe('GET/PUT/DELETE /print-templates/:type', () => {
  it('answers the default with its variables until one is saved', async () => {
    const res = await admin.get('/api/v1/print-templates/order');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ type: 'order', isDefault: true, version: 0, updatedAt: null });
    expect(res.json().template).toBe(res.json().defaultTemplate);
    expect(res.json().variables.map((v: { name: string }) => v.name)).toContain('lines');
  });

  it('saves a template (version 0 first), 409 on a stale version, audited; renderPrint uses it', async () => {
    const first = await admin.put('/api/v1/print-templates/quote', {
      template: '<h1>{{number}}</h1>',
      version: 0,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ isDefault: false, version: 1, template: '<h1>{{number}}</h1>' });
    const stale = await admin.put('/api/v1/print-templates/quote', { template: '<h2>x</h2>', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT');
    const html = await renderPrint(t.database.db, t.tenant.id, 'quote', { number: 'BJ-<b>1</b>' });
    expect(html).toContain('<h1>BJ-&lt;b&gt;1&lt;/b&gt;</h1>');
    const audit = await admin.get('/api/v1/audit-logs?entity=print-templates');
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().data[0]).toMatchObject({ action: 'update', summary: 'quote' });
  });

  it('refuses unsafe and unparsable templates with their codes, saving nothing', async () => {
    const unsafe = await admin.put('/api/v1/print-templates/contract', {
      template: '<p>{{{terms}}}</p>',
      version: 0,
    });
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json()).toMatchObject({ code: 'PRINT_TEMPLATE_UNSAFE' });
    expect(unsafe.json().details[0].message).toContain('{{{terms}}}');
    const broken = await admin.put('/api/v1/print-templates/contract', {
      template: '{{#lines}}<p>',
      version: 0,
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('PRINT_TEMPLATE_INVALID');
    const empty = await admin.put('/api/v1/print-templates/contract', { template: '', version: 0 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION_FAILED');
    const bad = await admin.put('/api/v1/print-templates/invoice', { template: 'x', version: 0 });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get('/api/v1/print-templates/contract')).json().isDefault).toBe(true);
  });

  it('restores the default (恢复默认) with the version, and saving again goes on from it', async () => {
    const saved = await admin.put('/api/v1/print-templates/order', {
      template: '<p>{{number}}</p>',
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await admin.delete('/api/v1/print-templates/order?version=0')).statusCode).toBe(409);
    const restored = await admin.delete(`/api/v1/print-templates/order?version=${saved.json().version}`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ isDefault: true, version: 2 });
    expect(
      await renderPrint(t.database.db, t.tenant.id, 'order', { number: 'DD1', tenant: { name: 'T' } }),
    ).toContain('销 售 订 单');
    const again = await admin.put('/api/v1/print-templates/order', { template: '<p>x</p>', version: 2 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ isDefault: false, version: 3 });
  });

  it('previews an unsaved template with sample data, sanitised', async () => {
    const res = await admin.post('/api/v1/print-templates/contract/preview', { template: hostile });
    expect(res.statusCode, res.body).toBe(200);
    expectHarmless(res.json().html);
    expect(res.json().html).toContain('上海示例贸易有限公司');
    const unsafe = await admin.post('/api/v1/print-templates/contract/preview', { template: '{{&terms}}' });
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json().code).toBe('PRINT_TEMPLATE_UNSAFE');
  });

  it('keeps tenants apart', async () => {
    const other = await t.login('admin', undefined, t.other.code);
    expect((await other.get('/api/v1/print-templates/quote')).json().isDefault).toBe(true);
  });
});

describeAuthz(authz);
