import type { PrintDocumentType, PrintTemplate } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { conflict } from '../../platform/errors.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { defaultTemplates, printVariables, sampleData } from './defaults.ts';
import { checkTemplate, renderTemplate } from './render.ts';
import * as repo from './repository.ts';

const ENTITY = 'print-templates';

/**
 * The template of a type as the settings page edits it: the tenant's own or the default, with the
 * default and the variables beside it. `version` is 0 until one is saved; after 恢复默认 the row's
 * version goes on (so a stale editor still gets 409).
 */
export async function getTemplate(db: Db, p: Principal, type: PrintDocumentType): Promise<PrintTemplate> {
  const row = await repo.rowOf(db, p.tenantId, type);
  const own = row && !row.deletedAt ? row : null;
  return {
    type,
    template: own?.template ?? defaultTemplates[type],
    isDefault: !own,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    defaultTemplate: defaultTemplates[type],
    variables: printVariables[type],
  };
}

/** Saves the tenant's template (checked: parses, nothing unescaped), versioned and audited. */
export async function saveTemplate(
  db: Db,
  c: Caller,
  type: PrintDocumentType,
  input: { template: string; version: number },
): Promise<PrintTemplate> {
  checkTemplate(input.template);
  await write(db, c, type, input.version, input.template);
  return getTemplate(db, c.p, type);
}

/** 恢复默认: the built-in template prints again; the tenant's text is kept in the audit log. */
export async function restoreDefault(db: Db, c: Caller, type: PrintDocumentType, version: number) {
  await write(db, c, type, version, null);
}

async function write(db: Db, c: Caller, type: PrintDocumentType, version: number, template: string | null) {
  await db.transaction(async (tx) => {
    const row = await repo.rowOf(tx, c.p.tenantId, type, true);
    const before = row && !row.deletedAt ? row.template : null;
    if (!row) {
      if (version !== 0) throw conflict();
      if (template === null) return; // the default is already in use
      if (!(await repo.insert(tx, c.p.tenantId, type, template, c.p.userId))) throw conflict();
    } else {
      checkVersion(row, version);
      const values = {
        template: template ?? row.template,
        deletedAt: template === null ? new Date() : null,
        updatedBy: c.p.userId,
      };
      await requireUpdated(await repo.save(tx, row.id, version, values), async () => true);
    }
    await writeAudit(tx, c.actor, {
      action: template === null ? 'restore-default' : 'update',
      entity: ENTITY,
      entityId: null,
      summary: type,
      changes: { template: [before, template] },
    });
  });
}

/** A template rendered with the type's sample data (unsaved text from the editor). */
export function preview(p: Principal, type: PrintDocumentType, template: string): { html: string } {
  const data = {
    ...sampleData[type],
    tenant: { name: (p.profile.tenant.name as string) ?? '', timezone: p.profile.tenant.timezone },
    printedAt: new Intl.DateTimeFormat('zh-CN', {
      timeZone: p.profile.tenant.timezone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date()),
  };
  return { html: renderTemplate(template, data) };
}
