import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { uuidv7 } from '../../platform/ids.ts';
import * as repo from './repository.ts';

const HOUR = 3_600_000;

const people = [
  ['王建国', 'wang.jianguo'],
  ['李秀英', 'li.xiuying'],
  ['张伟', 'zhang.wei'],
  ['刘芳', 'liu.fang'],
  ['陈静', 'chen.jing'],
  ['杨磊', 'yang.lei'],
  ['赵丽', 'zhao.li'],
  ['黄强', 'huang.qiang'],
] as const;

/**
 * 群发 of the demo: 高燕 (市场专员)'s finished e-mail with one bounce and one unsubscribe, and an
 * SMS draft — to example addresses, since the demo has no mail server (manifest `seedDemo`).
 */
export async function seedDemoMailings(db: Db, demo: DemoTenant) {
  const [owner] = (
    await db.execute(
      sql`SELECT id, department_id FROM users WHERE tenant_id = ${demo.tenantId} AND username = 'gaoyan' AND deleted_at IS NULL`,
    )
  ).rows as { id: string; department_id: string }[];
  if (!owner) return;
  const base = {
    tenantId: demo.tenantId,
    createdBy: owner.id,
    ownerId: owner.id,
    departmentId: owner.department_id,
  };
  const sentAt = new Date(Date.now() - 26 * HOUR);
  const merge = (name: string, address: string, email: boolean) => ({
    name,
    contactName: name,
    customerName: '',
    email: email ? address : '',
    mobile: email ? '' : address,
  });
  await db.transaction(async (tx) => {
    const mailId = uuidv7();
    await repo.insertMailing(tx, {
      ...base,
      id: mailId,
      name: '春季新品上市通知',
      channel: 'email',
      subject: '{{name}}，春季新品已到店',
      body: '{{name}}您好：\n\n春季新品已陆续到店，本周末到店可享会员九折。\n\n关系演示有限公司',
      status: 'sent',
      startedAt: sentAt,
      finishedAt: new Date(sentAt.getTime() + 5 * 60_000),
      linkBase: 'http://localhost:3000',
    });
    const ids = people.map(() => uuidv7()).sort();
    await repo.insertRecipients(
      tx,
      people.map(([name, user], i) => {
        const address = `${user}@example.com`;
        const status = i === 3 ? 'bounced' : i === 6 ? 'suppressed' : 'sent';
        return {
          id: ids[i],
          tenantId: demo.tenantId,
          mailingId: mailId,
          address,
          merge: merge(name, address, true),
          status,
          error: status === 'bounced' ? '550 5.1.1 Mailbox does not exist' : null,
          claimedAt: status === 'suppressed' ? null : sentAt,
          sentAt: status === 'sent' ? sentAt : null,
        };
      }),
    );
    await repo.suppress(tx, {
      id: uuidv7(),
      tenantId: demo.tenantId,
      channel: 'email',
      address: `${people[6][1]}@example.com`,
      mailingId: mailId,
    });
    const smsId = uuidv7();
    await repo.insertMailing(tx, {
      ...base,
      id: smsId,
      name: '门店周年庆短信',
      channel: 'sms',
      body: '{{name}}您好，门店周年庆本周六开始，全场满300减50。',
    });
    const smsIds = people
      .slice(0, 5)
      .map(() => uuidv7())
      .sort();
    await repo.insertRecipients(
      tx,
      people.slice(0, 5).map(([name], i) => {
        const address = `1380013800${i}`;
        return {
          id: smsIds[i],
          tenantId: demo.tenantId,
          mailingId: smsId,
          address,
          merge: merge(name, address, false),
        };
      }),
    );
  });
}
