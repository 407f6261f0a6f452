import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { demoCaller } from '../../platform/demo-callers.ts';
import { CATEGORY_DICTIONARY, createArticle, viewArticle, voteArticle } from './service.ts';

type DemoArticle = { title: string; category: string; content: string; published: boolean };

const articles: DemoArticle[] = [
  {
    title: '设备首次安装调试步骤',
    category: 'installation',
    published: true,
    content:
      '<h2>准备</h2><p>确认电源为 <strong>220V</strong>，并准备好网线与安装支架。</p><h2>步骤</h2><ol><li>固定支架，安装主机。</li><li>接通电源，等待指示灯变绿。</li><li>在管理后台登记设备序列号。</li></ol><p>如指示灯闪红，请参考《常见报警代码》。</p>',
  },
  {
    title: '常见报警代码及处理方法',
    category: 'troubleshooting',
    published: true,
    content:
      '<p>设备报警时屏幕显示代码，按下表处理：</p><table><thead><tr><th>代码</th><th>含义</th><th>处理</th></tr></thead><tbody><tr><td>E01</td><td>电压过低</td><td>检查供电</td></tr><tr><td>E02</td><td>网络断开</td><td>检查网线或无线设置</td></tr><tr><td>E07</td><td>传感器异常</td><td>重启后仍报警请报修</td></tr></tbody></table>',
  },
  {
    title: '如何重置管理员密码',
    category: 'faq',
    published: true,
    content:
      '<p>在登录页点击 <em>忘记密码</em>，按短信验证码重置。若手机号已变更，请联系客服核实身份后由后台重置。</p>',
  },
  {
    title: '保修期与保修范围说明',
    category: 'policy',
    published: true,
    content:
      '<p>产品自<strong>交付之日</strong>起按产品保修月数保修。</p><ul><li>保修范围：正常使用下的硬件故障。</li><li>不在保修范围：人为损坏、私自拆修、不可抗力。</li></ul><p>保修期外维修按价目表收费。</p>',
  },
  {
    title: '日常清洁与保养建议',
    category: 'operation',
    published: false,
    content: '<p>每月用干布清洁外壳一次，避免液体进入接口。（草稿：待补充滤网更换周期）</p>',
  },
];

/** The demo's knowledge base: published articles with views and votes, and a draft (manifest `seedDemo`). */
export async function seedDemoKb(db: Db, demo: DemoTenant) {
  const admin = await demoCaller(db, demo.tenantId, 'admin');
  const writer = (await demoCaller(db, demo.tenantId, 'liangxiao')) ?? admin;
  const readers = (
    await Promise.all(['songqian', 'liangxiao', 'zhaomin'].map((u) => demoCaller(db, demo.tenantId, u)))
  ).filter((c) => c !== null);
  if (!admin || !writer) return;
  const categories = new Map(
    (
      (
        await db.execute(
          sql`SELECT id, code FROM dictionary_items WHERE tenant_id = ${demo.tenantId} AND type = ${CATEGORY_DICTIONARY}`,
        )
      ).rows as { id: string; code: string | null }[]
    ).map((r) => [r.code, r.id]),
  );
  for (const [i, a] of articles.entries()) {
    const article = await createArticle(db, a.published ? admin : writer, {
      title: a.title,
      categoryId: categories.get(a.category) ?? null,
      content: a.content,
      published: a.published,
    });
    if (!a.published) continue;
    for (const [j, reader] of readers.entries()) {
      if (!reader.p.permissions.has('kb:view')) continue;
      await viewArticle(db, reader, article.id);
      // most readers found them helpful; one did not find the password article helpful
      if ((i + j) % 3 !== 2) await voteArticle(db, reader, article.id, !(i === 2 && j === 0));
    }
  }
}
