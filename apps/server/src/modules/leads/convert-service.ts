import type { ConvertLead, ConvertLeadResponse } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, writeAudit } from '../../platform/audit.ts';
import { can } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { forbidden } from '../../platform/errors.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import { createContact } from '../customers/contacts-service.ts';
import { createCustomer, getCustomer } from '../customers/service.ts';
import { createFromLead } from '../opportunities/service.ts';
import * as repo from './repository.ts';
import { ENTITY } from './service.ts';
import { activity, auditable, lockOpen } from './write-steps.ts';

/**
 * 转化: in one transaction, the customer (the lead's values under the caller's, through the
 * customers service and its duplicate check: 409 DUPLICATE_CUSTOMER with the matches unless
 * `force` with customers:force_duplicate) or `existingCustomerId` (one the caller sees), a
 * contact (the lead's contact person by default), and the lead marked converted with its links.
 * Any failure leaves nothing behind.
 */
export async function convertLead(
  db: Db,
  c: Caller,
  id: string,
  input: ConvertLead,
): Promise<ConvertLeadResponse> {
  return db.transaction(async (tx) => {
    const lead = await lockOpen(tx, c.p, id);
    // the customer and contact are made under the caller's own customers / contacts permissions
    if (!input.existingCustomerId && !can(c.p, 'customers:create')) throw forbidden();
    let customerId: string;
    if (input.existingCustomerId) {
      customerId = (await getCustomer(tx, c.p, input.existingCustomerId)).id;
    } else {
      const regionId = lead.regionCode ? await repo.regionIdOf(tx, c.p.tenantId, lead.regionCode) : null;
      const customer = await createCustomer(tx, c, {
        name: lead.name,
        mobile: lead.mobile,
        email: lead.email,
        sourceId: lead.sourceId,
        regionId,
        ...input.customer,
        force: input.force,
      });
      customerId = customer.id;
    }
    const contactValues =
      input.contact === null
        ? null
        : (input.contact ??
          (lead.contactName ? { name: lead.contactName, mobile: lead.mobile, email: lead.email } : null));
    let contactId: string | null = null;
    if (contactValues) {
      if (!can(c.p, 'contacts:create')) throw forbidden();
      contactId = (await createContact(tx, c.p, c.actor, { customerId, ...contactValues })).id;
    }
    // the deal the lead was about, in the same transaction (opportunities service)
    const opportunityId = input.opportunity
      ? await createFromLead(
          tx,
          c,
          { id, customerId, contactId, sourceId: lead.sourceId, campaignId: lead.campaignId },
          input.opportunity,
        )
      : null;
    const rows = await repo.updateLead(tx, id, lead.version, {
      status: 'converted',
      customerId,
      contactId,
      opportunityId,
      convertedAt: new Date(),
      convertedBy: c.p.userId,
      ...(lead.ownerId
        ? {}
        : { ownerId: c.p.userId, departmentId: c.p.departmentId, assignedAt: new Date() }),
    });
    const after = await requireUpdated(rows, async () => true);
    await activity(tx, c.actor, id, 'converted', `customer:${customerId}`);
    await writeAudit(tx, c.actor, {
      action: 'convert',
      entity: ENTITY,
      entityId: id,
      summary: after.name,
      changes: diff(auditable(lead), auditable(after)),
    });
    return { customerId, contactId, opportunityId };
  });
}
