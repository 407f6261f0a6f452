import type { Department } from '@guanxi/contract';

export type TreeNode = {
  key: string;
  value: string;
  title: string;
  department: Department;
  disabled?: boolean;
  children?: TreeNode[];
};

/** Nests the flat, ordered list; `disabledIds` marks nodes that cannot be chosen. */
export function buildTree(list: Department[], disabledIds?: Set<string>): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const d of list) {
    nodes.set(d.id, {
      key: d.id,
      value: d.id,
      title: d.name,
      department: d,
      disabled: disabledIds?.has(d.id),
    });
  }
  const roots: TreeNode[] = [];
  for (const d of list) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    if (parent) {
      parent.children ??= [];
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** The department and all below it. */
export function subtreeIds(list: Department[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const d of list) {
    if (!d.parentId) continue;
    const siblings = children.get(d.parentId) ?? [];
    siblings.push(d.id);
    children.set(d.parentId, siblings);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (out.has(current)) continue;
    out.add(current);
    stack.push(...(children.get(current) ?? []));
  }
  return out;
}

/** Names from the root down to the department, e.g. 本部 / 华东大区 / 上海分公司. */
export function departmentPath(list: Department[], id: string): string[] {
  const byId = new Map(list.map((d) => [d.id, d]));
  const path: string[] = [];
  let current = byId.get(id);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}
