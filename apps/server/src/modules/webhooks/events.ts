import type { WebhookEvent } from '@guanxi/contract';

/**
 * Which audit row raises which event: `[entity, action, event]`, optionally with a field whose
 * change the row must carry (an order's update that changed its status is also
 * `order.status_changed`). One row may raise several events; a row matching none raises nothing.
 */
type EventRule = { entity: string; action: string; event: WebhookEvent; changed?: string };

const crud = (entity: string, name: string): EventRule[] =>
  (['create', 'update', 'delete'] as const).map((action) => ({
    entity,
    action,
    event: `${name}.${action === 'create' ? 'created' : `${action}d`}` as WebhookEvent,
  }));

/** Other actions that change a record without their own event: its `.updated` (a transfer moves the owner). */
const updatedBy = (entity: string, name: string, actions: string[]): EventRule[] =>
  actions.map((action) => ({ entity, action, event: `${name}.updated` as WebhookEvent }));

export const eventRules: readonly EventRule[] = [
  ...crud('customers', 'customer'),
  ...updatedBy('customers', 'customer', ['transfer', 'claim', 'release', 'invalidate', 'restore', 'merge']),
  ...crud('contacts', 'contact'),
  ...crud('leads', 'lead'),
  ...updatedBy('leads', 'lead', ['assign', 'grab', 'release', 'status', 'convert']),
  ...crud('opportunities', 'opportunity'),
  ...updatedBy('opportunities', 'opportunity', ['assign', 'transfer']),
  ...crud('orders', 'order'),
  { entity: 'orders', action: 'update', event: 'order.status_changed', changed: 'status' },
  { entity: 'orders', action: 'transition', event: 'order.status_changed' },
  ...crud('tickets', 'ticket'),
  ...crud('contracts', 'contract'),
  ...updatedBy('contracts', 'contract', ['terminate', 'expire']),
  ...crud('follow-ups', 'follow-up'),
];

/** The audit entities the outbox reads (others raise no event). */
export const eventEntities = [...new Set(eventRules.map((r) => r.entity))];

/** The events an audit row raises. */
export function eventsOf(row: {
  entity: string;
  action: string;
  changes: Record<string, unknown>;
}): WebhookEvent[] {
  return eventRules
    .filter(
      (r) =>
        r.entity === row.entity &&
        r.action === row.action &&
        (!r.changed || r.changed in (row.changes ?? {})),
    )
    .map((r) => r.event);
}
