import type { Db } from '../../db/client.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { can } from '../../platform/auth/principal.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { notify } from '../notifications/service.ts';
import { userIdsHolding } from '../organization/permission-holders-service.ts';
import * as repo from './repository.ts';

const link = (id: string) => `/quotes?id=${id}`;
const outcomeText: Record<string, string> = {
  approved: '通过',
  rejected: '驳回',
  returned: '退回',
  withdrawn: '撤回',
};

/**
 * A quote in approval that no flow of the engine took: the holders of quotes:approve whose quotes
 * scope holds it (not its owner or author) hear that it waits for them.
 */
export async function notifyApprovers(tx: Db, quote: repo.QuoteRow) {
  for (const userId of await userIdsHolding(tx, quote.tenantId, 'quotes:approve')) {
    if (userId === quote.ownerId || userId === quote.createdBy) continue;
    const row = await findUserPrincipal(tx, quote.tenantId, userId);
    const p = row ? toPrincipal(row, 'job') : null;
    if (!p || !can(p, 'quotes:view') || !(await repo.findVisible(tx, p, quote.id))) continue;
    await notify(tx, {
      tenantId: quote.tenantId,
      userId,
      kind: 'quote.approval',
      entity: 'quotes',
      entityId: quote.id,
      link: link(quote.id),
      data: { quoteId: quote.id, number: quote.number, discount: String(quote.maxDiscount) },
      title: `待审批报价单：${quote.number}（折扣 ${quote.maxDiscount}%）`,
    });
  }
}

/** The quote's approval was settled by someone else: its owner hears the outcome. */
export async function notifyOwner(
  tx: Db,
  quote: repo.QuoteRow,
  outcome: string,
  by: { userId: string | null; name: string | null },
) {
  if (!by.userId || by.userId === quote.ownerId) return;
  await notify(tx, {
    tenantId: quote.tenantId,
    userId: quote.ownerId,
    kind: 'quote.decided',
    entity: 'quotes',
    entityId: quote.id,
    link: link(quote.id),
    data: { quoteId: quote.id, number: quote.number, outcome, by: by.name ?? '' },
    title: `报价单 ${quote.number} 审批结果：${outcomeText[outcome] ?? outcome}`,
  });
}
