/**
 * Leads written by an import (the imports module reads, checks and batches the file; writing its
 * rows is this module's business). Every row is a new lead, as by hand or from a web form: leads
 * have no duplicate check, so the import's duplicate mode does not apply to them.
 */
import type { CreateLead } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { assertWritable } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { ENTITY, insertLead } from './service.ts';

/** The fields of a row the importer may not write (field permissions on mobile and e-mail). */
export function unwritableLeadFields(p: Principal, values: Record<string, unknown>): string[] {
  try {
    assertWritable(p, ENTITY, { mobile: values.mobile ?? undefined, email: values.email ?? undefined });
    return [];
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return ((err.details ?? []) as { path: string }[]).map((d) => d.path);
  }
}

/**
 * Inserts a batch of checked rows (API input shape, `createLead`) in the caller's transaction.
 * Each goes through the assignment rules (round-robin within a rule's department, by region,
 * source or campaign) and else into the pool, with its activity, audit row and the owner's
 * notification — exactly as a lead created with `distribute`.
 */
export async function insertImportedLeads(tx: Db, actor: Actor, rows: Record<string, unknown>[]) {
  for (const values of rows) {
    const v = values as CreateLead;
    await insertLead(
      tx,
      actor,
      {
        name: v.name,
        contactName: v.contactName ?? null,
        mobile: v.mobile ?? null,
        email: v.email ?? null,
        sourceId: v.source ?? null,
        campaignId: v.campaignId ?? null,
        regionCode: v.regionCode ?? null,
        remark: v.remark ?? null,
      },
      'rules',
      'import',
    );
  }
  return { created: rows.length, updated: 0 };
}
