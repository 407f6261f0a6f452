// Decimal strings of the API (`12345.6`, checked by the contract's MONEY_PATTERN) are never parsed
// to a float.

/** `1234567.5` → `1,234,567.50`, by string manipulation only (exact at any size). */
export function formatMoney(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** What a money input holds, as the API wants it: separators removed, empty → null. */
export function normaliseMoney(value: string | null | undefined): string | null {
  const text = (value ?? '').replace(/[,\s，]/g, '');
  return text ? text : null;
}
