import type { TicketListItem, TicketStatus, TicketSubmitter } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import type * as repo from './repository.ts';

// A ticket as the list and the detail answer it: its row from the list query, its SLA clock, the
// names it refers to.

export const iso = (d: Date | null) => d?.toISOString() ?? null;

function slaOf(r: repo.TicketRow) {
  const met = (doneAt: Date | null, due: Date, breached: boolean) =>
    doneAt ? !breached && doneAt.getTime() <= due.getTime() : breached ? false : null;
  return {
    responseDueAt: r.responseDueAt.toISOString(),
    resolutionDueAt: r.resolutionDueAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    resolvedAt: iso(r.resolvedAt),
    pausedAt: iso(r.pausedAt),
    pausedMinutes: r.pausedMinutes,
    responseBreached: r.responseBreached,
    resolutionBreached: r.resolutionBreached,
    responseMet: met(r.respondedAt, r.responseDueAt, r.responseBreached),
    resolutionMet: met(r.resolvedAt, r.resolutionDueAt, r.resolutionBreached),
  };
}

/** A raw row (snake_case, from the decorated SQL) as the table's row type. */
function fromRaw(r: Record<string, unknown>): repo.TicketRow & { names: Record<string, string | null> } {
  const d = (k: string) => (r[k] == null ? null : new Date(r[k] as string));
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    createdAt: d('created_at')!,
    updatedAt: d('updated_at')!,
    createdBy: (r.created_by as string | null) ?? null,
    version: Number(r.version),
    number: r.number as string,
    typeId: r.type_id as string,
    title: r.title as string,
    customerId: (r.customer_id as string | null) ?? null,
    submitter: (r.submitter as TicketSubmitter | null) ?? null,
    contactId: (r.contact_id as string | null) ?? null,
    request: r.request as string,
    priority: r.priority as repo.TicketRow['priority'],
    channel: (r.channel as repo.TicketRow['channel']) ?? null,
    orderId: (r.order_id as string | null) ?? null,
    contractId: (r.contract_id as string | null) ?? null,
    productId: (r.product_id as string | null) ?? null,
    status: r.status as TicketStatus,
    handlerId: (r.handler_id as string | null) ?? null,
    departmentId: (r.department_id as string | null) ?? null,
    assignedAt: d('assigned_at'),
    withinWarranty: (r.within_warranty as boolean | null) ?? null,
    withinContract: (r.within_contract as boolean | null) ?? null,
    responseDueAt: d('response_due_at')!,
    resolutionDueAt: d('resolution_due_at')!,
    respondedAt: d('responded_at'),
    resolvedAt: d('resolved_at'),
    resolution: (r.resolution as string | null) ?? null,
    pausedAt: d('paused_at'),
    pausedMinutes: Number(r.paused_minutes),
    responseWarnedAt: d('response_warned_at'),
    resolutionWarnedAt: d('resolution_warned_at'),
    responseBreached: Boolean(r.response_breached),
    resolutionBreached: Boolean(r.resolution_breached),
    satisfaction: r.satisfaction == null ? null : Number(r.satisfaction),
    feedbackComment: (r.feedback_comment as string | null) ?? null,
    feedbackAt: d('feedback_at'),
    feedbackBy: (r.feedback_by as repo.TicketRow['feedbackBy']) ?? null,
    archivedAt: d('archived_at'),
    reopenedCount: Number(r.reopened_count),
    mergedIntoId: (r.merged_into_id as string | null) ?? null,
    deletedAt: d('deleted_at'),
    names: {
      handler: (r.handler_name as string | null) ?? null,
      department: (r.department_name as string | null) ?? null,
      type: (r.type_name as string | null) ?? null,
    },
  };
}

/** Rows of the list query as list items, with the customers' and contacts' names. */
export async function toListItems(
  db: Db,
  tenantId: string,
  raws: Record<string, unknown>[],
): Promise<TicketListItem[]> {
  const rows = raws.map(fromRaw);
  const names = await customerAndContactNames(
    db,
    tenantId,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
    rows.flatMap((r) => (r.contactId ? [r.contactId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    number: r.number,
    typeId: r.typeId,
    typeName: r.names.type,
    title: r.title,
    customerId: r.customerId,
    customerName: r.customerId ? (names.customers.get(r.customerId) ?? null) : null,
    submitter: r.submitter,
    contactId: r.contactId,
    contactName: r.contactId ? (names.contacts.get(r.contactId) ?? null) : null,
    priority: r.priority,
    channel: r.channel,
    orderId: r.orderId,
    contractId: r.contractId,
    productId: r.productId,
    status: r.status,
    handlerId: r.handlerId,
    handlerName: r.names.handler,
    departmentId: r.departmentId,
    departmentName: r.names.department,
    createdBy: r.createdBy,
    assignedAt: iso(r.assignedAt),
    validity: { withinWarranty: r.withinWarranty, withinContract: r.withinContract },
    sla: slaOf(r),
    satisfaction: r.satisfaction,
    feedbackComment: r.feedbackComment,
    feedbackAt: iso(r.feedbackAt),
    feedbackBy: r.feedbackBy,
    archivedAt: iso(r.archivedAt),
    reopenedCount: r.reopenedCount,
    mergedIntoId: r.mergedIntoId,
  }));
}
