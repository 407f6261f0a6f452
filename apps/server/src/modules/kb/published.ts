import type { Db } from '../../db/client.ts';
import { type Actor, writeAudits } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { insertSolutions, publishedAmong, solutionsOf } from './repository.ts';

/**
 * What tickets build on ("solved with"). Stands alone (imports no module): the knowledge base's own
 * tables.
 */

/**
 * Links published articles to a ticket as "solved with", in the caller's transaction
 * (idempotent: a link already there stays as it is). Unknown, deleted or unpublished ids →
 * AppError VALIDATION_FAILED on path `articleIds`, nothing linked. Each new link is audited on
 * its article.
 */
export async function linkTicketSolutions(
  tx: Db,
  actor: Actor,
  ticketId: string,
  articleIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(articleIds)];
  if (ids.length === 0) return;
  const found = await publishedAmong(tx, actor.tenantId, ids);
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', [
      { path: 'articleIds', message: `not published: ${missing.join(', ')}` },
    ]);
  const linked = await insertSolutions(tx, actor.tenantId, ticketId, ids, actor.userId);
  await writeAudits(
    tx,
    actor,
    linked.map((articleId) => ({
      action: 'solve-ticket',
      entity: 'kb-articles',
      entityId: articleId,
      summary: found.find((f) => f.id === articleId)?.title ?? null,
      changes: { ticketId: [null, ticketId] },
    })),
  );
}

/** The articles a ticket was solved with (deleted ones left out), by title. */
export function ticketSolutions(
  db: Db,
  tenantId: string,
  ticketId: string,
): Promise<{ id: string; title: string }[]> {
  return solutionsOf(db, tenantId, ticketId);
}
