import type { DictionaryType, ImportEntity } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { campaignIdByName } from '../campaigns/published.ts';
import { definitions, type FieldDef } from '../custom-fields/service.ts';
import { findWritableCustomers } from '../customers/import-service.ts';

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
/** `广东省 深圳市 南山区`, `广东省-深圳市-南山区` → `广东省/深圳市/南山区`. */
const normPath = (s: string) =>
  norm(s)
    .split(/\s*[/\\>\-—\s]\s*/)
    .filter(Boolean)
    .join('/');

type Entry = { ids: Set<string>; valid: boolean };
type Lookup = { ok: true; id: string } | { ok: false; reason: 'unknownItem' | 'invalidItem' | 'ambiguous' };

/**
 * Turns the words of a file (dictionary names, region paths, owners, customers) into ids, from
 * look-up tables loaded once per import (a few thousand rows), not once per file row.
 */
export class Resolver {
  private dictionaries = new Map<string, Map<string, Entry>>();
  private owners = new Map<string, Set<string>>();
  private customers = new Map<string, Set<string>>();
  private invalidCustomers = new Set<string>();
  /** GB/T 2260 code of each region item that has one. */
  private regionCodes = new Map<string, string>();
  /** Campaign name → id (null: none), filled per batch. */
  private campaigns = new Map<string, string | null>();
  /** Active users of the whole tenant (user-type custom fields), loaded when such a field exists. */
  private users = new Map<string, Set<string>>();
  private custom = new Map<ImportEntity, FieldDef[]>();

  private constructor(private readonly p: Principal) {}

  /** Whom the words are resolved for (the importer). */
  get principal(): Principal {
    return this.p;
  }

  static async load(db: Db, p: Principal): Promise<Resolver> {
    const r = new Resolver(p);
    const items =
      await db.execute(sql`SELECT id, type, parent_id, name, name_en, code, valid FROM dictionary_items
      WHERE tenant_id = ${p.tenantId}`);
    const rows = items.rows as {
      id: string;
      type: string;
      parent_id: string | null;
      name: string;
      name_en: string | null;
      code: string | null;
      valid: boolean;
    }[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pathOf = (row: (typeof rows)[number]): string =>
      row.parent_id && byId.get(row.parent_id) ? `${pathOf(byId.get(row.parent_id)!)}/${row.name}` : row.name;
    for (const row of rows) {
      const keys = [row.name, row.name_en, row.parent_id ? pathOf(row) : null].filter((k): k is string =>
        Boolean(k),
      );
      for (const key of keys)
        r.addItem(row.type, key.includes('/') ? normPath(key) : norm(key), row.id, row.valid);
      if (row.type === 'region' && row.code) {
        // a region may also be given by its code (`440305`)
        r.regionCodes.set(row.id, row.code);
        r.addItem(row.type, norm(row.code), row.id, row.valid);
      }
    }
    const inScope = scopePredicate(p, 'customers', { owner: sql`u.id`, department: sql`u.department_id` });
    const users = await db.execute(sql`SELECT u.id, u.username, u.name, u.employee_code FROM users u
      WHERE u.tenant_id = ${p.tenantId} AND u.deleted_at IS NULL AND u.status = 'active' AND ${inScope}`);
    for (const u of users.rows as {
      id: string;
      username: string;
      name: string;
      employee_code: string | null;
    }[]) {
      for (const key of [u.username, u.name, u.employee_code]) if (key) add(r.owners, norm(key), u.id);
    }
    for (const entity of ['customers', 'contacts'] as const)
      r.custom.set(
        entity,
        (await definitions(db, p.tenantId, entity)).filter((d) => d.enabled),
      );
    if ([...r.custom.values()].flat().some((d) => d.type === 'user')) {
      const all = await db.execute(sql`SELECT id, username, name, employee_code FROM users
        WHERE tenant_id = ${p.tenantId} AND deleted_at IS NULL AND status = 'active'`);
      for (const u of all.rows as {
        id: string;
        username: string;
        name: string;
        employee_code: string | null;
      }[])
        for (const key of [u.username, u.name, u.employee_code]) if (key) add(r.users, norm(key), u.id);
    }
    return r;
  }

  /** The enabled custom fields of an entity, in order. */
  customFields(entity: ImportEntity): FieldDef[] {
    return this.custom.get(entity) ?? [];
  }

  /** An active user of the tenant by username, name or employee code (unique only). */
  user(raw: string): string | null {
    const ids = this.users.get(norm(raw));
    return ids && ids.size === 1 ? [...ids][0] : null;
  }

  private addItem(type: string, key: string, id: string, valid: boolean) {
    const map = this.dictionaries.get(type) ?? new Map<string, Entry>();
    this.dictionaries.set(type, map);
    const entry = map.get(key) ?? { ids: new Set<string>(), valid: false };
    entry.ids.add(id);
    entry.valid ||= valid;
    map.set(key, entry);
  }

  dictionaryItem(type: DictionaryType, raw: string): Lookup {
    const map = this.dictionaries.get(type);
    const entry = map?.get(norm(raw)) ?? map?.get(normPath(raw));
    if (!entry) return { ok: false, reason: 'unknownItem' };
    if (entry.ids.size > 1) return { ok: false, reason: 'ambiguous' };
    if (!entry.valid) return { ok: false, reason: 'invalidItem' };
    return { ok: true, id: [...entry.ids][0] };
  }

  /** A region (name, path or code) as its GB/T 2260 code. */
  regionCode(raw: string): Lookup {
    const found = this.dictionaryItem('region', raw);
    if (!found.ok) return found;
    const code = this.regionCodes.get(found.id);
    return code ? { ok: true, id: code } : { ok: false, reason: 'unknownItem' };
  }

  /** Looks up the campaigns (by exact name) the rows of a batch name. */
  async prefetchCampaigns(db: Db, names: string[]) {
    for (const name of new Set(names.map((x) => x.trim()).filter(Boolean)))
      if (!this.campaigns.has(name))
        this.campaigns.set(name, await campaignIdByName(db, this.p.tenantId, name));
  }

  /** The campaign a cell names (after prefetchCampaigns), or null. */
  campaign(raw: string): string | null {
    return this.campaigns.get(raw.trim()) ?? null;
  }

  /** An active user inside the importer's scope, by username, name or employee code (unique only). */
  owner(raw: string): string | null {
    const ids = this.owners.get(norm(raw));
    return ids && ids.size === 1 ? [...ids][0] : null;
  }

  /** Loads the customers (by number or exact name) the rows of a batch refer to; only ones the importer may change. */
  async prefetchCustomers(db: Db, refs: string[]) {
    const wanted = [...new Set(refs.map((x) => x.trim()).filter(Boolean))].filter(
      (x) => !this.customers.has(norm(x)),
    );
    if (!wanted.length) return;
    for (const row of await findWritableCustomers(db, this.p, wanted)) {
      if (row.number) add(this.customers, norm(row.number), row.id);
      add(this.customers, norm(row.name), row.id);
      if (row.invalid) this.invalidCustomers.add(row.id);
    }
    for (const w of wanted) if (!this.customers.has(norm(w))) this.customers.set(norm(w), new Set());
  }

  /** The one customer a cell names, or why not: unknown (or ambiguous) or invalidated (失效: view-only). */
  customer(
    raw: string,
  ): { ok: true; id: string } | { ok: false; reason: 'unknownCustomer' | 'invalidCustomer' } {
    const ids = this.customers.get(norm(raw));
    if (ids?.size !== 1) return { ok: false, reason: 'unknownCustomer' };
    const [id] = ids;
    return this.invalidCustomers.has(id) ? { ok: false, reason: 'invalidCustomer' } : { ok: true, id };
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}
