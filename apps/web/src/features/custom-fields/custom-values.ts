import type { CustomField } from '@guanxi/contract';

/** Custom values of a record, by field key (as the API sends and takes them). */
export type CustomValues = Record<string, unknown>;

export const isEmptyValue = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

/** A form's custom values as the API takes them: trimmed, empty → null. */
function clean(v: unknown): unknown {
  if (isEmptyValue(v)) return null;
  return typeof v === 'string' ? v.trim() : v;
}

/** The custom values of a new record's form (empty ones left out); undefined when there are none. */
export function customForCreate(values: CustomValues | undefined): CustomValues | undefined {
  const out: CustomValues = {};
  for (const [key, value] of Object.entries(values ?? {})) if (!isEmptyValue(value)) out[key] = clean(value);
  return Object.keys(out).length ? out : undefined;
}

/**
 * The custom values an edit changed (the server merges them over the record's; null clears one);
 * undefined when nothing changed. The form holds the enabled fields only.
 */
export function customChanges(
  values: CustomValues | undefined,
  previous: CustomValues,
): CustomValues | undefined {
  const out: CustomValues = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    const next = clean(value);
    const before = isEmptyValue(previous[key]) ? null : previous[key];
    if (JSON.stringify(next) !== JSON.stringify(before)) out[key] = next;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The options a dependent dropdown offers under its parent's value (unconstrained ones always). */
export function allowedOptions(field: CustomField, parentValue: unknown) {
  if (!field.dependsOn) return field.options;
  return field.options.filter((o) => {
    const parents = field.optionParents[o.value];
    return !parents?.length || (typeof parentValue === 'string' && parents.includes(parentValue));
  });
}

/** A value as people read it: option labels, joined lists; users are resolved by the caller. */
export function customValueText(field: CustomField, value: unknown): string {
  if (isEmptyValue(value)) return '';
  const label = (v: unknown) => field.options.find((o) => o.value === v)?.label ?? String(v);
  if (field.type === 'dropdown') return label(value);
  if (field.type === 'multi-select') return (Array.isArray(value) ? value : [value]).map(label).join('、');
  return String(value);
}
