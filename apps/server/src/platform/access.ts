import type { FieldAccess } from '@guanxi/contract';
import { type SQL, sql } from 'drizzle-orm';
import { type Principal, scopeOf } from './auth/principal.ts';
import { AppError } from './errors.ts';
import { uuidList } from './sql-lists.ts';

/** Where a module's records keep their owner and department (SQL column expressions). */
type ScopeColumns = {
  owner: SQL;
  department: SQL;
  /** Extra visibility that widens every scope: shared with the user or its department, a visible pool … */
  alsoVisible?: (p: Principal) => SQL | undefined;
};

/**
 * The one data-scope predicate every module uses for lists, counts, search, exports, reports and
 * look-ups by id: the principal's scope for `module` turned into SQL over the module's columns.
 * (The tenant condition is separate and always applied.)
 */
export function scopePredicate(p: Principal, module: string, cols: ScopeColumns): SQL {
  const scope = scopeOf(p, module);
  let base: SQL;
  switch (scope) {
    case 'all':
      return sql`TRUE`;
    case 'own':
      base = sql`${cols.owner} = ${p.userId}`;
      break;
    case 'own_and_subordinates':
      base = sql`${cols.owner} = ANY(${uuidList(p.selfAndSubordinates)})`;
      break;
    case 'department':
      base = sql`${cols.department} = ${p.departmentId}`;
      break;
    case 'department_and_children':
      base = sql`${cols.department} = ANY(${uuidList(p.departmentSubtree)})`;
      break;
  }
  const extra = cols.alsoVisible?.(p);
  return extra ? sql`(${base} OR ${extra})` : sql`(${base})`;
}

/**
 * Whether the caller's scope of `module` is whole departments (全部, 本部门, 本部门及下属) — what
 * a rollup kept per department can answer; a scope of persons (本人, 本人及下属) is not.
 */
export const scopeByDepartment = (p: Principal, module: string) => {
  const scope = scopeOf(p, module);
  return scope === 'all' || scope === 'department' || scope === 'department_and_children';
};

/**
 * The data scope of records kept by a person (a follow-up's author, a check-in's person) whose
 * department is the one they are in now: department scopes become the people of those departments,
 * found once per statement (an init plan), never a look-up per row — so a list walks its time
 * index and tests each row against a short id list.
 */
export function personScopePredicate(p: Principal, module: string, person: SQL): SQL {
  const departmentPeople = (departments: SQL) =>
    sql`${person} = ANY(ARRAY(SELECT u.id FROM users u WHERE u.tenant_id = ${p.tenantId} AND u.department_id ${departments}))`;
  switch (scopeOf(p, module)) {
    case 'department':
      return sql`(${departmentPeople(sql`= ${p.departmentId}`)})`;
    case 'department_and_children':
      return sql`(${departmentPeople(sql`= ANY(${uuidList(p.departmentSubtree)})`)})`;
    default:
      return scopePredicate(p, module, { owner: person, department: sql`NULL` });
  }
}

const accessRank: Record<FieldAccess, number> = { hidden: 0, masked: 1, read: 2, edit: 3 };

export const fieldAccess = (p: Principal, module: string, field: string): FieldAccess =>
  p.fieldPermissions[module]?.[field] ?? 'edit';

/** `13812341234` → `138****1234`; `zhang@x.cn` → `z****@x.cn`; others keep first and last char. */
export function mask(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}****${value.slice(at)}`;
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return value.length <= 2 ? '**' : `${value[0]}****${value.slice(-1)}`;
}

/** Applies field permissions to an outgoing record: hidden fields removed, masked ones masked. */
export function applyFieldAccess<T extends Record<string, unknown>>(
  p: Principal,
  module: string,
  record: T,
): T {
  const rules = p.fieldPermissions[module];
  if (!rules) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [field, level] of Object.entries(rules)) {
    if (!(field in out)) continue;
    if (level === 'hidden') delete out[field];
    else if (level === 'masked' && typeof out[field] === 'string' && out[field])
      out[field] = mask(out[field] as string);
  }
  return out as T;
}

/** Rejects a write that touches a field the caller may only read (or not see). */
export function assertWritable(p: Principal, module: string, input: Record<string, unknown>): void {
  const denied = Object.keys(input).filter(
    (f) => input[f] !== undefined && accessRank[fieldAccess(p, module, f)] < accessRank.edit,
  );
  if (denied.length) {
    throw new AppError(
      'FORBIDDEN',
      denied.map((path) => ({ path, message: 'read-only field' })),
    );
  }
}

/** Field permissions on a record's history: hidden fields' changes dropped, masked ones masked. */
export function applyFieldAccessToHistory<T extends { field: string; before: unknown; after: unknown }>(
  p: Principal,
  module: string,
  entries: T[],
): T[] {
  const hide = (v: unknown) => (typeof v === 'string' && v ? mask(v) : v);
  return entries
    .filter((e) => fieldAccess(p, module, e.field) !== 'hidden')
    .map((e) =>
      fieldAccess(p, module, e.field) === 'masked'
        ? { ...e, before: hide(e.before), after: hide(e.after) }
        : e,
    );
}
