import { randomBytes } from 'node:crypto';
import { type CustomFieldOption, optionTypes } from '@guanxi/contract';
import { invalid } from '../../platform/errors.ts';
import type { FieldRow } from './repository.ts';

// The rules a field definition's options and dependency obey (pure: the service loads and saves).

/** Six random base-36 characters: the tail of a generated key or option value. */
export const shortId = () =>
  [...randomBytes(6)].map((b) => '0123456789abcdefghijklmnopqrstuvwxyz'[b % 36]).join('');

/** New options get a stable generated value (`o_k3x9a2`); given values are kept. Values and labels are unique. */
export function normaliseOptions(input: { value?: string; label: string }[]): CustomFieldOption[] {
  const used = new Set(input.flatMap((o) => (o.value ? [o.value] : [])));
  const options = input.map((o) => {
    let value = o.value;
    while (!value || (!o.value && used.has(value))) value = `o_${shortId()}`;
    used.add(value);
    return { value, label: o.label };
  });
  options.forEach((o, i) => {
    if (options.findIndex((x) => x.value === o.value) !== i) throw invalid(`options.${i}.value`, 'duplicate');
    if (options.findIndex((x) => x.label === o.label) !== i) throw invalid(`options.${i}.label`, 'duplicate');
  });
  return options;
}

/**
 * The dependency of a dropdown on a parent dropdown (字段约束): the parent is another dropdown of
 * the same entity, no cycle; `optionParents` maps this field's options to parent options.
 */
export function checkDependency(
  self: { key: string; type: string; options: CustomFieldOption[] },
  dependsOn: string | null | undefined,
  optionParents: Record<string, string[]> | undefined,
  fields: FieldRow[],
): { dependsOn: string | null; optionParents: Record<string, string[]> } {
  if (!dependsOn) {
    if (optionParents && Object.values(optionParents).some((v) => v.length))
      throw invalid('optionParents', 'only for a field that depends on another');
    return { dependsOn: null, optionParents: {} };
  }
  if (!optionTypes.includes(self.type as never))
    throw invalid('dependsOn', 'only dropdown and multi-select fields can depend on another');
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const parent = byKey.get(dependsOn);
  if (!parent || parent.key === self.key) throw invalid('dependsOn', 'no such field');
  if (parent.type !== 'dropdown') throw invalid('dependsOn', 'the parent must be a dropdown');
  for (let up: FieldRow | undefined = parent, n = 0; up?.dependsOn && n <= fields.length; n++) {
    if (up.dependsOn === self.key) throw invalid('dependsOn', 'the dependency would form a cycle');
    up = byKey.get(up.dependsOn);
  }
  const own = new Set(self.options.map((o) => o.value));
  const theirs = new Set(parent.options.map((o) => o.value));
  const map: Record<string, string[]> = {};
  for (const [child, parents] of Object.entries(optionParents ?? {})) {
    if (!own.has(child)) throw invalid(`optionParents.${child}`, 'not an option of this field');
    const bad = parents.find((v) => !theirs.has(v));
    if (bad) throw invalid(`optionParents.${child}`, `not an option of the parent: ${bad}`);
    if (parents.length) map[child] = [...new Set(parents)];
  }
  return { dependsOn, optionParents: map };
}

export function checkOptionsFor(type: string, options: CustomFieldOption[]) {
  const takesOptions = optionTypes.includes(type as never);
  if (takesOptions && !options.length) throw invalid('options', 'give at least one option');
  if (!takesOptions && options.length)
    throw invalid('options', 'only dropdown and multi-select fields have options');
}

/** JSON with object keys sorted (jsonb does not keep the order keys were written in). */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
/** Whether two option lists or dependency maps are the same, whatever the order of their keys. */
export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
