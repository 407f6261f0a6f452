import { CUSTOM_TEXT_MAX, type CustomFieldType, customDecimal } from '@guanxi/contract';

/** What value checking needs of a definition. */
export type FieldDef = {
  key: string;
  title: string;
  type: CustomFieldType;
  required: boolean;
  enabled: boolean;
  options: { value: string; label: string }[];
  dependsOn: string | null;
  optionParents: Record<string, string[]>;
};

/** A stored value: integer → number, multi-select → string[], everything else → string. */
type StoredValue = string | number | string[];
export type CustomValues = Record<string, unknown>;
type Issue = { path: string; message: string };

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a day that exists. */
export function isDay(v: string): boolean {
  const m = DAY.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && !v.length);

/** Same stored value (empty counts as absent). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

type Normalised = { ok: true; value: StoredValue | null } | { ok: false; message: string };

/**
 * The shape check of one value (types, formats, lengths), without options or the database.
 * Empty (`null`, `''`, `[]`) normalises to null: "no value".
 */
export function normaliseValue(def: FieldDef, raw: unknown): Normalised {
  if (isEmpty(raw)) return { ok: true, value: null };
  const fail = (message: string): Normalised => ({ ok: false, message });
  switch (def.type) {
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      return typeof n === 'number' && Number.isSafeInteger(n) ? { ok: true, value: n } : fail('an integer');
    }
    case 'decimal': {
      const s =
        typeof raw === 'number' && Number.isFinite(raw)
          ? String(raw)
          : typeof raw === 'string'
            ? raw.trim()
            : '';
      return customDecimal.test(s)
        ? { ok: true, value: s }
        : fail('a decimal number (15 digits, 6 decimals at most)');
    }
    case 'date':
      return typeof raw === 'string' && isDay(raw.trim())
        ? { ok: true, value: raw.trim() }
        : fail('YYYY-MM-DD');
    case 'phone':
      return typeof raw === 'string' && PHONE.test(raw.trim())
        ? { ok: true, value: raw.trim() }
        : fail('a phone number');
    case 'user':
      return typeof raw === 'string' && UUID.test(raw)
        ? { ok: true, value: raw.toLowerCase() }
        : fail('a user id');
    case 'text':
      if (typeof raw !== 'string') return fail('text');
      return raw.trim().length <= CUSTOM_TEXT_MAX
        ? { ok: true, value: raw.trim() }
        : fail(`at most ${CUSTOM_TEXT_MAX} characters`);
    case 'dropdown':
      return typeof raw === 'string' ? { ok: true, value: raw.trim() } : fail('one option');
    case 'multi-select': {
      if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) return fail('a list of options');
      const values = [...new Set((raw as string[]).map((v) => v.trim()).filter(Boolean))];
      return { ok: true, value: values.length ? values : null };
    }
  }
}

type Checked = {
  /** The record's values after the write (input merged over `previous`). */
  values: CustomValues;
  issues: Issue[];
  /** Users newly chosen in user fields: must be active users of the tenant. */
  userIds: { path: string; id: string }[];
};

/**
 * Checks the custom values of a write against the definitions and merges them over the record's
 * previous values (`previous` undefined: a create). Keys present in `input` are set (empty removes
 * them); absent keys keep their values. Rules:
 * - unknown keys are refused (unless sent back unchanged: values of deleted fields);
 * - disabled fields are read-only: their value may only be sent back as it was;
 * - dropdown / multi-select values must be options (a value an option no longer offers may stay);
 * - a dependent dropdown's value must be allowed under its parent's value (checked when either changes);
 * - required enabled fields need a value on create, and cannot be emptied later.
 */
export function checkCustomValues(
  defs: FieldDef[],
  input: CustomValues | undefined,
  previous: CustomValues | undefined,
): Checked {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const prev = previous ?? {};
  const values: CustomValues = { ...prev };
  const issues: Issue[] = [];
  const userIds: Checked['userIds'] = [];
  const changed = new Set<string>();
  for (const [key, raw] of Object.entries(input ?? {})) {
    const path = `custom.${key}`;
    const def = byKey.get(key);
    if (!def) {
      if (!sameValue(raw, prev[key])) issues.push({ path, message: 'unknown field' });
      continue;
    }
    const normalised = normaliseValue(def, raw);
    if (!def.enabled) {
      if (!sameValue(normalised.ok ? normalised.value : raw, prev[key]))
        issues.push({ path, message: 'the field is disabled (read-only)' });
      continue;
    }
    if (!normalised.ok) {
      issues.push({ path, message: normalised.message });
      continue;
    }
    const value = normalised.value;
    if (sameValue(value, prev[key])) continue;
    const options = new Set(def.options.map((o) => o.value));
    if (def.type === 'dropdown' && value !== null && !options.has(value as string)) {
      issues.push({ path, message: 'not an option of the field' });
      continue;
    }
    if (def.type === 'multi-select' && Array.isArray(value)) {
      const kept = new Set(Array.isArray(prev[key]) ? (prev[key] as string[]) : []);
      const bad = value.filter((v) => !options.has(v) && !kept.has(v));
      if (bad.length) {
        issues.push({ path, message: `not options of the field: ${bad.join(', ')}` });
        continue;
      }
    }
    if (def.type === 'user' && value !== null) userIds.push({ path, id: value as string });
    changed.add(key);
    if (value === null) delete values[key];
    else values[key] = value;
  }
  for (const def of defs) {
    if (!def.enabled) continue;
    const path = `custom.${def.key}`;
    const given = input !== undefined && Object.hasOwn(input, def.key);
    if (def.required && isEmpty(values[def.key]) && (previous === undefined || given)) {
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: 'required' });
      continue;
    }
    const parent = def.dependsOn ? byKey.get(def.dependsOn) : undefined;
    if (!parent?.enabled || isEmpty(values[def.key])) continue;
    if (!changed.has(def.key) && !changed.has(parent.key)) continue;
    const parentValue = values[parent.key];
    const chosen = Array.isArray(values[def.key])
      ? (values[def.key] as string[])
      : [values[def.key] as string];
    const refused = chosen.filter((v) => {
      const allowed = def.optionParents[v];
      return allowed?.length && !(typeof parentValue === 'string' && allowed.includes(parentValue));
    });
    if (refused.length)
      issues.push({ path, message: `not allowed for the value of “${parent.title}”: ${refused.join(', ')}` });
  }
  return { values, issues, userIds };
}

/** The value as people read it: option labels instead of values, user names instead of ids. */
export function displayValue(
  def: FieldDef,
  value: unknown,
  userNames?: Map<string, string>,
): string | number | null {
  if (isEmpty(value)) return null;
  const label = (v: string) => def.options.find((o) => o.value === v)?.label ?? v;
  switch (def.type) {
    case 'dropdown':
      return label(String(value));
    case 'multi-select':
      return Array.isArray(value) ? value.map((v) => label(String(v))).join('、') : label(String(value));
    case 'user':
      return userNames?.get(String(value)) ?? String(value);
    case 'integer':
      return typeof value === 'number' ? value : Number(value);
    default:
      return String(value);
  }
}
