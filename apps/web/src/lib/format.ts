import dayjs from 'dayjs';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

export function formatDateTimeSeconds(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** Any audited value as short text: null → "", booleans as yes/no, arrays joined, objects as JSON. */
export function formatValue(value: unknown, booleans?: { yes: string; no: string }): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return booleans ? (value ? booleans.yes : booleans.no) : String(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, booleans)).join(', ');
  return JSON.stringify(value);
}
