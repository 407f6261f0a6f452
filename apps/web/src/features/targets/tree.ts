import type { Attainment, AttainmentRow } from '@guanxi/contract';
import { fromCents, toCents } from '@guanxi/contract';

/** A row of the attainment tree: a department (with its sub-departments, then its people) or a person. */
export type TreeRow = AttainmentRow & {
  key: string;
  kind: 'department' | 'user';
  departmentName?: string | null;
  children?: TreeRow[];
};

/**
 * The answer as a tree: departments under their parents, people under their department; what has
 * no visible parent is a root (a supervisor's own department, an account manager's own row).
 */
export function buildTree(a: Attainment): TreeRow[] {
  const departments = new Map<string, TreeRow>(
    a.departments.map((d) => [d.id, { ...d, key: d.id, kind: 'department' as const }]),
  );
  const roots: TreeRow[] = [];
  const attach = (row: TreeRow) => {
    const parent = row.parentId ? departments.get(row.parentId) : undefined;
    if (!parent) roots.push(row);
    else if (parent.children) parent.children.push(row);
    else parent.children = [row];
  };
  for (const d of departments.values()) attach(d);
  for (const u of a.users) attach({ ...u, key: `u:${u.id}`, kind: 'user' });
  // departments first, then people, each in the server's order
  const order = (rows: TreeRow[]) => {
    rows.sort((x, y) => (x.kind === y.kind ? 0 : x.kind === 'department' ? -1 : 1));
    for (const r of rows) if (r.children) order(r.children);
  };
  order(roots);
  return roots;
}

/** What of a department's target is not handed down (negative: handed down more than it has). */
export function unallocated(row: Pick<TreeRow, 'target' | 'allocated'>): string | null {
  if (row.target === null) return null;
  return fromCents(toCents(row.target) - toCents(row.allocated ?? '0'));
}

/** The rate as a progress value (0–100) from its string, e.g. `"85.3"` → 85.3. */
export const progressOf = (rate: string | null) => (rate === null ? 0 : Math.min(100, Number(rate)));
