import { pinyin } from 'pinyin-pro';

/** Company-form suffixes that do not make a different company (longest first). */
const companySuffixes = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '集团股份有限公司',
  '有限公司',
  '分公司',
  '集团',
  '公司',
  'coltd',
  'colimited',
  'limited',
  'ltd',
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'co',
  'llc',
  'gmbh',
].sort((a, b) => b.length - a.length);

/**
 * The duplicate-check key of a customer name: full width → half width (NFKC), lower case, no
 * spaces, punctuation or brackets, no `(中国)`, no company-form suffixes.
 * `深圳市腾讯计算机系统有限公司` and ` 深圳市腾讯计算机系统（有限公司） ` give the same key.
 */
export function nameKey(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[(（[【]\s*中国\s*[)）\]】]/g, '');
  s = s.replace(/[\s\p{P}\p{S}]/gu, '');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of companySuffixes) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        stripped = true;
        break;
      }
    }
  }
  return s;
}

/** Digits only; null when too short to identify anyone. */
export function phoneKey(value: string | null | undefined): string | null {
  const raw = (value ?? '').trim();
  let digits = raw.replace(/\D/g, '');
  // +86 / 0086: drop the country code; a landline then gets its trunk 0 back (+86 755… = 0755…)
  if (/^(\+|00)86/.test(raw)) {
    digits = digits.replace(/^(00)?86/, '');
    if (!/^[01]/.test(digits)) digits = `0${digits}`;
  } else if (/^861\d{10}$/.test(digits)) digits = digits.slice(2);
  return digits.length >= 5 ? digits : null;
}

export const taxKey = (v: string | null | undefined) => (v ? v.replace(/\s/g, '').toUpperCase() : null);
export const emailKey = (v: string | null | undefined) => (v ? v.trim().toLowerCase() : null);

/** `中国移动通信` → `zgydtx` (letters and digits kept as they are). */
function pinyinInitials(value: string): string {
  const plain = value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return pinyin(plain, {
    pattern: 'first',
    toneType: 'none',
    separator: '',
    nonZh: 'consecutive',
  }).toLowerCase();
}

/** The text a name is searched in: lower case, without spaces. */
export const searchText = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** Characters and adjacent pairs of `s`, each with `prefix`. */
function grams(prefix: string, s: string, into: Set<string>) {
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    into.add(prefix + chars[i]);
    if (i + 1 < chars.length) into.add(prefix + chars[i] + chars[i + 1]);
  }
}

export type SearchSource = {
  name: string;
  shortName?: string | null;
  number?: string | null;
  phone?: string | null;
  mobile?: string | null;
};

/**
 * What a customer is searched by. A GIN index over `searchGrams` serves queries of any
 * length, including the 1–2 Chinese characters trigrams cannot index: a query's own
 * grams must all be present, then a LIKE rechecks the order.
 */
function searchKeys(c: SearchSource) {
  const names = [c.name, c.shortName].filter((v): v is string => Boolean(v));
  const set = new Set<string>();
  for (const n of names) grams('n:', searchText(n), set);
  // initials of the name without its company form: otherwise every 有限公司 adds `yxgs`, and a
  // two-letter query such as `xg` would match nearly every customer
  const initials = names.map((n) => pinyinInitials(nameKey(n) || n));
  for (const p of initials) grams('p:', p, set);
  return {
    pinyin: initials.join(' '),
    searchGrams: [...set],
    searchCodes: searchCodes(c),
  };
}

/**
 * Number and phone digits, lowercased: trigram-indexed for 3+ character queries. Apart from the
 * other keys for writers that work those out before the number is known (imports).
 */
export const searchCodes = (c: Pick<SearchSource, 'number' | 'phone' | 'mobile'>) =>
  [c.number, phoneKey(c.phone), phoneKey(c.mobile)].filter(Boolean).join(' ').toLowerCase();

/**
 * The grams a query is looked up by: its one character, or all its adjacent pairs (the recheck
 * confirms their order). Every pair narrows the bitmap: initials have only 23 letters, so `fs`
 * and `sj` alone leave 10,189 candidates for `fssj` where `fs, ss, sj` leave far fewer — and
 * each candidate is a heap fetch.
 */
export function queryGrams(prefix: string, q: string): string[] {
  const chars = [...q];
  if (chars.length === 1) return [prefix + chars[0]];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(prefix + chars[i] + chars[i + 1]);
  return [...out];
}

/** All derived columns of a customer, recomputed on every write. */
export function derivedColumns(c: SearchSource & { email?: string | null; taxNumber?: string | null }) {
  return {
    nameKey: nameKey(c.name),
    phoneKey: phoneKey(c.phone),
    mobileKey: phoneKey(c.mobile),
    taxKey: taxKey(c.taxNumber),
    emailKey: emailKey(c.email),
    ...searchKeys(c),
  };
}
